"""generate_corpus writes documents and loads them through archive_load, per collection."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, ArticleTag, EditorialLink, Mention, Quote

pytestmark = pytest.mark.django_db


def test_generates_loads_tags_and_links(tmp_path):
    out = io.StringIO()
    call_command(
        "generate_corpus",
        articles=30,
        seed=3,
        collections=2,
        output=tmp_path / "corpus",
        stdout=out,
    )
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == ["event-00", "event-01"]
    assert Article.objects.count() == 30
    assert Article.objects.filter(source__isnull=False).count() >= 20
    assert Mention.objects.filter(person__isnull=False).exists()
    assert Quote.objects.filter(cluster__isnull=False).exists()
    assert ArticleTag.objects.exists()
    text = out.getvalue()
    assert "Collection 1: 15 created" in text and "Collection 2: 15 created" in text
    tags, links = ArticleTag.objects.count(), EditorialLink.objects.count()
    # A second run over the same documents changes nothing.
    again = io.StringIO()
    call_command(
        "generate_corpus", articles=30, seed=3, collections=2, output=tmp_path / "c2", stdout=again
    )
    assert Article.objects.count() == 30
    assert "15 unchanged" in again.getvalue()
    assert (ArticleTag.objects.count(), EditorialLink.objects.count()) == (tags, links)


def test_refuses_a_non_empty_output_and_bad_counts(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("generate_corpus", articles=2, output=tmp_path, stdout=io.StringIO())
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_corpus", articles=0, stdout=io.StringIO())
