"""Editorial writes and their safeguards: services, audit trail, CSRF, lockout, create_editor."""

import datetime as dt
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from model_bakery import baker

from articles.models import (
    Article,
    ArticleTag,
    EditorialLink,
    Person,
    PersonCandidate,
    Tag,
)
from articles.services.editorial import (
    article_history,
    article_tag_add,
    article_tag_remove,
    candidate_accept,
    candidate_dismiss,
    editorial_link_create,
    editorial_link_delete,
    record_change,
)
from articles.services.linking import relink_all

PASSWORD = "a-long-editor-passphrase"


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def article(db) -> Article:
    return baker.make(Article, slug="astana-talks", title="Talks in Astana", edited_fields=[])


@pytest.fixture
def other(db) -> Article:
    return baker.make(Article, slug="tashkent-talks", title="Talks in Tashkent")


# --- Services -------------------------------------------------------------------------


def test_tag_add_creates_the_tag_with_a_slug_and_records_who(article, editor):
    article_tag = article_tag_add(article=article, tag_name="  Human   rights ", user=editor)

    assert (article_tag.tag.name, article_tag.tag.slug) == ("Human rights", "human-rights")
    assert article_tag.tag.created_by == editor
    assert article_tag.added_by == editor
    assert list(article.tags.all()) == [article_tag.tag]


def test_tag_add_reuses_an_existing_tag_whatever_the_case(article, editor):
    tag = baker.make(Tag, name="Energy", slug="energy")

    article_tag_add(article=article, tag_name="energy", user=editor)
    again = article_tag_add(article=article, tag_name="ENERGY", user=editor)

    assert again.tag == tag
    assert Tag.objects.count() == 1
    assert ArticleTag.objects.count() == 1
    # Tagging twice records one change, not two.
    assert article_history(article).count() == 1


def test_tag_slugs_stay_unique_and_ascii(article, editor):
    baker.make(Tag, name="Energy policy", slug="energy")
    first = article_tag_add(article=article, tag_name="Energy!", user=editor).tag
    cyrillic = article_tag_add(article=article, tag_name="Санкции", user=editor).tag

    assert first.slug == "energy-2"
    assert cyrillic.slug == "tag"


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", "Enter a tag name."), ("x" * 101, "A tag name has at most 100 characters.")],
)
def test_tag_add_refuses_bad_names(article, editor, name, message):
    with pytest.raises(ValidationError) as error:
        article_tag_add(article=article, tag_name=name, user=editor)
    assert error.value.messages == [message]
    assert not Tag.objects.exists()


def test_tag_remove_keeps_the_tag_and_reports_whether_it_did_anything(article, editor):
    tag = article_tag_add(article=article, tag_name="Energy", user=editor).tag

    assert article_tag_remove(article=article, tag=tag, user=editor) is True
    assert article_tag_remove(article=article, tag=tag, user=editor) is False
    assert not article.tags.exists()
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_link_create_and_delete_are_logged_on_both_articles(article, other, editor):
    link = editorial_link_create(
        from_article=article, to_article=other, relation="follow_up", note="Day two.", user=editor
    )
    assert link.created_by == editor
    assert [e.change_message for e in article_history(article)] == [
        "Added link: Follow-up to “Talks in Tashkent” (tashkent-talks). Note: Day two."
    ]
    assert [e.change_message for e in article_history(other)] == [
        "Added link: Followed up by “Talks in Astana” (astana-talks). Note: Day two."
    ]

    editorial_link_delete(link=link, user=editor)

    assert not EditorialLink.objects.exists()
    assert article_history(other).first().change_message == (
        "Removed link: Followed up by “Talks in Astana” (astana-talks)."
    )


@pytest.mark.parametrize(
    ("relation", "same", "message"),
    [
        ("cites", False, "Unknown relation “cites”."),
        ("follow_up", True, "An article cannot be linked to itself."),
    ],
)
def test_link_create_refuses_bad_links(article, other, editor, relation, same, message):
    with pytest.raises(ValidationError) as error:
        editorial_link_create(
            from_article=article,
            to_article=article if same else other,
            relation=relation,
            note="",
            user=editor,
        )
    assert error.value.messages == [message]
    assert not EditorialLink.objects.exists()
    assert not LogEntry.objects.exists()


def test_link_create_refuses_a_duplicate(article, other, editor):
    kwargs = {"from_article": article, "to_article": other, "relation": "same_event", "note": ""}
    editorial_link_create(**kwargs, user=editor)
    with pytest.raises(ValidationError) as error:
        editorial_link_create(**kwargs, user=editor)
    assert error.value.messages == ["These articles are already linked that way."]
    assert EditorialLink.objects.count() == 1


def test_candidate_accept_creates_a_person_and_records_the_review(editor):
    baker.make(Person, name="Other", slug="ivan-petrov")
    candidate = baker.make(PersonCandidate, name="Ivan Petrov", key="ivan petrov")

    person = candidate_accept(candidate=candidate, user=editor)

    candidate.refresh_from_db()
    assert (person.name, person.slug, person.origin) == ("Ivan Petrov", "ivan-petrov-2", "editor")
    assert candidate.status == PersonCandidate.Status.ACCEPTED
    assert candidate.person == person
    assert candidate.reviewed_by == editor
    assert timezone.now() - candidate.reviewed_at < dt.timedelta(minutes=1)
    # Accepting again does not make a second person.
    assert candidate_accept(candidate=candidate, user=editor) == person
    assert Person.objects.count() == 2


def test_candidate_dismiss_records_the_review(editor):
    candidate = baker.make(PersonCandidate, name="Tashkent Mayor", key="tashkent mayor")

    candidate_dismiss(candidate=candidate, user=editor)

    candidate.refresh_from_db()
    assert candidate.status == PersonCandidate.Status.DISMISSED
    assert candidate.reviewed_by == editor
    entry = LogEntry.objects.get()
    assert (entry.object_repr, entry.change_message) == ("Tashkent Mayor", "Dismissed.")


ANALYST_BODY = "“The talks went well,” said Ivan Petrov, a political analyst in Almaty."


def test_dismissed_candidate_stays_dismissed_when_articles_are_linked_again(editor):
    article = baker.make(Article, slug="analysts", title="Analysts", body=ANALYST_BODY)
    relink_all(articles=[article])
    candidate = PersonCandidate.objects.get(name="Ivan Petrov")
    candidate_dismiss(candidate=candidate, user=editor)

    relink_all(articles=[article])

    candidate.refresh_from_db()
    assert candidate.status == PersonCandidate.Status.DISMISSED
    assert candidate.reviewed_by == editor
    assert list(candidate.articles.all()) == [article]


def test_accepted_candidate_is_linked_as_a_person_after_relinking(editor):
    article = baker.make(Article, slug="analysts", title="Analysts", body=ANALYST_BODY)
    relink_all(articles=[article])
    person = candidate_accept(candidate=PersonCandidate.objects.get(), user=editor)

    relink_all(articles=[article])

    assert list(article.mentions.filter(kind="person").values_list("person__slug", "text")) == [
        (person.slug, "Ivan Petrov")
    ]


# --- Audit trail ----------------------------------------------------------------------


def test_every_change_is_a_log_entry_with_who_and_when(article, editor):
    before = timezone.now()
    article_tag_add(article=article, tag_name="Energy", user=editor)

    tag_entry, article_entry = LogEntry.objects.order_by("pk")
    assert (tag_entry.action_flag, tag_entry.object_repr) == (ADDITION, "Energy")
    assert article_entry.action_flag == CHANGE
    assert article_entry.user == editor
    assert article_entry.action_time >= before
    assert article_entry.object_repr == "Talks in Astana"
    assert article_entry.get_change_message() == "Added tag “Energy”."
    assert article_entry.get_edited_object() == article


def test_record_change_accepts_any_object(editor):
    person = baker.make(Person, name="Antony Blinken", slug="antony-blinken")
    entry = record_change(user=editor, obj=person, message="Checked.", action=CHANGE)
    assert (entry.user, entry.object_id, entry.object_repr) == (
        editor,
        str(person.pk),
        "Antony Blinken",
    )


def test_history_collects_site_and_admin_changes_newest_first(client, article, other, editor):
    client.force_login(editor)
    client.post(
        reverse("articles:article-tags", args=[article.slug]), {"action": "add", "tag": "Energy"}
    )
    client.post(
        reverse("articles:article-links", args=[article.slug]),
        {"action": "create", "to_article": other.slug, "relation": "contradicts"},
    )
    editorial_link_create(
        from_article=other, to_article=article, relation="responds_to", note="", user=editor
    )

    response = client.get(reverse("articles:article-history", args=[article.slug]))

    assert response.status_code == 200
    messages = [e.get_change_message() for e in response.context["entries"]]
    assert messages == [
        "Added link: Responded to by “Talks in Tashkent” (tashkent-talks).",
        "Added link: Contradicts “Talks in Tashkent” (tashkent-talks).",
        "Added tag “Energy”.",
    ]
    content = response.content.decode()
    assert "Added tag “Energy”." in content
    assert "editor" in content


# --- The article page and the tag page -------------------------------------------------


def test_tag_added_on_the_site_shows_on_the_tag_page_at_once(client, article, editor):
    client.force_login(editor)
    response = client.post(
        reverse("articles:article-tags", args=[article.slug]),
        {"action": "add", "tag": "Water rights"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/articles/{article.slug}/#editorial"
    assert "Tagged “Water rights”." in [str(m) for m in response.context["messages"]]

    tag_page = client.get(reverse("articles:tag-detail", args=["water-rights"]))

    assert tag_page.status_code == 200
    assert "Talks in Astana" in tag_page.content.decode()


def test_bad_input_comes_back_as_a_message_and_changes_nothing(client, article, editor):
    client.force_login(editor)
    response = client.post(
        reverse("articles:article-links", args=[article.slug]),
        {"action": "create", "to_article": "no-such-article", "relation": "follow_up"},
        follow=True,
    )
    assert "There is no article “no-such-article”." in [
        str(m) for m in response.context["messages"]
    ]
    assert not EditorialLink.objects.exists()


def test_unknown_action_is_a_bad_request(client, article, editor):
    client.force_login(editor)
    response = client.post(reverse("articles:article-tags", args=[article.slug]), {"action": "x"})
    assert response.status_code == 400


def test_tagging_with_a_new_name_needs_permission_to_create_tags(client, article):
    user = baker.make(User, is_staff=True)
    user.user_permissions.add(*_permissions("add_articletag", "view_article"))
    client.force_login(user)
    baker.make(Tag, name="Energy", slug="energy")
    url = reverse("articles:article-tags", args=[article.slug])

    assert client.post(url, {"action": "add", "tag": "New tag"}).status_code == 403
    assert client.post(url, {"action": "add", "tag": "energy"}).status_code == 302
    assert list(article.tags.values_list("name", flat=True)) == ["Energy"]


def test_editing_views_refuse_get(client, article, editor):
    client.force_login(editor)
    assert client.get(reverse("articles:article-tags", args=[article.slug])).status_code == 405
    assert client.get(reverse("articles:article-links", args=[article.slug])).status_code == 405


def test_panel_is_for_editors_only(client, article, editor):
    reader_page = client.get(article.get_absolute_url()).content.decode()
    client.force_login(editor)
    editor_page = client.get(article.get_absolute_url()).content.decode()

    assert 'id="editorial"' not in reader_page
    assert reverse("articles:article-tags", args=[article.slug]) not in reader_page
    assert 'id="editorial"' in editor_page
    assert reverse("articles:article-history", args=[article.slug]) in editor_page


# --- Admin: editor-owned fields -------------------------------------------------------


def _article_form(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "source": article.source_id or "",
        "published": article.published.isoformat() if article.published else "",
        "url": article.url,
        "language": article.language,
        "article_tags-TOTAL_FORMS": "0",
        "article_tags-INITIAL_FORMS": "0",
        "links_out-TOTAL_FORMS": "0",
        "links_out-INITIAL_FORMS": "0",
        "links_in-TOTAL_FORMS": "0",
        "links_in-INITIAL_FORMS": "0",
    }
    return data | changes


def test_admin_records_the_editor_owned_fields_an_editor_changed(client, editor):
    article = baker.make(
        Article, published=dt.date(2023, 3, 1), language="en", url="", edited_fields=["url"]
    )
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = client.post(url, _article_form(article, published="2023-02-28", language="ru"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published == dt.date(2023, 2, 28)
    assert article.edited_fields == ["url", "published", "language"]
    entry = article_history(article).first()
    assert (entry.user, entry.get_change_message()) == (editor, "Changed Published and Language.")


def test_admin_saving_without_changes_marks_nothing_edited(client, editor):
    article = baker.make(Article, language="en", url="", edited_fields=[])
    client.force_login(editor)
    client.post(reverse("admin:articles_article_change", args=[article.pk]), _article_form(article))
    article.refresh_from_db()
    assert article.edited_fields == []


def test_admin_tag_inline_records_who_and_names_the_tag(client, article, editor):
    tag = baker.make(Tag, name="Energy", slug="energy")
    client.force_login(editor)
    data = _article_form(article) | {
        "article_tags-TOTAL_FORMS": "1",
        "article_tags-0-tag": tag.pk,
    }

    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302
    assert ArticleTag.objects.get().added_by == editor
    assert article_history(article).first().get_change_message() == "Added article tag “Energy”."


# --- CSRF -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("articles:article-tags", {"action": "add", "tag": "Energy"}),
        ("articles:article-links", {"action": "create", "relation": "follow_up"}),
    ],
)
def test_editing_without_a_csrf_token_is_refused(article, other, editor, name, data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    data = data | ({"to_article": other.slug} if "relation" in data else {})

    response = client.post(reverse(name, args=[article.slug]), data)

    assert response.status_code == 403
    assert not ArticleTag.objects.exists()
    assert not EditorialLink.objects.exists()
    assert not LogEntry.objects.exists()


# --- Lockout (django-axes): 5 failures per username and IP address lock for 1 hour ----


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_five_failed_logins_lock_that_username_from_that_address(client, editor):
    for _ in range(4):
        response = _login(client, "editor", "wrong")
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()

    fifth = _login(client, "editor", "wrong")
    assert fifth.status_code == 429
    assert "Signing in is locked" in fifth.content.decode()

    # Even the right password is refused while locked.
    assert _login(client, "editor", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, editor):
    User.objects.create_user("colleague", password=PASSWORD)
    for _ in range(5):
        _login(client, "editor", "wrong")

    assert _login(client, "colleague", PASSWORD).status_code == 302  # other user, same address
    client.logout()
    assert _login(client, "editor", PASSWORD, ip="10.0.0.2").status_code == 302  # other address


def test_lockout_lifts_after_an_hour(client, editor):
    for _ in range(5):
        _login(client, "editor", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=61))

    assert _login(client, "editor", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(4):
        _login(client, "editor", "wrong")
    assert _login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "editor", "wrong").status_code == 200


def test_login_and_logout_pages(client, editor, rf):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Sign in" in page.content.decode()

    assert _login(client, "editor", PASSWORD).status_code == 302
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:home")  # LOGOUT_REDIRECT_URL
    assert "_auth_user_id" not in client.session

    request = rf.get("/")
    request.user = AnonymousUser()
    assert "You have signed out." in render_to_string(
        "registration/logged_out.html", request=request
    )


# --- create_editor --------------------------------------------------------------------


def _run(*args, **kwargs) -> str:
    out = StringIO()
    call_command("create_editor", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_create_editor_takes_the_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)

    output = _run("maria", "--email", "maria@example.org")

    assert output.strip() == "Created editor “maria” (staff, in Editors)."
    user = User.objects.get(username="maria")
    assert user.is_staff and not user.is_superuser
    assert user.email == "maria@example.org"
    assert user.check_password(PASSWORD)
    assert user.has_perm("articles.add_articletag")
    assert not user.has_perm("articles.delete_article")


def test_create_editor_prompts_twice(db, monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    prompts = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or PASSWORD)

    _run("maria")

    assert prompts == ["Password: ", "Password (again): "]
    assert User.objects.get(username="maria").check_password(PASSWORD)


def test_create_editor_updates_an_existing_user(db, monkeypatch):
    User.objects.create_user("maria", password="old-password-here", is_staff=False)
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)

    output = _run("maria")

    assert output.strip() == "Updated editor “maria”: staff, in Editors, password changed."
    user = User.objects.get(username="maria")
    assert user.is_staff and user.check_password(PASSWORD)
    assert user.groups.filter(name="Editors").exists()


def test_create_editor_dry_run_changes_nothing(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    assert _run("maria", "--dry-run").strip() == "Dry run: would have created editor “maria”."
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("username", "env", "answers", "message"),
    [
        ("maria", "", None, "EDITOR_PASSWORD is set but empty."),
        ("maria", None, ["", ""], "The password is empty."),
        ("maria", None, [PASSWORD, PASSWORD + "x"], "The passwords do not match."),
        (
            "maria",
            "12345678",
            None,
            "Password rejected: This password is too common. This password is entirely numeric.",
        ),
        (
            "maria",
            "short",
            None,
            "Password rejected: This password is too short. It must contain at least 8 characters.",
        ),
        (
            "no spaces!",
            PASSWORD,
            None,
            "Invalid username “no spaces!”: Enter a valid username. "
            "This value may contain only letters, numbers, and @/./+/-/_ characters.",
        ),
        ("   ", PASSWORD, None, "The username is empty."),
    ],
)
def test_create_editor_errors(db, monkeypatch, username, env, answers, message):
    if env is None:
        monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
        replies = iter(answers)
        monkeypatch.setattr("getpass.getpass", lambda prompt: next(replies))
    else:
        monkeypatch.setenv("EDITOR_PASSWORD", env)

    with pytest.raises(CommandError) as error:
        _run(username)

    assert str(error.value) == message
    assert not User.objects.exists()


def test_create_editor_without_a_terminal_says_what_to_do(db, monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)

    def no_terminal(prompt):
        raise EOFError

    monkeypatch.setattr("getpass.getpass", no_terminal)
    with pytest.raises(CommandError, match="set EDITOR_PASSWORD or run the command in a terminal"):
        _run("maria")


def test_create_editor_refuses_a_bad_email(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    with pytest.raises(CommandError) as error:
        _run("maria", "--email", "not-an-address")
    assert str(error.value) == "Invalid e-mail address “not-an-address”."


# --- The Editors group ----------------------------------------------------------------


def _permissions(*codenames):
    return Permission.objects.filter(codename__in=codenames)


def test_editors_group_has_exactly_the_editorial_permissions(db):
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    views = {
        f"view_{m}"
        for m in [
            "article",
            "articletag",
            "country",
            "countryname",
            "editoriallink",
            "fact",
            "mention",
            "person",
            "personcandidate",
            "personname",
            "quote",
            "quotecluster",
            "source",
            "sourcealias",
            "tag",
            "logentry",
        ]
    }
    changes = {
        f"{verb}_{model}"
        for model in (
            "articletag",
            "tag",
            "editoriallink",
            "personname",
            "countryname",
            "sourcealias",
        )
        for verb in ("add", "change", "delete")
    } | {
        "change_article",
        "add_source",
        "change_source",
        "add_person",
        "change_person",
        "change_personcandidate",
    }
    assert codenames == views | changes
