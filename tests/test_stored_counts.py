"""Stored counts: each article's mentions, people and countries, and its rows of named entities,
kept by the linking service and always equal to what its mentions say."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Article, ArticleEntity, Mention, Person, PersonName
from articles.selectors.common import COUNTRY, PERSON, entities_top
from articles.services.counts import article_counts_drift, article_counts_refresh
from articles.services.editorial import article_tag_add
from articles.services.linking import relink_all
from tests.conftest import MigrationStep
from tests.factories import ArticleFactory, CountryFactory, MentionFactory, PersonFactory


def from_mentions(article: Article) -> dict:
    """What the stored counts must be, computed from the mentions alone."""
    mentions = list(Mention.objects.filter(article=article))
    return {
        "mention_count": len(mentions),
        "people_count": len({m.person_id for m in mentions if m.kind == PERSON}),
        "country_count": len({m.country_id for m in mentions if m.kind == COUNTRY}),
        "entities": Counter((m.kind, m.person_id, m.country_id) for m in mentions),
    }


def stored(article: Article) -> dict:
    article = Article.objects.get(pk=article.pk)
    rows = ArticleEntity.objects.filter(article=article)
    return {
        "mention_count": article.mention_count,
        "people_count": article.people_count,
        "country_count": article.country_count,
        "entities": Counter({(r.kind, r.person_id, r.country_id): r.mentions for r in rows}),
    }


def assert_counts_right() -> None:
    articles = list(Article.objects.order_by("pk"))
    assert articles
    for article in articles:
        assert stored(article) == from_mentions(article), article.slug
    assert article_counts_drift() == []


def test_a_load_stores_each_articles_counts(seeded):
    assert_counts_right()
    assert Article.objects.filter(mention_count__gt=0).count() == Article.objects.count()
    assert ArticleEntity.objects.filter(kind=PERSON).exists()


def test_a_relink_after_a_new_name_variant_keeps_the_counts_right(seeded):
    person = Person.objects.get(slug="antony-blinken")
    article = Article.objects.filter(mentions__person=person).first()
    before = stored(article)["people_count"]
    PersonName.objects.create(person=person, name="Tony the Secretary")
    Article.objects.filter(pk=article.pk).update(body=article.body + "\n\nTony the Secretary left.")
    relink_all()
    assert_counts_right()
    after = stored(article)
    assert after["entities"][(PERSON, person.pk, None)] > before  # one more mention of him
    assert after["people_count"] == before


INLINE = ("TOTAL_FORMS", "INITIAL_FORMS")


def test_editorial_edits_leave_the_counts_alone(seeded, client):
    editor = get_user_model().objects.create_superuser("chief", password="pw")
    article = Article.objects.order_by("pk").first()
    expected = stored(article)
    article_tag_add(article=article, tag_name="Energy", user=editor)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = {
        "title": "A corrected headline",
        "source": article.source_id or "",
        "published": article.published.isoformat() if article.published else "",
        "url": article.url,
        "language": article.language,
        **{f"{p}-{n}": "0" for p in ("article_tags", "links_out", "links_in") for n in INLINE},
    }
    response = client.post(url, form)
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "A corrected headline"
    assert stored(article) == expected
    assert_counts_right()


def test_deleting_an_article_deletes_its_rows_and_no_other_count_moves(seeded):
    doomed, *others = Article.objects.order_by("pk")
    expected = {other.pk: stored(other) for other in others}
    doomed.delete()
    assert not ArticleEntity.objects.filter(article_id=doomed.pk).exists()
    assert {other.pk: stored(other) for other in others} == expected
    assert_counts_right()


def test_a_person_with_mentions_cannot_be_deleted_from_under_the_counts(seeded, client):
    # The admin refuses: their mentions and stored entities are derived rows no one deletes.
    chief = get_user_model().objects.create_superuser("chief", password="pw")
    client.force_login(chief)
    person = Person.objects.get(slug="antony-blinken")
    url = reverse("admin:articles_person_delete", args=[person.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()
    assert_counts_right()


def test_a_count_that_drifts_is_found_and_refreshed(seeded):
    article = Article.objects.order_by("pk").first()
    right = stored(article)
    Article.objects.filter(pk=article.pk).update(mention_count=right["mention_count"] + 1)
    assert article_counts_drift() == [article.pk]
    ArticleEntity.objects.filter(article=article).order_by("pk").first().delete()
    assert article_counts_drift() == [article.pk]
    assert article_counts_refresh() == Article.objects.count()
    assert stored(article) == right
    assert article_counts_drift() == []


def test_facets_count_articles_as_the_mentions_do(seeded):
    for kind in (PERSON, COUNTRY):
        expected = Counter()
        for _article, key in set(
            Mention.objects.filter(kind=kind).values_list("article", f"{kind}__slug")
        ):
            expected[key] += 1
        rows = entities_top(kind, limit=100)
        assert {row["slug"]: row["articles"] for row in rows} == dict(expected)
        mentions = Counter(
            Mention.objects.filter(kind=kind).values_list(f"{kind}__slug", flat=True)
        )
        assert {row["slug"]: row["mentions"] for row in rows} == dict(mentions)


def test_sorting_by_mentions_reads_the_stored_count(db, client):
    kz = CountryFactory(code="KZ")
    busy, quiet, silent = (ArticleFactory(slug=slug) for slug in ("busy", "quiet", "silent"))
    person = PersonFactory()
    for start in range(0, 50, 10):
        MentionFactory(article=busy, person=person, start=start)
    MentionFactory(article=quiet, country=kz, start=0)
    assert stored(busy)["mention_count"] == 5
    assert stored(busy)["people_count"] == 1
    assert stored(quiet)["country_count"] == 1
    response = client.get(reverse("articles:list") + "?sort=mentions")
    assert [a.slug for a in response.context["articles"]] == ["busy", "quiet", "silent"]


def test_the_article_page_says_how_related_coverage_is_chosen(seeded, client):
    article = Article.objects.filter(mentions__isnull=False).order_by("pk").first()
    response = client.get(article.get_absolute_url())
    assert response.context["related"]
    assert (
        "Chosen among the 300 articles added most recently that share each of its people, "
        "countries, tags, quotes and figures."
    ) in response.content.decode()


BEFORE_COUNTS = ("articles", "0017_search_body_prefix")


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_counts_of_articles_linked_before():
    step = MigrationStep(BEFORE_COUNTS)
    Mention, Person, Country = (step.model(name) for name in ("Mention", "Person", "Country"))
    one, _two = step.articles("one", "two")
    blinken = Person.objects.create(name="Antony Blinken", slug="antony-blinken")
    kz = Country.objects.create(code="KZ", slug="kz", name="Kazakhstan")
    for start in (0, 10, 20):
        Mention.objects.create(
            article=one, kind="person", person=blinken, start=start, end=start + 5, text="B"
        )
    Mention.objects.create(article=one, kind="country", country=kz, start=30, end=35, text="K")

    new = step.forward()
    Article = new.get_model("articles", "Article")
    ArticleEntity = new.get_model("articles", "ArticleEntity")
    counts = dict(
        (slug, (m, p, c))
        for slug, m, p, c in Article.objects.values_list(
            "slug", "mention_count", "people_count", "country_count"
        )
    )
    assert counts == {"one": (4, 1, 1), "two": (0, 0, 0)}
    assert sorted(
        ArticleEntity.objects.values_list(
            "article__slug", "kind", "person__slug", "country_id", "mentions"
        )
    ) == [("one", "country", None, "KZ", 1), ("one", "person", "antony-blinken", None, 3)]


def test_facets_beyond_their_scope_count_the_newest_and_say_so(db, client, monkeypatch):
    import articles.selectors.articles as selectors
    import articles.views.browse as browse

    monkeypatch.setattr(selectors, "FACET_SCOPE", 2)
    monkeypatch.setattr(browse, "FACET_SCOPE", 2)
    kz = CountryFactory(code="KZ")
    for day, slug in ((1, "oldest"), (2, "middle"), (3, "newest")):
        article = ArticleFactory(slug=slug, published=f"2023-03-0{day}")
        MentionFactory(article=article, country=kz, start=0)
    response = client.get(reverse("articles:list"))
    (countries,) = [f for f in response.context["facets"] if f.param == "country"]
    assert [(o.value, o.count) for o in countries.options] == [("kz", 2)]
    assert "Counts below are for the 2 added to the archive most recently of the 3 matching" in (
        response.content.decode()
    )
    everything = client.get(reverse("articles:list"), {"country": "kz"})
    assert len(everything.context["articles"]) == 3  # the list itself is not cut
