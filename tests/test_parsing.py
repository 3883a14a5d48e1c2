"""Tests for articles.pipeline.parsing: the five seed documents and synthetic edge cases."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from articles.pipeline.decoding import DocumentError, decode_document
from articles.pipeline.parsing import (
    ParsedDocument,
    derive_title,
    parse_byline,
    parse_document,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@cache
def parse_seed(number: str) -> ParsedDocument:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return parse_document(decode_document(path.read_bytes()).text)


def paragraphs(parsed: ParsedDocument) -> list[str]:
    return parsed.body.split("\n\n")


def test_all_five_seeds_are_present():
    assert sorted(path.name[:3] for path in SEEDS.glob("*.txt")) == [
        "000",
        "001",
        "002",
        "003",
        "004",
    ]


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_body_paragraphs_are_clean(number):
    for paragraph in paragraphs(parse_seed(number)):
        assert paragraph == paragraph.strip()
        assert paragraph
        assert "\n" not in paragraph


class TestSeed000Interview:
    def test_headline(self):
        parsed = parse_seed("000")
        assert parsed.title == (
            "US Secretary of State Travels to Kazakhstan and Uzbekistan: Political Scientist "
            "Believes He is Trying to Dissuade Them From Helping Russia Bypass Sanctions"
        )
        assert parsed.title_derived is False

    def test_metadata(self):
        parsed = parse_seed("000")
        assert parsed.authors == ()
        assert parsed.source_name == "Current Time TV"
        assert parsed.dek is None
        assert parsed.comments == ()
        assert parsed.captions == ()

    def test_view_counter_is_removed(self):
        parsed = parse_seed("000")
        assert parsed.removed == ("17",)
        assert "17" not in paragraphs(parsed)

    def test_body(self):
        body = paragraphs(parse_seed("000"))
        assert len(body) == 9
        assert body[0].startswith("US Secretary of State Anthony Blinken is visiting Central Asia.")
        assert body[-1].startswith("• It is not clear")
        assert body[-1].endswith("will follow the same tactics.")
        assert "Source:" not in parse_seed("000").body

    def test_interview_markers_are_kept_without_indentation(self):
        body = paragraphs(parse_seed("000"))
        questions = [p for p in body if p.startswith("– ")]
        answers = [p for p in body if p.startswith("• ")]
        assert len(questions) == 3
        assert len(answers) == 2
        assert body[1].startswith("– What is the main purpose of the visit")


class TestSeed001NoHeadline:
    def test_title_is_derived_from_the_first_sentence(self):
        parsed = parse_seed("001")
        assert parsed.title_derived is True
        assert parsed.title == (
            "By history, culture and economy, the former Soviet countries of Central Asia maintain…"
        )
        assert len(parsed.title) <= 90

    def test_opening_by_is_not_a_byline(self):
        parsed = parse_seed("001")
        assert parsed.authors == ()
        assert parsed.source_name is None
        assert parsed.dek is None
        assert parsed.removed == ()

    def test_body_keeps_every_line(self):
        body = paragraphs(parse_seed("001"))
        # The file has 14 non-empty lines, one paragraph each, and all of them are article text.
        assert len(body) == 14
        assert body[0].startswith("By history, culture and economy, the former Soviet countries")
        assert body[-1].startswith("“The purpose of the sanctions is to target Russian entities")
        assert body[-1].endswith("bring Kazakhstan’s oil to the markets.")


class TestSeed002Caravanserai:
    def test_headline_masthead_and_byline(self):
        parsed = parse_seed("002")
        assert (
            parsed.title
            == "Blinken's visit to Central Asia prompts more calls for co-operation with West"
        )
        assert parsed.title_derived is False
        assert parsed.authors == ("Kanat Altynbayev", "Rustam Temirov")
        assert parsed.source_name == "Caravanserai"
        assert parsed.dek is None

    def test_section_label_is_furniture(self):
        parsed = parse_seed("002")
        assert "Diplomacy" in parsed.removed
        assert "Diplomacy" not in paragraphs(parsed)
        assert "Caravanserai" not in paragraphs(parsed)

    def test_duplicated_captions_are_kept_once_and_not_in_the_body(self):
        parsed = parse_seed("002")
        assert parsed.captions == (
            "US Secretary of State Antony Blinken and Kazakh President Kassym-Jomart Tokayev "
            "shake hands on February 28 in Astana. [Kazakh presidential press office]",
            "US Secretary of State Antony Blinken discusses security and other issues with "
            "Kazakh President Kassym-Jomart Tokayev and other high-ranking officials on "
            "February 28 in Astana. [Kazakh presidential press office]",
        )
        assert "press office]" not in parsed.body

    def test_comments_are_separated(self):
        parsed = parse_seed("002")
        assert parsed.comments == (
            "The USA is better than Russia.",
            "Blinken paid a very timely visit. We must reinstate co-operation with the US and "
            "the West and leave the useless Taiga Union.",
        )
        for text in ("Do you like this article", "Comment", "Reply", "The USA is better"):
            assert text not in parsed.body
        assert parsed.removed[-5:] == (
            "Do you like this article?",
            "2 Comment(s)",
            "Comment Policy * Denotes Required Field 1500 / 1500",
            "Reply",
            "Reply",
        )

    def test_body(self):
        body = paragraphs(parse_seed("002"))
        assert len(body) == 48
        assert body[0].startswith("ALMATY/TASHKENT -- US Secretary of State")
        assert body[-1].endswith("she said.")
        assert body[-1].startswith('"This visit has become a very significant landmark')

    def test_sub_headings_stay_in_the_body(self):
        body = paragraphs(parse_seed("002"))
        for heading in ("Cutting ties with Russia", "An aggressive Moscow", "Western co-operation"):
            assert heading in body


class TestSeed003AsianLite:
    def test_headline_and_source(self):
        parsed = parse_seed("003")
        assert parsed.title == "Blinken in Central Asia as tensions soar over Ukraine war"
        assert parsed.title_derived is False
        assert parsed.source_name == "Asian Lite News"
        assert parsed.authors == ()

    def test_standfirst_is_the_dek_without_its_reports_tail(self):
        parsed = parse_seed("003")
        assert parsed.dek == (
            "Blinken’s visit to Astana and later this week to Tashkent, the capital of "
            "Uzbekistan, mark his first trip to Central Asia as secretary of state"
        )
        assert "reports Asian Lite News" not in parsed.body
        # The standfirst's sentence is still in the body once, in its own paragraph.
        assert parsed.body.count("mark his first trip to Central Asia") == 1

    def test_furniture_is_removed(self):
        parsed = parse_seed("003")
        for text in ("Advertisement", "ALSO READ", "mc4wp"):
            assert text not in parsed.body
        assert parsed.removed == (
            "Advertisement",
            "ALSO READ: Quad, China top on Blinken’s India agenda",
            '[mc4wp_form id=""]',
            "Advertisement",
        )

    def test_body(self):
        body = paragraphs(parse_seed("003"))
        assert len(body) == 22
        assert body[0].startswith("Secretary of State Antony Blinken visited Kazakhstan on Tuesday")
        assert body[-1].endswith("Nozirov said.")


class TestSeed004PhotoCredit:
    def test_headline(self):
        parsed = parse_seed("004")
        assert parsed.title == (
            "Blinken was told in Astana: We do not need to be protected from Russia"
        )
        assert parsed.title_derived is False

    def test_photo_credit_is_not_the_source(self):
        parsed = parse_seed("004")
        assert parsed.source_name is None
        assert parsed.removed == ("foto", "Reuters")
        assert parsed.authors == ()
        assert parsed.dek is None

    def test_body(self):
        body = paragraphs(parse_seed("004"))
        assert len(body) == 17
        assert body[0].startswith("On February 28, the head of the U.S. Department of State")
        assert body[-1].startswith("However, it does not mean that Russia can relax here.")
        assert "foto" not in body
        assert "Reuters" not in body


class TestBylines:
    @pytest.mark.parametrize(
        ("line", "authors"),
        [
            ("By Jane Doe", ("Jane Doe",)),
            ("By Kanat Altynbayev and Rustam Temirov", ("Kanat Altynbayev", "Rustam Temirov")),
            ("By Anna Smith, Ben Jones and Carl Weiß", ("Anna Smith", "Ben Jones", "Carl Weiß")),
            ("By Anna Smith, Ben Jones, and Carl Weiß", ("Anna Smith", "Ben Jones", "Carl Weiß")),
            ("BY Ludwig van Beethoven", ("Ludwig van Beethoven",)),
            ("By Mary O'Neil-Smith", ("Mary O'Neil-Smith",)),
        ],
    )
    def test_bylines(self, line, authors):
        assert parse_byline(line) == authors

    @pytest.mark.parametrize(
        "line",
        [
            "By history, culture and economy, the former Soviet countries maintain close ties.",
            "By Tuesday the talks had ended",
            "By A, B, C, D and E",
            "Bypass Sanctions Now",
            "Written by Jane Doe",
        ],
    )
    def test_not_bylines(self, line):
        assert parse_byline(line) is None

    def test_byline_in_a_document_gives_authors(self):
        parsed = parse_document(
            "A headline\n\nBy Anna Smith, Ben Jones and Carl Weiß\n\nFirst paragraph.\n"
        )
        assert parsed.authors == ("Anna Smith", "Ben Jones", "Carl Weiß")
        assert parsed.body == "First paragraph."
        assert parsed.removed == ()

    def test_single_author_byline(self):
        parsed = parse_document("A headline\nBy Jane Doe\nFirst paragraph.\nSecond one.")
        assert parsed.authors == ("Jane Doe",)
        assert parsed.body == "First paragraph.\n\nSecond one."


class TestSyntheticDocuments:
    def test_crlf_input_is_normalised_by_decoding_first(self):
        raw = b"A headline\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n"
        parsed = parse_document(decode_document(raw).text)
        assert parsed.title == "A headline"
        assert parsed.body == "First paragraph.\n\nSecond paragraph."

    def test_single_and_blank_line_breaks_both_separate_paragraphs(self):
        parsed = parse_document("Headline\nOne.\n\n\n  Two.  \nThree.")
        assert parsed.body == "One.\n\nTwo.\n\nThree."

    def test_only_furniture_is_an_error(self):
        with pytest.raises(DocumentError) as caught:
            parse_document('Advertisement\n\n[mc4wp_form id=""]\n\nALSO READ: Something else\n')
        assert str(caught.value) == "no article text after removing page furniture"

    def test_a_single_line_is_body_not_headline(self):
        parsed = parse_document("Talks ended without agreement")
        assert parsed.body == "Talks ended without agreement"
        assert parsed.title == "Talks ended without agreement"
        assert parsed.title_derived is True

    def test_lone_credited_paragraph_stays_in_the_body(self):
        text = "Headline\n\nFirst paragraph.\n\nThe minister spoke. [Press office]\n\nLast one."
        parsed = parse_document(text)
        assert parsed.captions == ()
        assert "The minister spoke. [Press office]" in paragraphs(parsed)

    def test_two_word_paragraph_later_in_the_body_is_not_a_credit(self):
        parsed = parse_document("Headline\n\nFirst paragraph.\n\nWestern co-operation\n\nMore.")
        assert "Western co-operation" in paragraphs(parsed)
        assert parsed.removed == ()

    def test_source_line_names_the_outlet(self):
        parsed = parse_document("Headline\n\nFirst paragraph.\n\nSource: Reuters")
        assert parsed.source_name == "Reuters"
        assert parsed.body == "First paragraph."

    def test_other_shortcodes_are_widgets(self):
        parsed = parse_document('Headline\n\nText.\n\n[mc4wp_form id="123" title="News"]')
        assert parsed.body == "Text."

    def test_repeated_standfirst_is_a_dek(self):
        dek = "The secretary of state made his first trip to Central Asia this week"
        text = f"Headline\n\n{dek}\n\n{dek}. It follows a year of war.\n\nMore."
        parsed = parse_document(text)
        assert parsed.dek == dek
        assert paragraphs(parsed)[0].startswith(dek)

    def test_masthead_is_recognised_from_the_outlet_names_passed_in(self):
        text = "Daily Steppe\n\nTalks end in Astana\n\nFirst paragraph.\n\nSecond one."
        assert parse_document(text).title == "Daily Steppe"
        parsed = parse_document(text, outlets=["Daily Steppe"])
        assert parsed.source_name == "Daily Steppe"
        assert parsed.title == "Talks end in Astana"


class TestDeriveTitle:
    def test_short_first_sentence_without_full_stop(self):
        assert derive_title("Talks ended. More followed.") == "Talks ended"

    def test_abbreviations_do_not_end_the_sentence(self):
        body = "Mr. Blinken met the U.S. envoy in St. Petersburg. Then he left."
        assert derive_title(body) == "Mr. Blinken met the U.S. envoy in St. Petersburg"

    def test_long_sentence_is_cut_at_a_word_boundary(self):
        title = derive_title("word " * 40, max_length=30)
        assert title == "word word word word word word…"
        assert len(title) <= 30

    def test_trailing_punctuation_is_dropped_before_the_ellipsis(self):
        assert derive_title("Alpha beta, gamma delta epsilon.", max_length=12) == "Alpha beta…"

    def test_uses_only_the_first_paragraph(self):
        assert derive_title("First line\n\nSecond paragraph.") == "First line"

    def test_empty_body_is_an_error(self):
        with pytest.raises(ValueError, match="empty body"):
            derive_title("  \n ")
