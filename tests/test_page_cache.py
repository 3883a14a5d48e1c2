"""The page cache for anonymous visitors: served from the cache, made stale by every change.

The suite renders every page afresh (``PAGE_CACHE_SECONDS = 0`` in the test settings); the
``page_cache`` fixture turns the cache on. The tests commit (``transaction=True``): the data
version is bumped after a commit, as it is in production.
"""

from __future__ import annotations

import re
import shutil

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from articles.models import ArchiveVersion, Article, Country, Tag
from articles.page_cache import storable_response
from articles.services.editorial import article_tag_add
from articles.services.load import archive_load
from articles.services.versions import archive_changed, is_archive_write
from tests.conftest import SEEDS_DIR
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# Views for the cases no archive page shows to an anonymous visitor, served beside the archive.
def rendered_count(request):
    rendered_count.calls += 1
    return HttpResponse(f"rendered {rendered_count.calls} times")


rendered_count.calls = 0


def sets_cookie(request):
    response = HttpResponse("with a cookie")
    response.set_cookie("seen", "1")
    return response


def with_csrf_token(request):
    return HttpResponse(f'<form><input name="csrfmiddlewaretoken" value="{get_token(request)}">')


urlpatterns = [
    path("test/count/", rendered_count),
    path("test/cookie/", sets_cookie),
    path("test/csrf/", with_csrf_token),
    path("", include("archive.urls")),
]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROOT_URLCONF = __name__
    caches["pages"].clear()
    archive_changed()  # the version row, whatever an earlier test's flush left
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture
def article() -> Article:
    return ArticleFactory(slug="astana-talks", title="Talks in Astana")


def version() -> int:
    return ArchiveVersion.objects.get().version


def entries(cache) -> int:
    return len(cache._cache)


def test_second_anonymous_request_is_served_from_the_cache(
    page_cache, article, client, django_assert_num_queries
):
    first = client.get(article.get_absolute_url())
    assert first.status_code == 200
    assert entries(page_cache) == 1
    with django_assert_num_queries(1):  # the data version, nothing else
        second = client.get(article.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content
    assert "Talks in Astana" in second.content.decode()
    assert second["ETag"] == first["ETag"]
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Type"] == first["Content-Type"]


def test_with_the_cache_off_every_request_renders(page_cache, settings, article, client):
    settings.PAGE_CACHE_SECONDS = 0
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(article.get_absolute_url())
        counts.append(len(captured))
        assert "ETag" not in response
    assert counts[0] == counts[1] > 1
    assert entries(page_cache) == 0


def test_a_tag_added_through_the_service_shows_on_the_next_request(page_cache, article, client):
    editor = User.objects.create_user("editor", is_staff=True)
    assert "Water security" not in client.get(article.get_absolute_url()).content.decode()
    before = version()
    article_tag_add(article=article, tag_name="Water security", user=editor)
    assert version() == before + 1  # one bump for the service's whole transaction
    assert "Water security" in client.get(article.get_absolute_url()).content.decode()


def test_an_edit_shows_on_every_cached_page_it_touches(page_cache, article, client):
    client.get("/articles/")
    client.get(article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Talks in Tashkent")
    assert "Talks in Tashkent" in client.get("/articles/").content.decode()
    assert "Talks in Tashkent" in client.get(article.get_absolute_url()).content.decode()


def test_a_load_shows_on_the_next_request(page_cache, tmp_path, client):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("catalog.toml", "collection.toml", "gazetteer.toml"):
        shutil.copy(SEEDS_DIR / name, folder / name)
    first, second = sorted(SEEDS_DIR.glob("*.txt"))[:2]
    shutil.copy(first, folder / first.name)
    archive_load(paths=[folder], gazetteer=folder / "gazetteer.toml")
    listing = client.get("/articles/").content.decode()
    assert client.get("/articles/").content.decode() == listing  # cached
    before = version()

    shutil.copy(second, folder / second.name)
    report = archive_load(paths=[folder], gazetteer=folder / "gazetteer.toml")
    assert report.written == 1
    assert version() > before
    added = Article.objects.get(seed_file=second.name)
    assert added.title in client.get("/articles/").content.decode()
    assert added.title not in listing


def test_an_unchanged_reload_keeps_the_cache(page_cache, tmp_path, client):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, folder)
    for extra in sorted(folder.glob("*.txt"))[1:]:
        extra.unlink()
    archive_load(paths=[folder], gazetteer=folder / "gazetteer.toml")
    client.get("/articles/")
    before = version()
    report = archive_load(paths=[folder], gazetteer=folder / "gazetteer.toml")
    assert not report.changed
    assert version() == before


def test_an_admin_save_shows_on_the_next_request(page_cache, client):
    Country.objects.create(code="KZ", name="Kazakhstan", slug="kz")
    admin = User.objects.create_superuser("admin", password="a-long-admin-passphrase")
    page = client.get("/countries/kz/").content.decode()
    assert "Kazakhstan" in page
    assert "Qazaqstan" not in page
    editor = Client()
    editor.force_login(admin)
    country = Country.objects.get()
    response = editor.post(
        f"/admin/articles/country/{country.pk}/change/",
        {
            "code": "KZ",
            "name": "Qazaqstan",
            "slug": "kz",
            "description": "",
            "names-TOTAL_FORMS": "0",
            "names-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Qazaqstan" in client.get("/countries/kz/").content.decode()


def test_a_write_that_rolls_back_keeps_the_version(page_cache, article):
    before = version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Tag.objects.create(name="Gone", slug="gone")
        raise RuntimeError
    assert version() == before
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            Tag.objects.create(name="Gone", slug="gone")
            raise RuntimeError
        Tag.objects.create(name="Kept", slug="kept")
    assert version() == before + 1


def test_an_editor_never_gets_a_cached_page_nor_another_editors_token(
    page_cache, article, client, django_assert_max_num_queries
):
    anonymous = client.get(article.get_absolute_url()).content.decode()
    assert not CSRF_INPUT.search(anonymous)
    pages = {}
    for name in ("alice", "bob"):
        editor = Client()
        editor.force_login(User.objects.create_superuser(name, password="x-long-passphrase-1"))
        for visit in range(2):
            page = editor.get(article.get_absolute_url())
            body = page.content.decode()
            assert f"Signed in as <strong>{name}</strong>" in body
            assert "ETag" not in page
            pages[name, visit] = frozenset(CSRF_INPUT.findall(body))
            assert pages[name, visit], "the editorial panel's forms carry a token"
    assert len(set(pages.values())) == 4  # every page rendered afresh, with its own token
    assert entries(page_cache) == 1  # only the anonymous page was stored
    assert client.get(article.get_absolute_url()).content.decode() == anonymous


def test_visitors_with_a_session_or_messages_cookie_bypass_the_cache(page_cache, client):
    client.get("/test/count/")
    assert client.get("/test/count/").content == client.get("/test/count/").content
    for cookie in ("sessionid", "messages"):
        other = Client()
        other.cookies[cookie] = "anything"
        first, second = other.get("/test/count/"), other.get("/test/count/")
        assert first.content != second.content


def test_responses_that_set_a_cookie_or_render_a_csrf_token_are_not_cached(page_cache, client):
    assert "seen" in client.get("/test/cookie/").cookies
    assert "seen" in client.get("/test/cookie/").cookies
    first = CSRF_INPUT.search(client.get("/test/csrf/").content.decode()).group(1)
    visitor = Client()
    second = CSRF_INPUT.search(visitor.get("/test/csrf/").content.decode()).group(1)
    assert first != second
    assert entries(page_cache) == 0


def test_the_query_string_and_the_host_are_part_of_the_key(page_cache, client):
    one = client.get("/test/count/?page=1").content
    two = client.get("/test/count/?page=2").content
    assert one != two
    assert client.get("/test/count/?page=1").content == one
    assert client.get("/test/count/?page=1&page=1").content not in (one, two)
    assert client.get("/test/count/?page=1", HTTP_HOST="127.0.0.1").content != one


def test_a_revalidating_browser_gets_304_until_the_data_changes(page_cache, article, client):
    first = client.get(article.get_absolute_url())
    etag = first["ETag"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again.content == b""
    Article.objects.filter(pk=article.pk).update(title="Talks in Tashkent")
    changed = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Talks in Tashkent" in changed.content.decode()


def test_admin_api_and_accounts_pages_are_never_cached(page_cache, client):
    client.get("/accounts/login/")
    client.get("/api/v1/articles/")
    client.get("/admin/login/")
    assert entries(page_cache) == 0


@pytest.mark.django_db  # no commit needed: the module's transactional mark is overridden
def test_what_may_be_stored():
    request = RequestFactory().get("/")
    assert storable_response(request, HttpResponse("ok"), max_bytes=100)
    assert not storable_response(request, HttpResponse("ok", status=404), max_bytes=100)
    assert not storable_response(request, HttpResponse("x" * 101), max_bytes=100)
    for cache_control in ("private", "no-cache", "no-store", "max-age=0", "public, max-age=0"):
        response = HttpResponse("ok", headers={"Cache-Control": cache_control})
        assert not storable_response(request, response, max_bytes=100), cache_control
    assert storable_response(request, HttpResponse("ok", headers={"Vary": "Cookie"}), max_bytes=9)
    varying = HttpResponse("ok", headers={"Vary": "Cookie, Accept-Language"})
    assert not storable_response(request, varying, max_bytes=100)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('INSERT INTO "articles_tag" ("name") VALUES (%s)', True),
        ('UPDATE "articles_article" SET "title" = %s', True),
        ('  DELETE FROM "articles_mention" WHERE "id" IN (1)', True),
        ('WITH x AS (SELECT 1) UPDATE "articles_tag" SET "name" = %s', True),
        ('SELECT "articles_article"."id" FROM "articles_article"', False),
        ('WITH x AS (SELECT 1) SELECT "id" FROM "articles_tag"', False),
        ('UPDATE "articles_archiveversion" SET "version" = 2', False),
        ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
        ('UPDATE "auth_user" SET "last_login" = %s', False),
        ('INSERT INTO "articles_cache_pages" ("cache_key") VALUES (%s)', False),
        ('DELETE FROM "articles_article_authors" WHERE "article_id" = 1', True),
        ('SAVEPOINT "s1"', False),
        ('UPDATE "articles_job" SET "done" = 3', False),
        ('INSERT INTO "articles_jobfileresult" ("job_id") VALUES (%s)', False),
    ],
)
def test_which_statements_change_archive_data(sql, writes):
    assert is_archive_write(sql) is writes
