"""Sub-headings in article bodies: found by a rule on the text, rendered as headings."""

import re

import pytest

from articles.models import Article
from articles.pipeline.text import paragraph_spans, subheading_indexes
from articles.rendering import render_paragraphs

PROSE = "The ministers met in Astana on Tuesday and spoke about trade, security and water."


def headings(body: str) -> list[str]:
    spans = paragraph_spans(body)
    found = subheading_indexes(body, spans)
    return [body[s:e] for i, (s, e) in enumerate(spans) if i in found]


def test_short_line_between_paragraphs_is_a_heading():
    body = f"{PROSE}\n\nCutting ties with Russia\n\n{PROSE}"
    assert headings(body) == ["Cutting ties with Russia"]


def test_several_headings_in_one_body():
    body = f"{PROSE}\n\nTrade routes\n\n{PROSE}\n\n{PROSE}\n\nWhat comes next\n\n{PROSE}"
    assert headings(body) == ["Trade routes", "What comes next"]


@pytest.mark.parametrize(
    "line",
    [
        "He left.",  # a sentence
        "What next?",
        "Related:",  # a label
        "ASTANA, Kazakhstan",  # a dateline
        "ALMATY/TASHKENT --",
        "TASHKENT",
        '"We are ready"',  # speech
        "and then they left",  # not capitalised
        "A line that is much too long to be a sub-heading because it goes on and on and on",
    ],
)
def test_lines_that_are_not_headings(line):
    assert headings(f"{PROSE}\n\n{line}\n\n{PROSE}") == []


def test_a_short_last_line_is_not_a_heading():
    assert headings(f"{PROSE}\n\n{PROSE}\n\nReuters") == []


def test_a_short_first_line_or_dateline_is_not_a_heading():
    assert headings(f"Astana Kazakhstan\n\n{PROSE}\n\n{PROSE}") == []


def test_a_list_of_short_lines_is_not_headings():
    body = f"{PROSE}\n\nKazakhstan\n\nKyrgyzstan\n\nUzbekistan\n\n{PROSE}"
    assert headings(body) == []


def test_a_line_after_an_unfinished_paragraph_is_not_a_heading():
    body = f"The delegation included\n\nForeign Minister Tileuberdi\n\n{PROSE}"
    assert headings(body) == []


def test_the_rule_is_linear_on_a_long_body():
    body = "\n\n".join([PROSE, "Trade routes"] * 20000 + [PROSE])
    assert len(headings(body)) == 20000


def test_render_marks_heading_paragraphs():
    body = f"{PROSE}\n\nTrade routes\n\n{PROSE}"
    assert [p.heading for p in render_paragraphs(body)] == [False, True, False]


@pytest.mark.django_db
def test_seed_002_renders_its_subheadings(client, seeded):
    article = Article.objects.get(seed_file__startswith="002_")
    html = client.get(article.get_absolute_url()).content.decode()
    body = html[
        html.index('id="article-text"') : html.index("</div>", html.index('id="article-text"'))
    ]
    found = re.findall(r'<h2 class="article__subheading">(.*?)</h2>', body)
    # Mentions inside a heading stay linked.
    assert found[0] == (
        'Cutting ties with <a class="mention mention--country" href="/countries/ru/" '
        'title="Russia">Russia</a>'
    )
    texts = [re.sub(r"<[^>]+>", "", heading) for heading in found]
    assert texts == ["Cutting ties with Russia", "An aggressive Moscow", "Western co-operation"]
    # The paragraphs around them stay paragraphs, and a heading is not also a <p>.
    assert "<p>Cutting ties with Russia</p>" not in body
    assert "<p>Central Asia needs Western support today more than ever, say analysts.</p>" in body


@pytest.mark.django_db
def test_seeds_without_subheadings_get_none(client, seeded):
    for article in Article.objects.exclude(seed_file__startswith="002_"):
        html = client.get(article.get_absolute_url()).content.decode()
        assert 'class="article__subheading"' not in html, article.seed_file
