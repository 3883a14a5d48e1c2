"""A long article's text is shown in parts cut between paragraphs (``?part=N``)."""

from __future__ import annotations

import pytest

from articles.rendering import Paragraphs, body_parts, paragraph_bounds
from articles.views import browse
from tests.factories import ArticleFactory, MentionFactory, PersonFactory, QuoteFactory

FIRST = "Talks opened in Astana on Tuesday."
SECOND = "Ministers spoke of trade and transit routes."
THIRD = "Mr Tokayev closed the session with a short speech."
BODY = f"{FIRST}\n\n{SECOND}\n\n{THIRD}"


def test_parts_group_whole_paragraphs_up_to_the_limit():
    bounds = paragraph_bounds(BODY)
    assert body_parts(bounds, 10_000) == [(0, len(BODY))]
    # Each paragraph is longer than half the limit: one paragraph a part.
    assert body_parts(bounds, 60) == bounds
    # The first two fit together (0 to the end of SECOND is 80 characters).
    assert body_parts(bounds, 80) == [(0, bounds[1][1]), bounds[2]]


def test_a_paragraph_longer_than_the_limit_is_a_part_of_its_own():
    body = "short one\n\n" + "x" * 500 + "\n\nshort two"
    parts = body_parts(paragraph_bounds(body), 100)
    assert [body[a:b] for a, b in parts] == ["short one", "x" * 500, "short two"]


def test_an_empty_body_has_one_empty_part():
    assert body_parts(paragraph_bounds(""), 100) == [(0, 0)]


def test_a_window_keeps_only_its_paragraphs():
    bounds = paragraph_bounds(BODY)
    paragraphs = Paragraphs(BODY, window=bounds[1])
    assert [p.text for p in paragraphs] == [SECOND]
    assert len(paragraphs) == 1


@pytest.fixture
def long_article(db, monkeypatch):
    monkeypatch.setattr(browse, "BODY_PART_CHARS", 60)
    article = ArticleFactory(title="Long talks", slug="long-talks", body=BODY)
    at = BODY.index("Tokayev")
    person = PersonFactory(name="Kassym-Jomart Tokayev", slug="kassym-jomart-tokayev")
    MentionFactory(article=article, person=person, start=at, end=at + 7, text="Tokayev")
    return article


def test_each_part_shows_its_own_paragraphs_and_marks_its_mentions(client, long_article):
    url = long_article.get_absolute_url()
    first = client.get(url).content.decode()
    assert FIRST in first and SECOND not in first and THIRD.split("Tokayev")[1] not in first
    assert "part 1 of 3 is shown" in first
    assert 'href="?part=2#article-text"' in first
    last = client.get(url, {"part": 3}).content.decode()
    assert FIRST not in last
    assert 'class="mention mention--person" href="/people/kassym-jomart-tokayev/"' in last
    assert 'rel="prev" href="?part=2#article-text"' in last and 'rel="next"' not in last
    # The people beside the text are the whole article's, whatever part is shown.
    assert "Kassym-Jomart Tokayev" in first


def test_the_quote_notes_say_the_quotes_are_marked_in_every_part(client, long_article):
    # Most of the text is one quotation, so the page says so rather than list it again.
    at = BODY.index(SECOND)
    QuoteFactory(article=long_article, start=at, end=len(BODY), text=BODY[at:])
    html = client.get(long_article.get_absolute_url()).content.decode()
    assert "This article is mostly quotation" in html
    assert "the text above</a> (in its 3 parts)" in html


@pytest.mark.parametrize("part", ["0", "4", "-1", "x", "1.5", "２", "99999999999999999999"])
def test_a_part_that_does_not_exist_is_not_found(client, long_article, part):
    response = client.get(long_article.get_absolute_url(), {"part": part})
    assert response.status_code == 404


def test_a_short_article_has_no_parts(client, db):
    article = ArticleFactory(title="Short talks", slug="short-talks", body=BODY)
    html = client.get(article.get_absolute_url()).content.decode()
    assert FIRST in html and THIRD in html
    assert "Parts of the text" not in html
