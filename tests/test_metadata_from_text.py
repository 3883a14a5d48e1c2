"""Title, outlet, date and authors that a plain text states about itself (made-up examples)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from articles.evaluation.gold import GoldArticle, GoldSplit
from articles.evaluation.scoring import PredArticle, SplitScore, score_metadata
from articles.models import Article, Collection
from articles.pipeline import text_metadata as metadata
from articles.pipeline.parsing import parse_document, split_blocks
from tests.conftest import with_collection

BODY = "The ministers met on Monday.\n\nThey agreed to meet again in spring."
OUTLETS = ["Example Wire", "(Example Wire)", "EW", "Пример"]


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 3, 2023", dt.date(2023, 3, 3)),
        ("10 March 2022", dt.date(2022, 3, 10)),
        ("28 Feb 2023 13:38", dt.date(2023, 2, 28)),
        ("5 мая 2021 г.", dt.date(2021, 5, 5)),
        ("1er juin 2020", dt.date(2020, 6, 1)),
        ("07.08.2019", dt.date(2019, 8, 7)),
        ("2018-12-31", dt.date(2018, 12, 31)),
        ("2018-12-31T10:00:00Z", dt.date(2018, 12, 31)),
        ("28/02/2023 13:38", dt.date(2023, 2, 28)),
        ("02/28/2023", dt.date(2023, 2, 28)),
    ],
)
def test_full_dates(text, expected):
    assert metadata.first_date(text) == expected


def test_impossible_date_is_not_a_date():
    assert metadata.first_date("31 February 2023") is None


def test_day_and_month_that_could_be_swapped_give_no_date():
    assert metadata.first_date("03/04/2023") is None


@pytest.mark.parametrize(
    "line",
    ["28 Feb 2023 13:38", "05.06.2022, 10:15 | World", "Date: 4 July 2021", "4:30 P.M. CET"],
)
def test_date_lines(line):
    assert metadata.date_line(line)[0]


@pytest.mark.parametrize(
    "line",
    ["The summit opened on 4 July 2021 in the capital", "2023 was a good year for trade"],
)
def test_sentences_with_dates_are_not_date_lines(line):
    assert not metadata.date_line(line)[0]


# --- titles --------------------------------------------------------------------------------


def test_timestamp_before_the_headline_is_not_the_title():
    parsed = parse_document(f"28 Feb 2023 13:38\nLeaders meet in the capital\n\n{BODY}")
    assert parsed.title == "Leaders meet in the capital"
    assert parsed.published == dt.date(2023, 2, 28)
    assert parsed.removed == ("28 Feb 2023 13:38",)


def test_known_masthead_and_section_line():
    parsed = parse_document(f"Example Wire / Politics\n\nLeaders meet\n\n{BODY}", outlets=OUTLETS)
    assert parsed.title == "Leaders meet"
    assert parsed.source_name == "Example Wire"


def test_unknown_masthead_block_before_the_headline():
    text = f"The Valley Courier\nWorld | Region | Opinion\n\nLeaders meet\n\n{BODY}"
    parsed = parse_document(text)
    assert parsed.title == "Leaders meet"
    assert parsed.source_name == "The Valley Courier"


def test_headline_and_byline_block_is_not_a_masthead():
    parsed = parse_document(f"Leaders meet\nBy Jane Roe\n\n{BODY}")
    assert parsed.title == "Leaders meet"
    assert parsed.source_name is None


def test_hard_wrapped_paragraph_is_not_a_headline():
    wrapped = (
        "The foreign ministers of the five countries met on Monday in the\n"
        "capital and agreed to meet again in the spring, officials said on\n"
        "Tuesday after the talks had ended.\n"
    )
    text = "\n".join([wrapped, wrapped, wrapped])
    parsed = parse_document(text)
    assert parsed.title_derived
    assert parsed.body.split("\n\n")[0] == " ".join(wrapped.split())


def test_wider_hard_wrap_is_joined_too():
    wrapped = (
        "A line of a digest wrapped at ninety columns, which is wider than most e-mail\n"
        "clients use, and the end of it."
    )
    paragraphs, _ = split_blocks("Title\n\n" + "\n\n".join([wrapped] * 3))
    assert paragraphs[1] == " ".join(wrapped.split())


def test_single_line_paragraphs_are_not_joined():
    text = "Title\n\nFirst paragraph here.\nSecond paragraph here.\n\nThird one."
    assert split_blocks(text)[0] == [
        "Title",
        "First paragraph here.",
        "Second paragraph here.",
        "Third one.",
    ]


def test_hard_wrap_is_joined_into_paragraphs():
    wrapped = "A line that is long enough to be a wrapped line of text here\nand its end.\n"
    paragraphs, blocks = split_blocks("Title\n\n" + "\n".join([wrapped] * 3))
    assert (
        paragraphs[1] == "A line that is long enough to be a wrapped line of text here and its end."
    )
    assert blocks == [0, 1, 2, 3]


def test_line_cut_mid_sentence_is_not_the_title():
    parsed = parse_document(f"Leaders of the region\nmet on Monday in the capital.\n\n{BODY}")
    assert parsed.title_derived


def test_repeated_headline_is_dropped():
    parsed = parse_document(f"Leaders meet\n\nLeaders meet\n\n{BODY}")
    assert parsed.body == BODY


# --- outlets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "outlet"),
    [
        ("ASTANA, Nov 2 (Example Wire) - The ministers met.", "Example Wire"),
        ("МОСКВА, 2 ноября. /Пример/. Министры встретились.", "Пример"),
        ("ASTANA, 2 November 2023. EW reports that the ministers met.", "EW"),
        ("Astana, November 2, EW. EW reports that the ministers met.", "EW"),
        ("LAHORE: X.Y. Report - The ministers met.", "X.Y."),
    ],
)
def test_dateline_credits(first, outlet):
    assert parse_document(f"Leaders meet\n\n{first}\n\nMore text.").source_name == outlet


def test_closing_credit_line():
    parsed = parse_document(f"Leaders meet\n\n{BODY}\n\nby valley news")
    assert parsed.source_name == "valley news"
    assert parsed.body == BODY


def test_lone_credit_in_parentheses():
    parsed = parse_document(f"Leaders meet\n\n{BODY}\n\n(ABC)")
    assert parsed.source_name == "ABC"
    assert parsed.body == BODY


def test_parenthesis_later_in_a_sentence_is_not_a_credit():
    assert (
        parse_document(f"Leaders meet\n\nThe minister (left) spoke.\n\n{BODY}").source_name is None
    )


def test_source_line_with_editor_and_date():
    parsed = parse_document(
        f"Leaders meet\n\nSource: EW | Editor: Li Ming | 2022-03-04 10:00\n\n{BODY}"
    )
    assert parsed.source_name == "EW"
    assert parsed.published == dt.date(2022, 3, 4)


# --- dates in documents --------------------------------------------------------------------


def test_dateline_with_a_full_date():
    parsed = parse_document("Leaders meet\n\nASTANA, 2 November 2023. The ministers met.\n\nMore.")
    assert parsed.published == dt.date(2023, 11, 2)


def test_an_e_mail_digest_is_dated_and_named_by_its_header():
    # A digest's own text is published when the digest is sent, and its sender is the outlet.
    header = "From: EW Daily <digest@ew.example>\nSubject: Leaders meet\n"
    header += "Date: Fri, 3 Nov 2023 06:00:00 +0600\n\nLeaders meet\n\n"
    parsed = parse_document(header + "ASTANA, Nov 2 - The ministers met.\n\nMore.")
    assert (parsed.published, parsed.title) == (dt.date(2023, 11, 3), "Leaders meet")
    assert parsed.source_name == "EW Daily"
    # A credited dispatch it forwards keeps its own day and outlet, with the digest's year.
    parsed = parse_document(header + "ASTANA, Nov 2 (Reuters) - The ministers met.\n\nMore.")
    assert (parsed.published, parsed.source_name) == (dt.date(2023, 11, 2), "Reuters")


def test_a_digest_sent_by_its_writer_names_no_outlet():
    text = "From: Chad Whitfield <chad@brief.example>\nSubject: Weekly, 21 September 2023\n\n"
    text += "Biden meets five presidents\n\nBy Chad Whitfield\n\nGood morning. The leaders met.\n"
    parsed = parse_document(text)
    assert (parsed.source_name, parsed.authors) == (None, ("Chad Whitfield",))
    assert parsed.published == dt.date(2023, 9, 21)


def test_a_digest_without_a_date_field_is_dated_by_its_subject_and_never_joined():
    # Header fields that fill a hard-wrapped width stay lines of their own.
    body = (
        "BISHKEK, 6 November - The leaders of the Organization of Turkic States met in the\n"
        "Kyrgyz capital on Wednesday for their annual summit, and the host spoke of a common\n"
        "market that the members have discussed for years without a date being set for it.\n\n"
        "The next summit will be held in Azerbaijan, the secretariat said after the meeting,\n"
        "and the ministers will prepare it at a session in the spring of the coming year.\n"
    )
    text = "From: Orda Today <newsletter@ordatoday.example>\n"
    text += "Subject: Weekly digest, 8 November 2024\n\nTurkic leaders meet in Bishkek\n\n" + body
    parsed = parse_document(text)
    assert (parsed.published, parsed.source_name) == (dt.date(2024, 11, 8), "Orda Today")
    assert parsed.removed[:2] == (
        "From: Orda Today <newsletter@ordatoday.example>",
        "Subject: Weekly digest, 8 November 2024",
    )


def test_a_dated_masthead_line_over_a_headline_names_and_dates_the_text():
    text = "THE EURASIA BRIEF | Weekly newsletter | September 21, 2023\n\n"
    text += "Biden meets five presidents\n\nBy Chad Whitfield\n\nGood morning. The leaders met.\n"
    parsed = parse_document(text)
    assert (parsed.source_name, parsed.published) == ("THE EURASIA BRIEF", dt.date(2023, 9, 21))
    assert parsed.title == "Biden meets five presidents"
    # Without a date among its parts such a line is still a menu, not a masthead.
    menu = parse_document(
        "Home | World | Politics\n\nBiden meets five presidents\n\n" + "The leaders met."
    )
    assert menu.source_name is None


def test_dateline_without_any_year_gives_no_date():
    parsed = parse_document("Leaders meet\n\nASTANA, Nov 2 (EW) - The ministers met.\n\nMore.")
    assert parsed.published is None


def test_date_in_the_body_is_not_the_publication_date():
    parsed = parse_document("Leaders meet\n\nThe treaty was signed on 4 May 1999.\n\nMore.")
    assert parsed.published is None


# --- authors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Roe | 2 November 2023, 09:15", ("Jane Roe",)),
        ("Author: Jane Roe", ("Jane Roe",)),
        ("05.06.2022 | 10:15 | Author: Jane Roe", ("Jane Roe",)),
        ("Posted on May 24, 2023 by Jane Roe", ("Jane Roe",)),
        ("Von Jana Rot, Astana", ("Jana Rot",)),
        ("Publié le 2 mai 2023 à 10h00 | Par Jeanne Roux", ("Jeanne Roux",)),
        ("Автор: Иван Петров", ("Иван Петров",)),
    ],
)
def test_bylines_with_dates(line, authors):
    parsed = parse_document(f"Leaders meet\n\n{line}\n\n{BODY}")
    assert parsed.authors == authors
    assert parsed.body == BODY


def test_author_and_date_lines():
    parsed = parse_document(f"Leaders meet\n\nAuthor: Jane Roe\nDate: 22 May 2023\n\n{BODY}")
    assert parsed.authors == ("Jane Roe",)
    assert parsed.published == dt.date(2023, 5, 22)
    assert parsed.body == BODY


# --- the loader stores what the text states, unless the catalog says otherwise --------------

WIRE = (
    "28 Feb 2023 13:38\nLeaders meet in the capital\n\nBy Jane Roe\n\n"
    "ASTANA, Feb 28 (Reuters) - The ministers met on Tuesday.\n\nThey agreed to meet again.\n"
)


def _load(folder, catalog: str = ""):
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    if catalog:
        (folder / "catalog.toml").write_text(catalog, encoding="utf-8")
    call_command(
        "load_seeds",
        str(folder),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        **with_collection([folder], {}),
    )
    return Article.objects.select_related("source").get(seed_file="wire.txt")


@pytest.mark.django_db
def test_loader_stores_outlet_date_and_author_from_the_text(tmp_path):
    article = _load(tmp_path)
    assert article.title == "Leaders meet in the capital"
    assert article.source.name == "Reuters"  # "(Reuters)" resolved through the outlet aliases
    assert article.published == dt.date(2023, 2, 28)
    assert [a.name for a in article.authors.all()] == ["Jane Roe"]
    assert article.metadata_origin == {
        "title": "document",
        "source": "document",
        "published": "document",
        "authors": "document",
        # No catalog or page says the language: it is detected from the text.
        "language": "detected",
    }


@pytest.mark.django_db
def test_catalog_wins_over_the_text(tmp_path):
    catalog = '[files."wire.txt"]\nsource = "Agence France-Presse"\npublished = 2023-03-01\n'
    article = _load(tmp_path, catalog)
    assert article.source.name == "Agence France-Presse"
    assert article.published == dt.date(2023, 3, 1)
    assert article.metadata_origin["source"] == "catalog"
    assert article.metadata_origin["published"] == "catalog"
    assert article.metadata_origin["authors"] == "document"


@pytest.mark.django_db
def test_unknown_metadata_has_no_origin(tmp_path):
    (tmp_path / "plain.txt").write_text("Leaders meet\n\nThe ministers met.\n\nMore.\n")
    call_command(
        "load_seeds", str(tmp_path), stdout=io.StringIO(), **with_collection([tmp_path], {})
    )
    article = Article.objects.get(seed_file="plain.txt")
    assert article.source is None and article.published is None
    assert article.metadata_origin == {"title": "document"}


@pytest.mark.parametrize(("aliases", "hits"), [(("AFP", "(AFP)"), 1), (("afp.com",), 0), ((), 0)])
def test_outlet_scores_when_the_text_names_it_by_an_alias(aliases, hits):
    gold = GoldArticle(file="a.txt", outlet="AFP")
    pred = PredArticle(file="a.txt", outlet="Agence France-Presse", outlet_aliases=aliases)
    result = SplitScore(split=GoldSplit(name="x", label="x", documents=(), articles=(gold,)))
    score_metadata(gold, pred, result)
    assert (result.outlet.hits, result.outlet.total) == (hits, 1)


def test_kicker_over_the_headline_is_not_the_title():
    parsed = parse_document(f"Analysis\nWhy the corridor matters to the region\n\n{BODY}")
    assert parsed.title == "Why the corridor matters to the region"
    assert parsed.removed == ("Analysis",)


def test_short_headline_over_a_paragraph_stays_the_title():
    assert parse_document(f"Talks collapse\n\n{BODY}").title == "Talks collapse"


def test_breadcrumb_before_the_headline():
    parsed = parse_document(f"Home > World > Asia\n\nLeaders meet in the capital\n\n{BODY}")
    assert parsed.title == "Leaders meet in the capital"
    assert parsed.body == BODY


def test_wrapped_text_with_a_long_headline_is_still_joined():
    headline = "A headline that is longer than the wrap width of the digest, as some headlines are"
    wrapped = "A line that is long enough to be a wrapped line of text here\nand its end."
    text = headline + "\n\n" + "\n\n".join([wrapped] * 3)
    parsed = parse_document(text)
    assert parsed.title == headline
    assert parsed.body.split("\n\n")[0] == " ".join(wrapped.split())


UNDATED_WIRE = (
    "Ministers sign a water accord\n\n"
    "ASTANA, 19 May (Reuters) - The ministers signed a water accord on Friday.\n\n"
    "It takes effect in the autumn.\n"
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "published", "workers"),
    [
        # 19 May was a Friday in 2017 and 2023: the collection's last day picks the year.
        (dt.date(2023, 5, 1), dt.date(2023, 6, 30), dt.date(2023, 5, 19), 1),
        (dt.date(2023, 5, 1), dt.date(2023, 6, 30), dt.date(2023, 5, 19), 2),
        (dt.date(2020, 6, 1), None, dt.date(2017, 5, 19), 1),
        (None, None, None, 1),
    ],
)
def test_a_dateline_without_a_year_is_dated_from_its_collection(
    tmp_path, start, end, published, workers
):
    Collection.objects.create(
        slug="water-talks", title="Water talks", start_date=start, end_date=end
    )
    (tmp_path / "undated.txt").write_text(UNDATED_WIRE, encoding="utf-8")
    call_command(
        "load_seeds",
        str(tmp_path),
        collection="water-talks",
        workers=workers,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    article = Article.objects.get(seed_file="undated.txt")
    assert article.published == published
    assert ("published" in article.metadata_origin) is (published is not None)
