"""Pages by outlet: filters and facets by kind and country, the matrix by kind and country,
blind spots, and unattributed articles kept apart everywhere."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Source
from articles.selectors.articles import article_facets
from articles.selectors.outlets import coverage_blind_spots, coverage_matrix
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    FactFactory,
    MentionFactory,
    PersonFactory,
    QuoteClusterFactory,
    QuoteFactory,
    SourceFactory,
    build_archive,
    mention_all,
    quote_in,
    slugs,
)

pytestmark = pytest.mark.django_db

LIST = reverse("articles:list")
COVERAGE = reverse("articles:coverage-matrix")


@pytest.fixture
def archive():
    """build_archive's outlets described: Caravanserai private in KZ, Asian Lite state-owned
    with no known country; plus a second unattributed article."""
    archive = build_archive()
    Source.objects.filter(pk=archive.caravanserai.pk).update(kind="private")
    Source.objects.filter(pk=archive.asianlite.pk).update(kind="state_owned")
    archive.second_unknown = ArticleFactory(
        title="Another unsigned text",
        slug="another-unsigned",
        source=None,
        seed_file="005_other.txt",
        notes="Probably a translation from German.",
        body="Blinken spoke in Astana.",
    )
    mention_all(archive.second_unknown, "Blinken", archive.blinken)
    return archive


def facet(response, param):
    return {
        option.value: (option.label, option.count)
        for facet in response.context["facets"]
        if facet.param == param
        for option in facet.options
    }


# --- Filters and facets ------------------------------------------------------------------


def test_filter_by_kind_of_outlet(client, archive):
    response = client.get(LIST, {"source_kind": "private"})
    assert slugs(response) == ["blinken-meets-tokayev"]
    assert "filtered by outlets of kind “Private”" in response.content.decode()


def test_filter_by_outlet_country_ignores_case(client, archive):
    for code in ("kz", "KZ", "Kz"):
        assert slugs(client.get(LIST, {"source_country": code})) == ["blinken-meets-tokayev"]


def test_unknown_kind_and_country_are_outlets_not_yet_described(client, archive):
    # Asian Lite's country is unknown; unattributed articles have no outlet to describe.
    assert slugs(client.get(LIST, {"source_country": "unknown"})) == ["blinken-in-tashkent"]
    Source.objects.filter(pk=archive.asianlite.pk).update(kind="")
    assert slugs(client.get(LIST, {"source_kind": "unknown"})) == ["blinken-in-tashkent"]


def test_a_bad_kind_or_country_is_a_visible_error_and_other_filters_apply(client, archive):
    response = client.get(
        LIST, {"source_kind": "tabloid", "source_country": "zz", "tag": "c5-plus-1"}
    )
    html = response.content.decode()
    assert "“tabloid” is not a kind of outlet." in html
    assert "No country matches “zz”." in html
    assert sorted(slugs(response)) == ["blinken-in-tashkent", "blinken-meets-tokayev"]


def test_facets_count_kinds_countries_and_unattributed_articles_apart(client, archive):
    response = client.get(LIST)
    assert facet(response, "source_kind") == {
        "private": ("Private", 1),
        "state_owned": ("State-owned media", 1),
    }
    assert facet(response, "source_country") == {
        "kz": ("Kazakhstan", 1),
        "unknown": ("Country unknown", 1),
    }
    sources = [
        (o.value, o.count, o.note)
        for f in response.context["facets"]
        if f.param == "source"
        for o in f.options
    ]
    # Two unattributed articles: counted as articles, after the outlets, never as an outlet.
    assert sources == [
        ("asian-lite", 1, ""),
        ("caravanserai", 1, ""),
        ("unattributed", 2, "each its own, no outlet known"),
    ]
    assert 'Unattributed articles <span class="count">(2)</span>' in response.content.decode()


def test_active_kind_facet_is_marked(client, archive):
    response = client.get(LIST, {"source_kind": "state_owned"})
    kinds = next(f for f in response.context["facets"] if f.param == "source_kind")
    assert [(o.value, o.active) for o in kinds.options] == [("state_owned", True)]


def test_facets_run_a_fixed_number_of_queries(archive, django_assert_num_queries):
    # The matching articles read once; one count per outlet and collection gives the outlet,
    # kind, outlet country and collection facets; then one query each for person, country
    # and tag.
    with django_assert_num_queries(5):
        article_facets(Article.objects.all(), total=4, active=[])
    for _ in range(6):
        ArticleFactory(source=SourceFactory(kind="wire_agency", country=archive.uz))
    with django_assert_num_queries(5):
        facets = article_facets(Article.objects.all(), total=10, active=[])
    kinds = next(f for f in facets if f.param == "source_kind")
    assert ("wire_agency", 6) in [(o.value, o.count) for o in kinds.options]


# --- Coverage by kind and country --------------------------------------------------------


def rows(matrix):
    return {row.label: {cell.column.slug: cell.count for cell in row.cells} for row in matrix.rows}


def test_matrix_by_outlet_gives_each_unattributed_article_a_row(archive):
    matrix = coverage_matrix("person")
    labels = [row.label for row in matrix.rows]
    # Outlets by name, then one row per unattributed article, in provenance order.
    unattributed = sorted(
        [
            ("005_other.txt", "Unattributed (005, translated from German)"),
            (
                archive.unknown.seed_file,
                f"Unattributed ({archive.unknown.seed_file.split('_')[0]}, in Russian)",
            ),
        ]
    )
    assert labels == [
        "Asian Lite · state-owned",
        "Caravanserai · private · Kazakhstan",
        *(label for _, label in unattributed),
    ]
    assert all(rows(matrix)[label]["antony-blinken"] == 1 for label in labels)


def test_matrix_by_kind(client, archive):
    response = client.get(COVERAGE, {"by": "kind"})
    people = response.context["people"]
    counted = rows(people)
    assert counted["Private"]["kassym-jomart-tokayev"] == 1
    assert counted["State-owned media"]["shavkat-mirziyoyev"] == 1
    assert counted["Private"]["shavkat-mirziyoyev"] == 0
    assert sum(1 for row in people.rows if row.article is not None) == 2
    html = response.content.decode()
    assert "<caption>Kinds of outlet × people</caption>" in html
    assert "?source_kind=private&amp;person=kassym-jomart-tokayev" in html


def test_matrix_by_country(client, archive):
    response = client.get(COVERAGE, {"by": "country"})
    counted = rows(response.context["countries"])
    assert counted["Kazakhstan"]["uz"] == 0 and counted["Kazakhstan"]["kz"] == 1
    assert counted["Country unknown"]["uz"] == 1
    html = response.content.decode()
    assert "?source_country=unknown&amp;country=uz" in html
    assert "?source_country=kz&amp;person=antony-blinken" in html


def test_matrix_narrowed_to_one_kind(client, archive):
    response = client.get(COVERAGE, {"source_kind": "private"})
    assert [row.label for row in response.context["people"].rows] == [
        "Caravanserai · private · Kazakhstan"
    ]
    assert "Only articles from outlets of kind “Private”." in response.content.decode()


def test_an_unknown_grouping_falls_back_to_outlets(client, archive):
    response = client.get(COVERAGE, {"by": "<script>"})
    assert response.context["by"] == "source"
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


# --- Blind spots -------------------------------------------------------------------------


def test_blind_spots_list_what_only_one_kind_reports(client, archive):
    only_private = QuoteClusterFactory(
        key="only-private", representative="Only here.", speaker=archive.tokayev
    )
    archive.astana.body += "\n\nTokayev said: “Only here.”"
    archive.astana.save()
    quote_in(archive.astana, "“Only here.”", archive.tokayev, only_private)
    FactFactory(article=archive.tashkent, text="40 percent", kind="percent", value="40", start=900)
    spots = coverage_blind_spots()
    assert spots.kinds_known == 2
    assert [(s.label, s.kind_label, s.articles) for s in spots.people] == [
        ("Kassym-Jomart Tokayev", "Private", 1),
        ("Shavkat Mirziyoyev", "State-owned media", 1),
    ]
    # Blinken is reported by every kind and by unattributed articles: not a blind spot.
    assert [(s.label, s.kind) for s in spots.quotes] == [
        ("Kassym-Jomart Tokayev: “Only here.”", "private")
    ]
    assert [(s.label, s.kind) for s in spots.figures] == [("40 percent", "state_owned")]
    html = client.get(COVERAGE).content.decode()
    assert "Blind spots" in html
    assert 'Kassym-Jomart Tokayev</a> <span class="muted">— only Private (1 article)' in html


def test_a_report_from_an_unattributed_article_rules_a_blind_spot_out(archive):
    MentionFactory(article=archive.unknown, person=archive.tokayev, start=5000, text="Tokayev")
    assert "Kassym-Jomart Tokayev" not in [s.label for s in coverage_blind_spots().people]


def test_blind_spots_need_two_kinds(client, archive):
    Source.objects.update(kind="private")
    assert coverage_blind_spots().people == []
    html = client.get(COVERAGE).content.decode()
    assert "Blind spots need articles from at least two kinds of outlet; the archive has 1." in html


# --- Quotes and facts by outlet ----------------------------------------------------------


def test_quotes_and_facts_narrowed_by_outlet(client, archive):
    quotes = client.get(reverse("articles:quote-list"), {"source_kind": "private"})
    clusters = list(quotes.context["clusters"])
    assert [[q.article.slug for q in c.quotes.all()] for c in clusters] == [
        ["blinken-meets-tokayev"]
    ]
    facts = client.get(reverse("articles:fact-list"), {"source_country": "KZ"})
    reported = [slug for group in facts.context["groups"] for slug, _ in group.facts]
    assert reported == ["blinken-meets-tokayev"]
    everything = client.get(reverse("articles:fact-list"))
    assert len([s for g in everything.context["groups"] for s, _ in g.facts]) == 2


# --- Query counts ------------------------------------------------------------------------


def grow(n: int) -> None:
    kinds = ["private", "state_owned", "wire_agency", ""]
    for i in range(n):
        source = SourceFactory(kind=kinds[i % 4], country=CountryFactory() if i % 3 else None)
        for article in (ArticleFactory(source=source), ArticleFactory(source=None)):
            person = PersonFactory()
            MentionFactory(article=article, person=person, start=0, text="x")
            MentionFactory(
                article=article,
                person=None,
                country=source.country or CountryFactory(),
                start=2,
                text="x",
            )
            QuoteFactory(
                article=article, start=0, text="hi", cluster=QuoteClusterFactory(), speaker=person
            )
            FactFactory(article=article, start=0, text="$1", value=f"USD {i}")


@pytest.mark.parametrize(
    "url",
    [
        COVERAGE,
        COVERAGE + "?by=kind",
        COVERAGE + "?by=country&source_kind=private",
        reverse("articles:quote-list") + "?source_kind=private",
        reverse("articles:fact-list") + "?source_country=unknown",
        LIST + "?source_kind=private&source_country=unknown",
    ],
)
def test_outlet_pages_run_a_fixed_number_of_queries(client, url):
    counts = []
    for n in (2, 10):
        grow(n)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 20
