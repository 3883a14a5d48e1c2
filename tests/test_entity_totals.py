"""Stored totals per person and country (articles naming them, mentions), kept with each
article's entity rows and always equal to what the mentions say."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Article, Country, Mention, Person, PersonCandidate
from articles.selectors.common import COUNTRY, PERSON, entities_top
from articles.services.candidates import candidate_merge
from articles.services.counts import articles_delete, entity_totals_drift, entity_totals_refresh
from articles.services.linking import relink_all
from tests.conftest import MigrationStep
from tests.factories import ArticleFactory, CountryFactory, MentionFactory


def from_mentions() -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, key) -> (articles, mentions), computed from the mentions alone."""
    articles: Counter = Counter()
    mentions: Counter = Counter()
    rows = Mention.objects.values_list("article", "kind", "person", "country")
    for _article, kind, person, country in rows:
        key = (kind, str(person if kind == PERSON else country))
        mentions[key] += 1
    for _article, kind, person, country in set(rows):
        articles[(kind, str(person if kind == PERSON else country))] += 1
    return {key: (articles[key], mentions[key]) for key in mentions}


def stored() -> dict[tuple[str, str], tuple[int, int]]:
    found = {}
    for kind, model in ((PERSON, Person), (COUNTRY, Country)):
        for pk, articles, mentions in model.objects.values_list(
            "pk", "article_count", "mention_count"
        ):
            if articles or mentions:
                found[(kind, str(pk))] = (articles, mentions)
    return found


def assert_totals_right() -> None:
    assert stored() == from_mentions()
    assert entity_totals_drift() == []


def test_a_load_stores_each_persons_and_countrys_totals(seeded):
    assert_totals_right()
    assert Person.objects.filter(article_count__gt=0).exists()
    assert Country.objects.filter(article_count__gt=0).exists()


def test_a_relink_after_a_merge_keeps_the_totals_right(seeded):
    editor = get_user_model().objects.create_superuser("chief", password="pw")
    person = Person.objects.get(slug="antony-blinken")
    before = Person.objects.get(pk=person.pk).mention_count
    article = Article.objects.filter(mentions__person=person).first()
    candidate = PersonCandidate.objects.create(name="Tony the Secretary", key="tony the secretary")
    candidate_merge(candidate=candidate, person=person, user=editor)
    Article.objects.filter(pk=article.pk).update(body=article.body + "\n\nTony the Secretary left.")
    relink_all()
    assert_totals_right()
    assert Person.objects.get(pk=person.pk).mention_count > before  # the new variant counts


def test_deleting_articles_takes_them_off_the_totals(seeded):
    named = Article.objects.filter(mentions__isnull=False).distinct().order_by("pk")
    doomed = list(named.values_list("pk", flat=True)[:2])
    assert articles_delete(articles=Article.objects.filter(pk__in=doomed)) == 2
    assert not Article.objects.filter(pk__in=doomed).exists()
    assert_totals_right()


def test_deleting_a_person_leaves_the_other_totals_right(seeded):
    Person.objects.get(slug="antony-blinken").delete()
    assert_totals_right()


def test_a_total_that_drifts_is_found_and_refreshed(seeded):
    right = stored()
    kz = Country.objects.get(code="KZ")
    Country.objects.filter(pk="KZ").update(article_count=kz.article_count + 3)
    assert entity_totals_drift() == [(COUNTRY, "KZ")]
    entity_totals_refresh()
    assert stored() == right
    assert entity_totals_drift() == []


def test_the_home_page_names_the_most_covered_as_the_rows_count_them(seeded, client):
    response = client.get(reverse("articles:home"))
    overview = response.context["overview"]
    for kind, shown in ((PERSON, overview.top_people), (COUNTRY, overview.top_countries)):
        assert shown == entities_top(kind, limit=len(shown))
        assert shown
    assert overview.people == Person.objects.filter(mentions__isnull=False).distinct().count()
    assert overview.countries == Country.objects.filter(mentions__isnull=False).distinct().count()
    assert overview.articles == Article.objects.count()
    assert overview.unattributed == Article.objects.filter(source__isnull=True).count()


def test_a_country_named_often_counts_its_names_over_its_newest_articles(db, client, monkeypatch):
    import articles.selectors.entities as entities

    monkeypatch.setattr(entities, "ENTITY_SCOPE", 2)
    kz = CountryFactory(code="KZ", slug="kz", name="Kazakhstan")
    for slug, text in (("oldest", "Qazaqstan"), ("middle", "Kazakhstan"), ("newest", "Kazakhstan")):
        MentionFactory(article=ArticleFactory(slug=slug), country=kz, start=0, text=text)
    response = client.get(kz.get_absolute_url())
    variants = {v["name"]: v["mentions"] for v in response.context["variants"]}
    assert variants == {"Kazakhstan": 2}
    assert response.context["page_obj"].paginator.count == 3
    assert (
        "Mentions counted in the newest 2 of the 3 articles naming Kazakhstan"
        in response.content.decode()
    )


BEFORE_TOTALS = ("articles", "0018_counts")


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_totals_of_rows_stored_before():
    step = MigrationStep(BEFORE_TOTALS)
    ArticleEntity, Person, Country = (
        step.model(name) for name in ("ArticleEntity", "Person", "Country")
    )
    one, two = step.articles("one", "two")
    blinken = Person.objects.create(name="Antony Blinken", slug="antony-blinken")
    Person.objects.create(name="Nobody", slug="nobody")
    kz = Country.objects.create(code="KZ", slug="kz", name="Kazakhstan")
    for article, n in ((one, 3), (two, 2)):
        ArticleEntity.objects.create(article=article, kind="person", person=blinken, mentions=n)
    ArticleEntity.objects.create(article=one, kind="country", country=kz, mentions=4)

    new = step.forward()
    people = new.get_model("articles", "Person").objects.values_list(
        "slug", "article_count", "mention_count"
    )
    assert sorted(people) == [("antony-blinken", 2, 5), ("nobody", 0, 0)]
    country = new.get_model("articles", "Country").objects.get(code="KZ")
    assert (country.article_count, country.mention_count) == (1, 4)
