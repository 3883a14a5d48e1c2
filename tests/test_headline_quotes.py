"""Quotations in headlines: kept however short, said by the headline's own attribution or by
the speaker of the body quote with the same words, stored apart from the body's quotes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article, Quote
from articles.pipeline.quotes import extract_headline_quotes, extract_quotes
from tests.conftest import load


def test_headline_quotes_and_their_speakers() -> None:
    body = (
        'Economist Aigul Nurtas said: "Paris is not coming to replace Moscow, it is one more '
        'option." The region wants a "mobility partnership" of its own.'
    )
    body_quotes = extract_quotes(body)
    title = '"Paris is not coming to replace Moscow": an analyst on the trip'
    (quote,) = extract_headline_quotes(title, body_quotes)
    assert (quote.text, quote.speaker) == ("Paris is not coming to replace Moscow", "Aigul Nurtas")
    assert body[quote.speaker_start : quote.speaker_end] == "Aigul Nurtas"
    (own,) = extract_headline_quotes('Korsak in Astana: "We speak with one voice"', body_quotes)
    assert (own.text, own.speaker, own.speaker_start) == ("We speak with one voice", "Korsak", None)
    (short,) = extract_headline_quotes('Leaders open a "mobility partnership"', [])
    assert (short.text, short.speaker) == ("mobility partnership", None)
    assert extract_headline_quotes('Biden meets the "C5+1" leaders', []) == []
    assert extract_headline_quotes("", body_quotes) == []


@pytest.mark.django_db
def test_headline_quote_is_stored_apart_and_not_marked_in_the_body(client, tmp_path) -> None:
    path = tmp_path / "headline.txt"
    path.write_text(
        'Korsak in Astana: "The region must speak with one voice"\n\n'
        '"The region must speak with one voice on trade and water," Ilya Korsak said on '
        "Thursday in the Kazakh capital.\n",
        encoding="utf-8",
    )
    load(path)
    article = Article.objects.get()
    rows = list(article.quotes.values_list("part", "start", "text", "speaker_text"))
    assert rows == [
        (Quote.Part.TITLE, 19, "The region must speak with one voice", "Korsak"),
        (
            Quote.Part.BODY,
            1,
            "The region must speak with one voice on trade and water",
            "Ilya Korsak",
        ),
    ]
    page = client.get(reverse("articles:detail", kwargs={"slug": article.slug}))
    html = page.content.decode()
    # Only the body quote is marked in the text, at its own offsets.
    assert html.count('<mark class="quote"') == 1
    assert '<mark class="quote" title="Quoted: Ilya Korsak">The region must speak' in html
    api = client.get(f"/api/v1/articles/{article.slug}/").json()
    assert [(q["part"], q["start"]) for q in api["quotes"]] == [("title", 19), ("body", 1)]
