"""One large document: storing and clustering it reads nothing in proportion to its body
per quote, and its pages show capped lists with the number left out."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import QuoteCluster
from articles.services.clustering import quote_clusters_rebuild
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory

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
