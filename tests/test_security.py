"""Hardening of the web layer: security headers, hostile URLs, login limits, account pages."""

import importlib
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, User
from django.test import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

from archive.lockout import lockout_username
from archive.settings import client_address_settings
from articles.models import Article, Country, Person, QuoteCluster, Source, Tag
from articles.views.errors import server_error
from tests.factories import ArticleFactory, PersonFactory, SourceFactory, TagFactory

PASSWORD = "a-long-editor-password-7"


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


# --- Content-Security-Policy and Permissions-Policy -------------------------------------


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("url", ["/", "/articles/", "/accounts/login/", "/admin/login/", "/nope/"])
def test_every_page_sends_a_strict_content_security_policy(client, db, url):
    response = client.get(url)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/admin/login/"])
def test_every_page_denies_powerful_browser_features(client, db, url):
    header = client.get(url).headers["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


class InlineCode(HTMLParser):
    """Collects inline scripts (other than JSON-LD data), <style> blocks and style attributes."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.found.append(f"style attribute on <{tag}>")
        if tag == "style":
            self.found.append("<style> block")
        if (
            tag == "script"
            and not attributes.get("src")
            and attributes.get("type") != "application/ld+json"
        ):
            self.found.append("inline <script>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def public_urls() -> list[str]:
    article = Article.objects.order_by("slug").first()
    other = Article.objects.order_by("slug").last()
    urls = [
        "/",
        "/articles/",
        "/articles/?q=Tokayev",
        article.get_absolute_url(),
        "/people/",
        Person.objects.first().get_absolute_url(),
        "/countries/",
        Country.objects.first().get_absolute_url(),
        "/sources/",
        Source.objects.first().get_absolute_url(),
        "/tags/",
        "/quotes/",
        QuoteCluster.objects.first().get_absolute_url(),
        "/facts/",
        "/compare/",
        f"/compare/?a={article.slug}&b={other.slug}",
        "/coverage/",
        "/accounts/login/",
        "/admin/login/",
        "/no-such-page/",
    ]
    tag = Tag.objects.first()
    if tag is not None:
        urls.append(tag.get_absolute_url())
    return urls


def test_no_public_page_has_inline_script_or_style(client, seeded):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert inline_code(response.content.decode()) == [], url


def test_no_editor_page_has_inline_script_or_style(client, seeded, editor):
    article = Article.objects.first()
    TagFactory(name="Energy", slug="energy")
    client.force_login(editor)
    urls = [
        article.get_absolute_url(),  # with the editors' panel
        reverse("articles:article-history", args=[article.slug]),
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/tag/",
        "/admin/articles/person/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response.content.decode()) == [], url


def test_the_server_error_page_has_no_inline_style(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert inline_code(html) == []
    assert 'href="/static/css/error.css"' in html


# --- NUL bytes in URLs --------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/compare/?a=%00",
        "/countries/%00/",
        "/quotes/%00/",
        "/articles/?q=%00",
        "/articles/?person=%00",
        "/people/?q=%00",
        "/articles/%00/",
        "/articles/?%00=1",
    ],
)
def test_a_nul_byte_in_a_public_url_is_a_bad_request(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/%00/change/",
        "/admin/articles/article/%00/history/",
        "/admin/articles/country/%00/change/",
        "/admin/articles/article/?q=%00",
        "/admin/articles/article/?source__id__exact=%00",
        "/admin/articles/person/?country__code__exact=%00",
        "/admin/articles/article/?o=%00",
        "/admin/autocomplete/?term=%00&app_label=articles&model_name=article&field_name=source",
    ],
)
def test_a_nul_byte_in_an_admin_url_is_a_bad_request(client, seeded, editor, url):
    client.force_login(editor)
    assert client.get(url).status_code == 400


# --- Login: over-long usernames, lockout behind a proxy, a cap per address -------------------


@pytest.mark.parametrize("login_url", ["/accounts/login/", "/admin/login/"])
@pytest.mark.parametrize("length", [151, 256, 5_000])
def test_an_over_long_username_is_a_form_error(client, editor, login_url, length):
    response = client.post(login_url, {"username": "u" * length, "password": "whatever"})
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_nul_byte_in_the_username_is_a_form_error(client, editor):
    response = client.post("/accounts/login/", {"username": "edi\x00tor", "password": PASSWORD})
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_records_clip_usernames_to_what_axes_can_store(rf, editor):
    request = rf.post("/accounts/login/", REMOTE_ADDR="198.51.100.7")
    assert authenticate(request=request, username="x" * 300, password="no") is None
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "x" * 255
    assert attempt.ip_address == "198.51.100.7"


def test_lockout_username_keeps_ordinary_names():
    assert lockout_username(None, {"username": "editor"}) == "editor"
    assert lockout_username(None, {"username": "edi\x00tor"}) == "editor"
    assert lockout_username(None, {"username": None}) is None


def _login(client, username, password, **headers):
    headers.setdefault("REMOTE_ADDR", "127.0.0.1")
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


@pytest.fixture
def behind_one_proxy(settings):
    for name, value in client_address_settings(1).items():
        setattr(settings, name, value)


def test_without_a_proxy_setting_forwarded_headers_are_ignored(client, editor):
    # Five failures "from" five forwarded addresses are five failures from 127.0.0.1.
    for n in range(5):
        _login(client, "editor", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}
    assert _login(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429


def test_behind_a_proxy_one_client_cannot_lock_out_the_others(client, editor, behind_one_proxy):
    for _ in range(5):
        response = _login(client, "editor", "wrong", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"

    # The editor, from their own address, through the same proxy, signs in.
    response = _login(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_behind_a_proxy_a_forged_forwarded_header_changes_nothing(client, editor, behind_one_proxy):
    # The client claims to be 203.0.113.9; the proxy appends the address it really saw.
    for _ in range(5):
        _login(client, "editor", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    forged = _login(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="10.1.1.1, 198.51.100.7")
    assert forged.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


def test_one_address_failing_for_many_usernames_is_locked_out(client, editor, settings):
    assert settings.AXES_IP_FAILURE_LIMIT == 50
    # 49 failures over many usernames, under the per-username limit of 5 each.
    for n in range(49):
        response = _login(client, f"guess{n % 25}", "wrong")
        assert response.status_code == 200
    assert _login(client, "editor", PASSWORD).status_code == 302  # not yet
    client.logout()

    assert _login(client, "guess-last", "wrong").status_code == 429  # the 50th failure
    refused = _login(client, "editor", PASSWORD)
    assert refused.status_code == 429
    assert "Signing in is locked" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Other addresses are not affected.
    assert _login(client, "editor", PASSWORD, REMOTE_ADDR="10.9.9.9").status_code == 302


# --- Password reset only with mail --------------------------------------------------------


@pytest.fixture
def reload_urls():
    """Rebuild the URLconf under the current settings; restore it afterwards."""

    def reload():
        clear_url_caches()
        importlib.reload(importlib.import_module("archive.urls"))

    yield reload
    reload()


def test_without_mail_there_is_no_password_reset(client, db, settings, reload_urls):
    assert settings.PASSWORD_RESET_BY_EMAIL is False
    reload_urls()
    assert client.get("/accounts/password_reset/").status_code == 404
    assert client.get("/accounts/reset/done/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("password_reset")
    assert client.get("/accounts/login/").status_code == 200


@override_settings(
    PASSWORD_RESET_BY_EMAIL=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
)
def test_with_mail_password_reset_sends_the_link(client, editor, reload_urls, mailoutbox):
    editor.email = "editor@example.org"
    editor.save()
    reload_urls()
    assert client.get("/accounts/password_reset/").status_code == 200
    response = client.post("/accounts/password_reset/", {"email": "editor@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


# --- Bidirectional text controls in titles and names ----------------------------------------

RLO, RLI = "\u202e", "\u2067"


def test_override_characters_in_titles_and_names_stay_inside_them(client, db):
    country = Country.objects.create(code="KZ", name=f"Kaz{RLO}akh", slug="kz")
    source = SourceFactory(name=f"Times{RLI}", slug="times", country=country)
    person = PersonFactory(name=f"{RLO}Blinken", slug="blinken", country=country)
    article = ArticleFactory(
        slug="talks", title=f"Talks{RLO} in Astana", source=source, published=None, authors=[person]
    )

    listing = client.get("/articles/").content.decode()
    assert f'<bdi><a href="{article.get_absolute_url()}">Talks{RLO} in Astana</a></bdi>' in listing
    # The outlet label joins name and place: its parts lose their controls, the whole is isolated.
    label = f'<bdi class="outlet"><a href="{source.get_absolute_url()}">Times · Kazakh</a></bdi>'
    assert label in listing
    assert f'<bdi><a href="{person.get_absolute_url()}">{RLO}Blinken</a></bdi>' in listing

    detail = client.get(article.get_absolute_url()).content.decode()
    assert f'<h1 id="article-title"><bdi>Talks{RLO} in Astana</bdi></h1>' in detail
    # Where markup is impossible (the page title) the controls are removed.
    assert "<title>Talks in Astana ·" in detail

    profile = client.get(person.get_absolute_url()).content.decode()
    assert f"<h1><bdi>{RLO}Blinken</bdi></h1>" in profile
    people = client.get("/people/").content.decode()
    assert f'<bdi><a href="{person.get_absolute_url()}">{RLO}Blinken</a></bdi>' in people
    countries = client.get("/countries/").content.decode()
    assert f'<bdi><a href="{country.get_absolute_url()}">Kaz{RLO}akh</a></bdi>' in countries
