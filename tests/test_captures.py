"""Saved web pages and web archives in the text pipeline: extraction, dates, languages, WARC."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.pipeline.captures import extract_page
from articles.pipeline.catalog import CatalogEntry
from articles.pipeline.decoding import DocumentError
from articles.pipeline.language import detect_language, normalise_language
from articles.pipeline.metadata import article_metadata, origin_label
from articles.pipeline.parsing import parse_document
from articles.pipeline.warc import read_warc
from tests.capture_fixtures import (
    ASTANA,
    ASTANA_URL,
    COOKIE_WALL,
    TASHKENT,
    TASHKENT_URL,
    visits_warc,
    warc_bytes,
)

LIMIT = 2_000_000


def test_open_graph_json_ld_and_byline_give_the_metadata():
    page = extract_page(ASTANA.read_bytes())
    assert page.title == "Blinken meets Central Asian ministers in Astana"
    assert page.site_name == "Eurasianet"
    assert page.authors == ("Aida Nurlanova",)
    assert page.published == dt.date(2023, 2, 28)
    assert page.url == ASTANA_URL
    assert page.language == "en"


def test_the_main_text_leaves_the_page_furniture_out():
    page = extract_page(ASTANA.read_bytes())
    lines = page.text.splitlines()
    assert lines[0] == "Blinken meets Central Asian ministers in Astana"
    assert lines.count("Blinken meets Central Asian ministers in Astana") == 1
    assert lines[1].startswith("US Secretary of State Antony Blinken sat down")
    for furniture in ("cookies", "Related stories", "grain export", "Subscribe", "All rights"):
        assert furniture not in page.text
    # The comment thread is kept apart from the article, without its counter.
    assert "Water sharing is the real story" not in page.text
    assert "Water sharing is the real story here and it deserves more attention." in page.comments
    assert "2 Comments" not in page.comments


def test_a_page_of_only_furniture_is_no_article():
    with pytest.raises(DocumentError, match="only furniture"):
        extract_page(COOKIE_WALL.read_bytes())


def test_html_with_no_text_is_no_article():
    with pytest.raises(DocumentError, match="no article text could be extracted"):
        extract_page(b"<html><head><title>Empty</title></head><body><div></div></body></html>")


def test_only_http_canonical_urls_are_kept():
    html = ASTANA.read_bytes().replace(ASTANA_URL.encode(), b"javascript:alert(1)")
    assert extract_page(html).url is None
    assert extract_page(html, url="https://example.org/saved").url == "https://example.org/saved"


def test_the_date_comes_from_the_metadata_not_from_dates_in_the_text():
    html = (
        b"<html><head><title>Talks</title></head><body><article><p>"
        + b"On 12 June 2019 the ministers first met. " * 12
        + b"</p></article></body></html>"
    )
    assert extract_page(html).published is None


def test_language_detection():
    english = "The foreign ministers of the five Central Asian states met the Secretary of State."
    russian = "Министры иностранных дел пяти государств Центральной Азии встретились в Астане."
    assert detect_language(english) == "en"
    assert detect_language(russian) == "ru"
    assert detect_language("Astana, 28.02.2023") is None
    assert normalise_language("en-GB") == "en"
    assert normalise_language("x") is None


def test_page_metadata_and_catalog_are_chosen_by_trust_and_say_where_they_came_from():
    page = extract_page(TASHKENT.read_bytes())
    parsed = parse_document(page.text)
    catalog = CatalogEntry(published=dt.date(2023, 3, 2))
    metadata = article_metadata(parsed=parsed, catalog=catalog, page=page)
    assert metadata.title == "US Secretary of State arrives in Tashkent after Astana talks"
    assert metadata.source == "Kazinform"
    assert metadata.published == dt.date(2023, 3, 2)
    assert metadata.url == TASHKENT_URL
    assert metadata.origin == {
        "title": "capture",
        "source": "capture",
        "authors": "capture",
        "published": "catalog",
        "url": "capture",
        "language": "capture",
    }
    assert origin_label("catalog") == "from the catalog"
    assert origin_label("capture") == "from the page's metadata"


def test_unknown_metadata_has_no_origin():
    parsed = parse_document("Ministers met in Astana on Tuesday to talk about trade.\n")
    metadata = article_metadata(parsed=parsed, catalog=CatalogEntry())
    assert (metadata.source, metadata.published, metadata.url) == (None, None, "")
    assert metadata.origin == {"title": "derived"}


def test_a_warc_gives_its_html_responses_and_counts_what_it_skips():
    data = visits_warc(extra=[("https://eurasianet.org/logo.png", "image/png", b"\x89PNG....")])
    contents = read_warc(data, max_record_bytes=LIMIT)
    assert [(p.number, p.uri) for p in contents.pages] == [(2, ASTANA_URL), (3, TASHKENT_URL)]
    assert contents.pages[0].payload == ASTANA.read_bytes()
    assert dict(contents.skipped) == {"warcinfo": 1, "image/png": 1}
    assert contents.damage == ""


def test_a_record_over_the_limit_is_named_not_read():
    contents = read_warc(visits_warc(gzip=False), max_record_bytes=1000)
    assert [p.problem for p in contents.pages] == ["payload larger than the 1,000-byte limit"] * 2


@pytest.mark.parametrize("gzip", [True, False])
def test_a_truncated_warc_keeps_the_records_before_the_damage_and_names_the_damaged_one(gzip):
    data = visits_warc(gzip=gzip)
    cut = data[: data.index(b"arrives in Tashkent") if not gzip else len(data) - 400]
    contents = read_warc(cut, max_record_bytes=LIMIT)
    assert [p.uri for p in contents.pages] == [ASTANA_URL]
    assert contents.damage.startswith(f"record 3 ({TASHKENT_URL}) is truncated")


def test_bytes_that_are_no_warc():
    assert read_warc(b"hello", max_record_bytes=LIMIT).damage.startswith("record 1 is damaged")
    assert warc_bytes([])  # a WARC with only its warcinfo record is valid
    assert read_warc(warc_bytes([]), max_record_bytes=LIMIT).pages == []
