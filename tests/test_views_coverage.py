"""Cross-coverage pages: quote clusters, shared facts, compare, the coverage matrix."""

import pytest
from django.urls import reverse

from articles.models import Article, Fact, QuoteCluster
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    FactFactory,
    MentionFactory,
    PersonFactory,
    QuoteClusterFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def seed_article(name: str) -> Article:
    return Article.objects.get(seed_file__startswith=name)


def test_quote_list_shows_the_foreign_ministers_statement_side_by_side(client, seeded):
    response = client.get(reverse("articles:quote-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "We do not see or feel any risk or threat from the Russian Federation" in html
    assert "t see or feel any risks or threats from Russia at the moment" in html
    minister = QuoteCluster.objects.get(quotes__text__contains="risk or threat from the Russian")
    assert minister.speaker.slug == "mukhtar-tileuberdi"
    assert set(minister.quotes.values_list("article__seed_file", flat=True)) == {
        "001_ac4287f27224b710.txt",
        "004_27ed5834291f6abf.txt",
    }
    page = client.get(minister.get_absolute_url())
    assert page.status_code == 200
    assert "Mukhtar Tileuberdi" in page.content.decode()


def test_unknown_cluster_is_404(client, db):
    assert client.get(reverse("articles:quote-cluster", args=["nope"])).status_code == 404


def test_fact_page_shows_who_reported_which_amount(client, seeded):
    response = client.get(reverse("articles:fact-list"), {"kind": "money"})
    assert response.status_code == 200
    groups = {g.value: g for g in response.context["groups"]}
    reported = {f.article.seed_file[:3] for _, f in groups["USD 25000000"].facts}
    assert reported >= {"001", "002", "004"}
    assert groups["USD 25000000"].articles == tuple(sorted(seed_article(n).slug for n in reported))
    assert {f.article.seed_file[:3] for _, f in groups["USD 20000000"].facts} == {"004"}
    assert all(g.kind == "money" for g in response.context["groups"])
    # The most widely reported amount comes first.
    assert response.context["groups"][0].value == "USD 25000000"
    html = response.content.decode()
    assert '<span class="fact-kind">Money</span> USD 25000000' in html
    assert f"· {len(reported)} articles</span>" in html
    votes = client.get(reverse("articles:fact-list"), {"kind": "vote"}).context["groups"]
    assert {f.article.seed_file[:3] for _, f in votes[0].facts} == {"001", "003"}


def test_fact_page_groups_every_kind_in_kind_order(client, seeded):
    groups = client.get(reverse("articles:fact-list")).context["groups"]
    kinds = [g.kind for g in groups]
    assert kinds == sorted(kinds, key=list(Fact.Kind.values).index)
    assert set(kinds) >= {"money", "vote", "date"}
    for group in groups:
        assert group.articles == tuple(sorted({slug for slug, _ in group.facts}))
        assert all(fact.value == group.value for _, fact in group.facts)


def test_fact_page_ignores_an_unknown_kind(client, seeded):
    response = client.get(reverse("articles:fact-list"), {"kind": "<script>"})
    assert response.status_code == 200
    assert response.context["kind"] == ""
    assert "<script>" not in response.content.decode().split("</nav>")[0].split("<main")[-1]


def test_compare_aligns_shared_quotes_facts_and_entities(client, seeded):
    a, b = seed_article("001"), seed_article("004")
    response = client.get(reverse("articles:compare"), {"a": a.slug, "b": b.slug})
    assert response.status_code == 200
    result = response.context["comparison"]
    assert any(
        c.speaker and c.speaker.slug == "mukhtar-tileuberdi" for c, _, _ in result.shared_quotes
    )
    assert ("money", "USD 25000000") in {(k, v) for k, v, _, _ in result.shared_facts}
    assert "Antony Blinken" in {p.name for p, _, _ in result.shared_people}
    assert "Donald Lu" in {p.name for p, _ in result.only_a_people}
    html = response.content.decode()
    assert "Only the first" in html and "The same statements" in html


def test_compare_without_choices_shows_the_form(client, seeded):
    response = client.get(reverse("articles:compare"))
    assert response.status_code == 200
    assert response.context["comparison"] is None
    assert "Choose two articles" in response.content.decode()


def test_compare_with_unknown_or_identical_articles_says_so(client, seeded):
    a = seed_article("001")
    unknown = client.get(reverse("articles:compare"), {"a": a.slug, "b": "no-such-article"})
    assert unknown.status_code == 404
    assert "No article with the address “no-such-article”." in unknown.content.decode()
    same = client.get(reverse("articles:compare"), {"a": a.slug, "b": a.slug})
    assert same.status_code == 200
    assert "Choose two different articles." in same.content.decode()


def test_coverage_matrix_counts_articles_and_links_to_the_filtered_list(client, seeded):
    response = client.get(reverse("articles:coverage-matrix"))
    assert response.status_code == 200
    people = response.context["people"]
    caravanserai = next(row.cells for row in people.rows if row.url == "/sources/caravanserai/")
    tokayev = next(c.count for c in caravanserai if c.column.slug == "kassym-jomart-tokayev")
    assert tokayev == 1
    html = response.content.decode()
    assert "?source=caravanserai&amp;person=kassym-jomart-tokayev" in html
    assert "Unattributed" in html
    assert "<caption>Sources × countries</caption>" in html


def test_coverage_pages_make_a_constant_number_of_queries(
    client, db, django_assert_max_num_queries
):
    def build(n: int) -> None:
        source = SourceFactory()
        for i in range(n):
            article = ArticleFactory(source=source, body="x" * 50)
            person = PersonFactory()
            country = CountryFactory(code="Q" + chr(65 + i))
            MentionFactory(article=article, person=person, start=0, text="x")
            MentionFactory(article=article, person=None, country=country, start=2, text="x")
            cluster = QuoteClusterFactory()
            QuoteFactory(article=article, start=0, text="hello", cluster=cluster, speaker=person)
            FactFactory(article=article, start=0, text="$1", value="USD 1")

    counts = {}
    for n in (2, 8):
        build(n)
        for name in ("articles:quote-list", "articles:fact-list", "articles:coverage-matrix"):
            with django_assert_max_num_queries(12) as captured:
                client.get(reverse(name))
            counts.setdefault(name, []).append(len(captured))
    for name, (small, large) in counts.items():
        assert small == large, f"{name}: {small} queries for few rows, {large} for many"
