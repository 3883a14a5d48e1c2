"""Cross-coverage pages: quote clusters, shared facts, compare, the coverage matrix."""

import pytest
from django.urls import reverse

from articles.models import Article, Fact, Person, Quote, QuoteCluster, Source
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
    assert (
        '<span class="fact-kind">Money</span> <data value="USD 25000000">$25 million</data>' in html
    )
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
    assert "What only one of them reports" in html and "How each quoted the same" in html


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


def test_fact_headings_are_labels_with_the_value_kept_as_data(client, seeded):
    html = client.get(reverse("articles:fact-list")).content.decode()
    assert '<data value="141-7-32">141 for, 7 against, 32 abstaining</data>' in html
    # The undated report's "on February 24" takes the year of its collection (the 2023 visit).
    assert '<data value="2023-02-24">24 February 2023</data>' in html
    assert '<data value="--02-24">' not in html
    assert '<data value="tens of thousands russians">tens of thousands of Russians</data>' in html
    assert '<data value="USD 6000000000">$6 billion</data>' in html
    assert "Unattributed (001, " in html and "Unattributed (004, " in html


def test_main_navigation_links_to_the_facts(client, db):
    html = client.get(reverse("articles:fact-list")).content.decode()
    nav = html.split('aria-label="Main"')[1].split("</nav>")[0]
    assert '<a href="/facts/" aria-current="page">Facts</a>' in nav


def quote_archive(n: int):
    """``n`` clusters, each reported by a TASS article and an unattributed one; the even ones
    spoken by Lavrov."""
    tass = Source.objects.filter(slug="tass").first() or SourceFactory(name="TASS", slug="tass")
    lavrov = Person.objects.filter(slug="sergey-lavrov").first() or PersonFactory(
        name="Sergey Lavrov", slug="sergey-lavrov"
    )
    other = PersonFactory()
    start = QuoteCluster.objects.count()
    for i in range(start, start + n):
        speaker = lavrov if i % 2 == 0 else other
        cluster = QuoteClusterFactory(speaker=speaker, representative=f"Statement number {i}.")
        for source in (tass, None):
            article = ArticleFactory(source=source, body="z" * 100)
            QuoteFactory(
                article=article,
                start=0,
                text=f"Statement number {i}.",
                cluster=cluster,
                speaker=speaker,
            )
    return tass, lavrov


def cluster_texts(response) -> list[str]:
    return [cluster.representative for cluster in response.context["clusters"]]


def test_quote_list_filters_by_speaker_and_outlet(client, db):
    tass, lavrov = quote_archive(6)
    solo = ArticleFactory(source=SourceFactory(slug="solo"), body="z" * 100)
    QuoteFactory(
        article=solo, start=0, text="Alone.", cluster=QuoteClusterFactory(representative="Alone.")
    )
    url = reverse("articles:quote-list")
    by_speaker = client.get(url, {"speaker": "sergey-lavrov"})
    assert sorted(cluster_texts(by_speaker)) == [f"Statement number {i}." for i in (0, 2, 4)]
    assert "3 statements in which Sergey Lavrov is quoted." in by_speaker.content.decode()
    assert cluster_texts(client.get(url, {"outlet": "solo"})) == ["Alone."]
    assert len(cluster_texts(client.get(url, {"outlet": "tass"}))) == 6
    unattributed = client.get(url, {"outlet": "unattributed", "speaker": "sergey-lavrov"})
    assert len(cluster_texts(unattributed)) == 3
    # Each cluster keeps every report of it, so the outlets can still be compared.
    html = unattributed.content.decode()
    assert '<a href="/sources/tass/">TASS</a></bdi>' in html and "Unattributed (" in html
    missing = client.get(url, {"speaker": "nobody"})
    assert missing.status_code == 404
    assert "No person with the address “nobody”." in missing.content.decode()
    assert cluster_texts(missing) == []
    assert client.get(url, {"outlet": "<b>x</b>"}).status_code == 404


def test_quote_list_pages_keep_the_filters(client, db, settings):
    quote_archive(50)
    url = reverse("articles:quote-list")
    first = client.get(url, {"speaker": "sergey-lavrov", "outlet": "tass"})
    assert first.context["page_obj"].paginator.count == 25
    assert len(cluster_texts(first)) == 20
    html = first.content.decode()
    assert 'href="?speaker=sergey-lavrov&amp;outlet=tass&amp;page=2"' in html
    second = client.get(url, {"speaker": "sergey-lavrov", "outlet": "tass", "page": "2"})
    assert len(cluster_texts(second)) == 5
    assert set(cluster_texts(first)).isdisjoint(cluster_texts(second))
    # Removing one filter keeps the other and goes back to the first page.
    html = second.content.decode()
    assert 'href="?outlet=tass"' in html and 'href="?speaker=sergey-lavrov"' in html


def test_quote_list_queries_do_not_grow_with_rows(client, db, django_assert_max_num_queries):
    counts = []
    for n in (2, 28):
        quote_archive(n)
        with django_assert_max_num_queries(10) as captured:
            response = client.get(
                reverse("articles:quote-list"), {"outlet": "tass", "speaker": "sergey-lavrov"}
            )
        assert len(cluster_texts(response)) == QuoteCluster.objects.count() // 2
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_cluster_page_marks_each_report_against_the_representative(client, seeded):
    minister = QuoteCluster.objects.get(quotes__text__contains="risk or threat from the Russian")
    html = client.get(minister.get_absolute_url()).content.decode()
    assert "Compared with: <q>We do not see or feel any risk or threat" in html
    assert "<del>risk</del> <ins>risks</ins> or <del>threat</del> <ins>threats</ins>" in html
    assert "Unattributed (001, " in html and "Unattributed (004, " in html


def test_person_page_says_what_they_said_grouped_by_statement(client, db):
    tass, lavrov = quote_archive(4)
    lone = ArticleFactory(source=None, seed_file="017_lone.txt", body="q" * 100)
    QuoteFactory(article=lone, start=0, text="<b>Only here.</b>", speaker=lavrov)
    html = client.get(lavrov.get_absolute_url()).content.decode()
    section = html.split('id="said-title"')[1].split("</section>")[0]
    assert "5 quotes attributed to Sergey Lavrov" in section
    said = client.get(lavrov.get_absolute_url()).context["said"]
    assert [len(group.quotes) for group in said.groups] == [2, 2, 1]
    assert [group.reports for group in said.groups] == [2, 2, 0]
    first = said.groups[0]
    assert {quote.article.source_id for quote in first.quotes} == {tass.pk, None}
    assert f'href="{first.cluster.get_absolute_url()}">As reported in 2 articles</a>' in section
    assert f'href="{first.quotes[0].article.get_absolute_url()}#quote-' in section
    assert '<a href="/sources/tass/">TASS</a></bdi>' in section
    assert "Unattributed (017)" in section
    assert "&lt;b&gt;Only here.&lt;/b&gt;" in section and "<b>Only here." not in section


def test_person_page_quotes_take_a_fixed_number_of_queries(
    client, db, django_assert_max_num_queries
):
    counts = []
    for n in (2, 40):
        quote_archive(n)
        lavrov = Person.objects.get(slug="sergey-lavrov")
        with django_assert_max_num_queries(13) as captured:
            response = client.get(lavrov.get_absolute_url())
        said = response.context["said"]
        assert said.total == Quote.objects.filter(speaker=lavrov).count()
        assert said.shown == min(said.total, 50)
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_fact_page_flags_conflicting_figures_on_the_same_subject(client):
    from model_bakery import baker

    for value, text in (("USD 20000000", "$20 million"), ("USD 25000000", "$25 million")):
        article = baker.make(Article, body=f"They pledged {text} in aid.")
        Fact.objects.create(
            article=article,
            kind="money",
            start=13,
            end=13 + len(text),
            text=text,
            value=value,
            context=f"They pledged {text} in aid.",
            subject="aid",
        )
    page = client.get(reverse("articles:fact-list"), {"kind": "money"}).content.decode()
    assert page.count("Conflicting figures on the same subject") == 2
    assert '“aid” is <data value="USD 25000000">USD 25000000</data> in another article' in page


def test_compare_shows_figures_about_the_same_thing_that_differ(client):
    from model_bakery import baker

    articles = []
    for value, text in (("USD 20000000", "$20 million"), ("USD 25000000", "$25 million")):
        article = baker.make(Article, body=f"They pledged {text} in aid.")
        Fact.objects.create(
            article=article,
            kind="money",
            start=13,
            end=13 + len(text),
            text=text,
            value=value,
            context=f"They pledged {text} in aid.",
            subject="aid",
        )
        articles.append(article)
    a, b = articles
    response = client.get(reverse("articles:compare"), {"a": a.slug, "b": b.slug})
    (row,) = response.context["comparison"].differing_facts
    assert (row[0], [f.text for f in row[1]], [f.text for f in row[2]]) == (
        "aid",
        ["$20 million"],
        ["$25 million"],
    )
    assert "Figures about the same thing that differ" in response.content.decode()
