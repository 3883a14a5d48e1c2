"""Pages that count over a bounded scope: the newest articles, at most a fixed number.

The coverage matrix and blind spots, the figures page, the quotes list, a person's quotes and
a search's ranking each read at most a fixed number of articles (or quotes), so they cost the
same however large the archive. Each cap is made small here, and the pages must count only
what is inside it, and say so, while the same pages under the cap count everything.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from articles.filters import ArticleListFilter
from articles.selectors import facts as fact_selectors
from articles.selectors import outlets
from articles.selectors import quotes as quote_selectors
from articles.selectors.quotes import person_quotes
from tests.factories import (
    ArticleFactory,
    FactFactory,
    MentionFactory,
    PersonFactory,
    QuoteClusterFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 3, 1)


@pytest.fixture
def dated():
    """Four articles a day apart (``dated[0]`` the oldest), from outlets of two kinds; each
    names a person, reports one figure and quotes that person."""
    state = SourceFactory(name="State Daily", slug="state-daily", kind="state_owned")
    private = SourceFactory(name="Private Post", slug="private-post", kind="private")
    speaker = PersonFactory(name="Aigerim Old", slug="aigerim-old")
    cluster = QuoteClusterFactory(key="we-agree", representative="We agree.", speaker=speaker)
    made = []
    for day in range(4):
        article = ArticleFactory(
            title=f"Talks day {day}",
            slug=f"talks-day-{day}",
            published=DAY + datetime.timedelta(days=day),
            source=state if day % 2 else private,
            body="Officials agreed the talks would continue, they said in Astana today.",
        )
        MentionFactory(article=article, person=speaker, start=0, text="Officials")
        FactFactory(article=article, start=10, text=f"${day + 1} million", value=f"USD {day}")
        QuoteFactory(article=article, start=20, text="We agree.", speaker=speaker, cluster=cluster)
        made.append(article)
    return made


def test_the_coverage_matrix_counts_the_newest_articles_only_and_says_so(
    client, dated, monkeypatch
):
    url = reverse("articles:coverage-matrix")
    whole = client.get(url).content.decode()
    assert "The matrices count the newest" not in whole
    assert "across the whole archive" in whole
    people = client.get(url).context["people"]
    assert sum(cell.count for row in people.rows for cell in row.cells) == 4

    monkeypatch.setattr(outlets, "COVERAGE_SCOPE", 2)
    response = client.get(url)
    html = response.content.decode()
    assert "The matrices count the newest 2 articles; older articles are not counted." in html
    assert "among the newest 2 articles of the archive" in html
    people = response.context["people"]
    assert sum(cell.count for row in people.rows for cell in row.cells) == 2
    assert response.context["scope"].keys == [dated[3].pk, dated[2].pk]


def test_blind_spots_are_found_among_the_newest_articles(dated, monkeypatch):
    # The newest article alone comes from one kind of outlet: its figure is a blind spot
    # within a scope of one article, and no figure is one within the whole archive.
    assert outlets.coverage_blind_spots(articles=outlets.coverage_scope().articles).people == []
    monkeypatch.setattr(outlets, "COVERAGE_SCOPE", 1)
    scope = outlets.coverage_scope()
    assert (scope.size, scope.capped) == (1, True)
    spots = outlets.coverage_blind_spots(articles=scope.articles)
    # One article from one kind of outlet cannot compare kinds.
    assert spots.kinds_known == 1
    monkeypatch.setattr(outlets, "COVERAGE_SCOPE", 2)
    spots = outlets.coverage_blind_spots(articles=outlets.coverage_scope().articles)
    assert spots.kinds_known == 2
    assert [spot.label for spot in spots.people] == []  # named by both kinds
    assert sorted((spot.label, spot.kind) for spot in spots.figures) == [
        ("$3 million", "private"),
        ("$4 million", "state_owned"),
    ]


def test_the_figures_page_groups_the_newest_articles_figures_and_says_so(
    client, dated, monkeypatch
):
    url = reverse("articles:fact-list")
    response = client.get(url)
    assert len(response.context["groups"]) == 4
    assert "Figures of the newest" not in response.content.decode()

    monkeypatch.setattr(fact_selectors, "FACT_SCOPE", 3)
    response = client.get(url)
    values = sorted(group.value for group in response.context["groups"])
    assert values == ["USD 1", "USD 2", "USD 3"]  # the oldest article's figure is left out
    assert (
        "Figures of the newest 3 articles, and the number of those articles reporting each; "
        "older articles are not counted." in response.content.decode()
    )


def test_the_quotes_list_counts_reports_in_the_newest_articles_and_says_so(
    client, dated, monkeypatch
):
    url = reverse("articles:quote-list")
    [cluster] = client.get(url).context["clusters"]
    assert (cluster.key, cluster.report_count, cluster.article_count) == ("we-agree", 4, 4)

    monkeypatch.setattr(quote_selectors, "QUOTE_SCOPE", 2)
    response = client.get(url)
    [cluster] = response.context["clusters"]
    assert (cluster.report_count, cluster.article_count) == (2, 2)
    # By outlet: Private Post (day 2) before State Daily (day 3).
    assert [q.article.slug for q in cluster.quotes.all()] == ["talks-day-2", "talks-day-3"]
    # The filters offer who is quoted in those articles, with their quotes there.
    assert [(p.slug, p.quote_count) for p in response.context["speakers"]] == [("aigerim-old", 2)]
    assert [s.slug for s in response.context["sources"]] == ["private-post", "state-daily"]
    html = response.content.decode()
    note = "Statements quoted in the newest 2 articles, with their reports in those articles"
    assert note in html


def test_the_quotes_list_filters_by_outlet_within_its_scope(client, dated, monkeypatch):
    url = reverse("articles:quote-list")
    assert len(client.get(url, {"outlet": "private-post"}).context["clusters"]) == 1
    monkeypatch.setattr(quote_selectors, "QUOTE_SCOPE", 1)  # the newest is State Daily's
    assert client.get(url, {"outlet": "private-post"}).context["clusters"] == []
    assert len(client.get(url, {"outlet": "state-daily"}).context["clusters"]) == 1


def test_a_persons_quotes_are_read_from_their_newest_articles(client, dated):
    speaker = dated[0].quotes.get().speaker
    every = person_quotes(speaker)
    assert (every.total, every.shown, every.capped) == (4, 4, False)
    assert [group.reports for group in every.groups] == [4]

    capped = person_quotes(speaker, scope=2)
    assert (capped.total, capped.shown, capped.capped) == (2, 2, True)
    assert [group.reports for group in capped.groups] == [2]
    assert sorted(q.article.slug for q in capped.groups[0].quotes) == [
        "talks-day-2",
        "talks-day-3",
    ]


def test_a_persons_page_says_when_their_quotes_are_capped(client, dated, monkeypatch):
    url = reverse("articles:person-detail", args=["aigerim-old"])
    assert "4 quotes attributed to Aigerim Old" in client.get(url).content.decode()
    monkeypatch.setattr(quote_selectors, "PERSON_QUOTE_SCOPE", 3)
    html = client.get(url).content.decode()
    assert (
        "More than 3 quotes are attributed to Aigerim Old; of the 3 in the articles added most "
        "recently, the 3 most widely reported there are shown." in html
    )


def test_a_search_ranks_its_matches_added_most_recently_and_says_so(client, dated, monkeypatch):
    url = reverse("articles:list")
    response = client.get(url, {"q": "officials"})
    assert response.context["page_obj"].paginator.count == 4
    assert "or more articles match" not in response.content.decode()

    monkeypatch.setattr(ArticleListFilter, "search_limit", 3)
    response = client.get(url, {"q": "officials"})
    listed = {article.slug for article in response.context["articles"]}
    assert listed == {"talks-day-1", "talks-day-2", "talks-day-3"}  # the highest keys
    html = response.content.decode()
    assert "3 or more articles match: the 3 matches added to the archive most recently" in html
    assert "Download every matching article" in html
    # The download still carries every match.
    export = client.get(reverse("articles:export-jsonl"), {"q": "officials"})
    assert b"".join(export.streaming_content).count(b"\n") == 4
