"""The compare page: differences first, word by word; a bounded article picker."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
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


def label(source) -> str:
    """How the outlet label include renders a known outlet: its label, linked to its page."""
    return f'<bdi class="outlet"><a href="{source.get_absolute_url()}">{source.label}</a></bdi>'


def seed_article(name: str) -> Article:
    return Article.objects.get(seed_file__startswith=name)


def compare(client, a: Article, b: Article):
    return client.get(reverse("articles:compare"), {"a": a.slug, "b": b.slug})


def test_differences_come_before_what_is_shared(client, seeded):
    html = compare(client, seed_article("001"), seed_article("004")).content.decode()
    wording = html.index("How each quoted the same statements")
    only = html.index("What only one of them reports")
    shared = html.index("What both report")
    assert wording < only < shared
    # The foreign minister's words, marked word by word in each outlet's column.
    assert "We <del>do not</del> see or feel any <del>risk</del> or <del>threat</del>" in html
    assert "We <ins>don&#x27;t</ins> see or feel any <ins>risks</ins> or <ins>threats</ins>" in html
    # Figures only one side has, labelled; the shared one in the shared part.
    only_part = html[only:shared]
    assert "<strong>$20 million</strong>" in only_part
    assert "<strong>141 for, 7 against, 32 abstaining</strong>" in only_part
    assert '<data value="USD 25000000">$25 million</data>' in html[shared:]
    assert "Donald Lu" in only_part


def test_two_unattributed_articles_get_two_labels(client, seeded):
    html = compare(client, seed_article("001"), seed_article("004")).content.decode()
    assert "<h3>Only <span" in html
    assert re.search(r"<h3>Only <span[^>]*>Unattributed \(001[,)][^<]*</span></h3>", html)
    assert re.search(r"<h3>Only <span[^>]*>Unattributed \(004[,)][^<]*</span></h3>", html)
    header = html.split('<table class="compare-table">')[1].split("</thead>")[0]
    assert "Unattributed (001, " in header and "Unattributed (004, " in header


def test_columns_carry_the_outlet_names(client, db):
    tass, rferl = SourceFactory(name="TASS"), SourceFactory(name="RFE/RL")
    a = ArticleFactory(source=tass, body="He said the talks were useful and frank.")
    b = ArticleFactory(source=rferl, body="He said the talks were frank.")
    cluster = QuoteClusterFactory()
    QuoteFactory(article=a, start=8, text="the talks were useful and frank", cluster=cluster)
    QuoteFactory(article=b, start=8, text="the talks were frank", cluster=cluster)
    html = compare(client, a, b).content.decode()
    assert f"<figcaption>{label(tass)}</figcaption>" in html
    assert f"<figcaption>{label(rferl)}</figcaption>" in html
    assert "the talks were <del>useful and</del> frank" in html
    assert f"<h3>Only {label(rferl)}</h3>" in html


def test_hostile_quote_text_is_escaped_in_the_diff(client, db):
    a = ArticleFactory(body="x" * 80)
    b = ArticleFactory(body="x" * 80)
    cluster = QuoteClusterFactory()
    QuoteFactory(article=a, start=0, text="<img src=x onerror=alert(1)> we agree", cluster=cluster)
    QuoteFactory(article=b, start=0, text="<script>alert(2)</script> we agree", cluster=cluster)
    html = compare(client, a, b).content.decode()
    assert "<img src=x" not in html and "<script>alert(2)" not in html
    assert "<del>&lt;img src=x onerror=alert(1)&gt;</del> we agree" in html
    assert "<ins>&lt;script&gt;alert(2)&lt;/script&gt;</ins> we agree" in html


def test_the_picker_offers_at_most_fifty_recent_articles(client, db):
    ArticleFactory.create_batch(60)
    response = client.get(reverse("articles:compare"))
    html = response.content.decode()
    assert "<select" not in html
    datalist = html.split('<datalist id="compare-choices">')[1].split("</datalist>")[0]
    assert datalist.count("<option") == 50
    newest = Article.objects.newest().first()
    oldest = Article.objects.newest().last()
    assert f'value="{newest.slug}"' in datalist
    assert f'value="{oldest.slug}"' not in datalist
    assert len(response.content) < 30_000


def test_compare_makes_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    def pair(n: int) -> tuple[Article, Article]:
        a, b = ArticleFactory(body="y" * 2000), ArticleFactory(body="y" * 2000)
        for i in range(n):
            person = PersonFactory()
            cluster = QuoteClusterFactory()
            for article in (a, b):
                MentionFactory(article=article, person=person, start=i * 10, text="Name")
                QuoteFactory(article=article, start=i * 10, text=f"words {i}", cluster=cluster)
                FactFactory(article=article, start=i * 10, value=f"USD {i}")
        return a, b

    counts = []
    for n in (1, 6):
        a, b = pair(n)
        with django_assert_max_num_queries(12) as captured:
            assert compare(client, a, b).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
