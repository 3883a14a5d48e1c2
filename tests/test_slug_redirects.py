"""A renamed article keeps its old addresses: they answer 301 with the new ones."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from model_bakery import baker

from articles.models import Article, ArticleSlugAlias
from articles.services.redirects import article_slug_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def article() -> Article:
    return baker.make(Article, slug="old-name", title="Talks in Astana", body="Text.")


def test_slug_change_records_the_old_slug(article):
    article_slug_change(article=article, slug="new-name")
    article.refresh_from_db()
    assert article.slug == "new-name"
    assert list(ArticleSlugAlias.objects.values_list("slug", "article")) == [
        ("old-name", article.pk)
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/articles/old-name/", "/articles/new-name/"),
        ("/articles/old-name/cite.bib", "/articles/new-name/cite.bib"),
        ("/articles/old-name/cite.json", "/articles/new-name/cite.json"),
        ("/articles/old-name/history/", "/articles/new-name/history/"),
        ("/api/v1/articles/old-name/", "/api/v1/articles/new-name/"),
    ],
)
def test_old_urls_redirect_permanently(client, article, old, new):
    article_slug_change(article=article, slug="new-name")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_query_string_is_kept(client, article):
    article_slug_change(article=article, slug="new-name")
    response = client.get("/articles/old-name/?quotes=all")
    assert response["Location"] == "/articles/new-name/?quotes=all"


def test_new_url_serves_the_article(client, article):
    article_slug_change(article=article, slug="new-name")
    response = client.get("/articles/new-name/")
    assert response.status_code == 200
    assert "Talks in Astana" in response.content.decode()


def test_two_renames_both_redirect_to_the_latest(client, article):
    article_slug_change(article=article, slug="second")
    article_slug_change(article=article, slug="third")
    assert client.get("/articles/old-name/")["Location"] == "/articles/third/"
    assert client.get("/articles/second/")["Location"] == "/articles/third/"


def test_renaming_back_drops_the_alias_for_the_live_slug(client, article):
    article_slug_change(article=article, slug="second")
    article_slug_change(article=article, slug="old-name")
    assert client.get("/articles/old-name/").status_code == 200
    assert client.get("/articles/second/")["Location"] == "/articles/old-name/"
    assert not ArticleSlugAlias.objects.filter(slug="old-name").exists()


def test_unknown_slug_is_still_404(client, article):
    assert client.get("/articles/never-existed/").status_code == 404
    assert client.get("/api/v1/articles/never-existed/").status_code == 404


def test_post_to_an_old_address_is_not_redirected(client, article):
    article_slug_change(article=article, slug="new-name")
    response = client.post("/articles/old-name/tags/", {"tag": "Energy"})
    assert response.status_code != 301


def test_a_slug_another_article_uses_is_refused(article):
    baker.make(Article, slug="taken")
    with pytest.raises(ValidationError, match="Another article already uses the slug “taken”."):
        article_slug_change(article=article, slug="taken")
    article.refresh_from_db()
    assert article.slug == "old-name"
    assert not ArticleSlugAlias.objects.exists()


def test_an_invalid_slug_is_refused(article):
    with pytest.raises(ValidationError):
        article_slug_change(article=article, slug="not a slug")


def test_reloading_seeds_keeps_a_renamed_slug_and_its_alias(client, seeded):
    article = Article.objects.get(seed_file__startswith="002_")
    old = article.slug
    article_slug_change(article=article, slug="caravanserai-blinken")
    call_command("load_seeds", verbosity=0)
    article.refresh_from_db()
    assert article.slug == "caravanserai-blinken"
    assert client.get(f"/articles/{old}/")["Location"] == "/articles/caravanserai-blinken/"
