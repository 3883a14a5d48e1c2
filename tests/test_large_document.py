"""One large document: storing and clustering it reads nothing in proportion to its body
per quote, and its pages show capped lists with the number left out."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Mention, QuoteCluster
from articles.rendering import Paragraphs, Span
from articles.selectors.article_text import article_mentions, article_quotes
from articles.services.clustering import quote_clusters_rebuild
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    PersonFactory,
    QuoteClusterFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db

STATEMENT = "We do not see or feel any risk or threat from Russia"


def test_cluster_rebuild_never_reads_article_bodies():
    # Reading the article with every quote would copy a long body once per quote.
    speaker = PersonFactory(slug="tileuberdi")
    long = ArticleFactory(body="A long report. " * 10_000)
    other = ArticleFactory()
    QuoteFactory(article=long, text=STATEMENT, speaker=speaker)
    QuoteFactory(article=other, text=STATEMENT, speaker=speaker)

    with CaptureQueriesContext(connection) as queries:
        assert quote_clusters_rebuild() == 1

    body = connection.ops.quote_name("body")
    assert not [q["sql"] for q in queries if body in q["sql"]]
    cluster = QuoteCluster.objects.get()
    assert cluster.speaker == speaker
    assert sorted(cluster.quotes.values_list("article__slug", flat=True)) == sorted(
        [long.slug, other.slug]
    )


def repeated_report(times: int) -> str:
    return "\n\n".join(f"Blinken met Tokayev in Kazakhstan, round {n}." for n in range(times))


@pytest.fixture
def long_report(db):
    """An article naming two people and a country hundreds of times, with many quotes."""
    body = repeated_report(400)
    article = ArticleFactory(body=body)
    blinken = PersonFactory(name="Antony Blinken", slug="antony-blinken")
    tokayev = PersonFactory(name="Kassym-Jomart Tokayev", slug="kassym-jomart-tokayev")
    kazakhstan = CountryFactory(code="KZ", name="Kazakhstan")
    mentions = []
    for paragraph in range(400):
        at = body.index(f"round {paragraph}.") - len("Blinken met Tokayev in Kazakhstan, ")
        for word, entity in (("Blinken", blinken), ("Tokayev", tokayev)):
            start = body.index(word, at)
            mentions.append(
                Mention(
                    article=article,
                    kind=Mention.Kind.PERSON,
                    person=entity,
                    start=start,
                    end=start + len(word),
                    text=word,
                    method="test",
                )
            )
        if paragraph % 2 == 0:
            start = body.index("Kazakhstan", at)
            mentions.append(
                Mention(
                    article=article,
                    kind=Mention.Kind.COUNTRY,
                    country=kazakhstan,
                    start=start,
                    end=start + 10,
                    text="Kazakhstan",
                    method="test",
                )
            )
    Mention.objects.bulk_create(mentions)
    return article


def test_mentions_share_one_person_or_country_however_often_named(long_report):
    mentions = article_mentions(long_report)
    assert len(mentions) == 1000
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert len({id(m.entity) for m in mentions}) == 3
    assert {m.entity.slug for m in mentions if m.kind == Mention.Kind.PERSON} == {
        "antony-blinken",
        "kassym-jomart-tokayev",
    }


def test_long_article_page_links_every_mention_and_counts_them(client, long_report):
    html = client.get(long_report.get_absolute_url()).content.decode()
    assert html.count('<a class="mention mention--person" href="/people/antony-blinken/"') == 400
    assert html.count('class="mention mention--country"') == 200
    sidebar = html.split('id="people-title"')[1]
    assert 'Antony Blinken</a></bdi> <span class="count">×400</span>' in sidebar
    assert 'Kazakhstan</a></bdi> <span class="count">×200</span>' in sidebar


def test_quotes_share_speaker_and_cluster_and_count_its_reports(django_assert_num_queries):
    speaker = PersonFactory()
    cluster = QuoteClusterFactory()
    article = ArticleFactory()
    for n in range(30):
        QuoteFactory(article=article, start=n * 100, speaker=speaker, cluster=cluster)
    QuoteFactory(cluster=cluster)  # another article reports the statement
    QuoteFactory(article=article, start=5_000, text="Nobody said this.")

    with django_assert_num_queries(1):
        quotes = article_quotes(article)
        assert [q.speaker.name if q.speaker else None for q in quotes] == [speaker.name] * 30 + [
            None
        ]
        assert [q.cluster_reports for q in quotes] == [2] * 30 + [0]
    assert len({id(q.speaker) for q in quotes[:30]}) == 1
    assert len({id(q.cluster) for q in quotes[:30]}) == 1
    assert quotes[0].cluster.key == cluster.key
    assert quotes[-1].cluster is None


def test_paragraphs_are_made_afresh_on_each_pass():
    body = repeated_report(3)
    mentions = [Span(body.index("Tokayev"), body.index("Tokayev") + 7, "tokayev")]
    paragraphs = Paragraphs(body, mentions=mentions)
    assert len(paragraphs) == 3 and paragraphs
    first, second = list(paragraphs), list(paragraphs)
    assert [p.text for p in first] == [p.text for p in second] == body.split("\n\n")
    assert [s.mention for s in first[0].runs[0].segments] == [None, "tokayev", None]
    assert first[0] is not second[0]
    assert not Paragraphs(" \n\n ")
