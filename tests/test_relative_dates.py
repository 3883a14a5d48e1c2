"""Relative dates ("3 hours ago", "Publié hier à 09h15") dated from the page's capture line,
and the dates of Uzbek, Kazakh and Turkish pages.

Every line is made up for the test; none comes from a text of the evaluation corpus.
"""

from __future__ import annotations

import datetime as dt

import pytest

from articles.pipeline.parsing import parse_document
from articles.pipeline.relative_dates import (
    capture_moment,
    relative_offset,
    resolve,
    url_hosts,
    weekday_year,
    year_by_weekday,
)
from articles.pipeline.text_metadata import date_line, find_dates

TITLE = "Ministers agree on a new railway link"
BODY = "The ministers met on Monday in the capital.\n\nThey agreed to meet again in spring."


@pytest.mark.parametrize(
    ("line", "offset"),
    [
        ("5 hours ago", dt.timedelta(hours=5)),
        ("Posted 40 minutes ago", dt.timedelta(minutes=40)),
        ("il y a 2 jours", dt.timedelta(days=2)),
        ("vor 3 Stunden", dt.timedelta(hours=3)),
        ("hace 6 horas", dt.timedelta(hours=6)),
        ("4 часа назад", dt.timedelta(hours=4)),
        ("2 saat önce", dt.timedelta(hours=2)),
        ("Publié hier à 11h20", dt.timedelta(days=1)),
        ("вчера, 18:30", dt.timedelta(days=1)),
        ("Yesterday at 9:15 PM", dt.timedelta(days=1)),
        ("Today 08:05", dt.timedelta(0)),
    ],
)
def test_relative_date_lines(line: str, offset: dt.timedelta) -> None:
    assert relative_offset(line) == offset


@pytest.mark.parametrize(
    "line",
    [
        "Two hours ago the delegations were still arguing over the text.",
        "Steppe Today",
        "Yesterday",
        "5 hours ago, 12 March 2024",
    ],
)
def test_sentences_names_and_dated_lines_are_no_relative_date(line: str) -> None:
    assert relative_offset(line) is None


def test_capture_lines_give_the_moment_of_capture() -> None:
    assert capture_moment("Saved on 12 March 2024, 22:10 from https://example.org/a") == (
        dt.datetime(2024, 3, 12, 22, 10)
    )
    assert capture_moment("Страница сохранена 12.03.2024") == dt.datetime(2024, 3, 12)
    assert capture_moment("Retrieved figures for 12 March 2024 show a rise") is None
    assert capture_moment("12 March 2024") is None


def test_hours_before_the_capture_can_fall_on_the_day_before() -> None:
    captured = dt.datetime(2024, 3, 12, 2, 30)
    assert resolve(captured, dt.timedelta(hours=5), "5 hours ago") == dt.date(2024, 3, 11)
    assert resolve(captured, dt.timedelta(hours=1), "1 hour ago") == dt.date(2024, 3, 12)


def test_addresses_are_looked_up_by_host_and_parent_hosts() -> None:
    assert url_hosts("from https://www.en.example.kz/news/1") == [
        "en.example.kz/news/1",
        "en.example.kz",
        "example.kz",
    ]


def test_a_relative_date_under_the_headline_is_dated_from_the_capture_line() -> None:
    text = (
        "Saved on 12 March 2024, 22:10 from https://example.org/news/rail\n"
        f"{TITLE}\n5 hours ago\n\n{BODY}"
    )
    parsed = parse_document(text)
    assert (parsed.title, parsed.published) == (TITLE, dt.date(2024, 3, 12))
    assert parsed.body == BODY


def test_the_capture_date_alone_is_not_the_publication_date() -> None:
    parsed = parse_document(f"Saved on 12 March 2024, 22:10\n{TITLE}\n\n{BODY}")
    assert (parsed.title, parsed.published) == (TITLE, None)


def test_a_relative_date_without_a_capture_line_gives_no_date() -> None:
    parsed = parse_document(f"{TITLE}\n3 hours ago\n\n{BODY}")
    assert (parsed.title, parsed.published, parsed.body) == (TITLE, None, BODY)


def test_the_address_of_a_capture_line_names_a_known_outlet() -> None:
    text = (
        f"Retrieved 2 May 2024 from https://www.examplewire.com/a/b\n{TITLE}\n2 days ago\n\n{BODY}"
    )
    parsed = parse_document(text, ["Example Wire", "examplewire.com"])
    assert (parsed.source_name, parsed.published) == ("examplewire.com", dt.date(2024, 4, 30))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-yil 9-may", dt.date(2024, 5, 9)),
        ("9-may, 2024-yil", dt.date(2024, 5, 9)),
        ("2024 йил 9 май", dt.date(2024, 5, 9)),
        ("2023 жылғы 12 қазан", dt.date(2023, 10, 12)),
        ("12 қараша 2023", dt.date(2023, 11, 12)),
        ("15 Ağustos 2024 Perşembe", dt.date(2024, 8, 15)),
        ("3 sentabr 2022", dt.date(2022, 9, 3)),
    ],
)
def test_uzbek_kazakh_and_turkish_dates(text: str, day: dt.date) -> None:
    assert [d for _, _, d in find_dates(text)] == [day]


def test_a_date_line_of_short_labelled_parts() -> None:
    assert date_line("No. 48 | Monday, 4 March 2024") == (True, dt.date(2024, 3, 4))
    assert date_line("The talks in Astana | Monday, 4 March 2024") == (False, None)


# A collection's last day: the reference date a dateline without a year is dated from.
REFERENCE = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("dateline", "paragraph", "day"),
    [
        (
            "12 марта. /ТАСС/.",
            "МОСКВА, 12 марта. /ТАСС/. Министр во вторник прибыл",
            dt.date(2024, 3, 12),
        ),
        (
            "March 12 (AP) -",
            "ASTANA, March 12 (AP) - The talks opened on Tuesday",
            dt.date(2024, 3, 12),
        ),
        (
            "12 mar (EFE).-",
            "Astaná, 12 mar (EFE).- Los ministros firmaron este martes",
            dt.date(2024, 3, 12),
        ),
        (
            "12 mars (AFP) -",
            "ASTANA, 12 mars (AFP) - Les ministres ont signé mardi",
            dt.date(2024, 3, 12),
        ),
        ("29 февраля.", "АСТАНА, 29 февраля. Переговоры прошли в четверг", dt.date(2024, 2, 29)),
    ],
)
def test_a_dateline_without_a_year_takes_the_year_of_its_weekday(
    dateline: str, paragraph: str, day: dt.date
) -> None:
    assert year_by_weekday(dateline, paragraph, REFERENCE) == day


def test_a_dateline_without_a_weekday_or_in_the_future_gives_no_date() -> None:
    assert (
        year_by_weekday("12 March (AP) -", "ASTANA, 12 March (AP) - The talks opened", REFERENCE)
        is None
    )
    assert year_by_weekday("20 December", "They meet on Sunday", dt.date(2026, 12, 1)) == dt.date(
        2020, 12, 20
    )


def test_the_environment_is_no_wednesday() -> None:
    # "среда" is also "the environment"; only the form after "в" names the day.
    assert year_by_weekday("12 марта.", "Обсуждали окружающую среда и воду", REFERENCE) is None


def test_without_a_reference_date_a_dateline_without_a_year_stays_undated() -> None:
    assert (
        year_by_weekday("19 mayo", "Madrid, 19 mayo (EFE).- Se reunieron este viernes", None)
        is None
    )
    assert weekday_year((5, 19, 5), None) is None


def test_the_year_depends_on_the_reference_not_on_the_day_it_is_read() -> None:
    # 19 May was a Friday in 2017 and 2023; a reference in 2020 and one in 2025 pick them.
    assert weekday_year((5, 19, 5), dt.date(2020, 6, 30)) == dt.date(2017, 5, 19)
    assert weekday_year((5, 19, 5), dt.date(2025, 12, 31)) == dt.date(2023, 5, 19)
    # The day itself is not after the reference: 19 May 2023 with a reference of 18 May.
    assert weekday_year((5, 19, 5), dt.date(2023, 5, 18)) == dt.date(2017, 5, 19)


def test_the_parser_keeps_an_undated_dateline_for_the_caller_to_date() -> None:
    text = (
        "Los ministros firman un acuerdo sobre el agua\n\n"
        "Madrid, 19 mayo (EFE).- Los ministros firmaron este viernes un acuerdo sobre el agua.\n\n"
        "El texto entra en vigor en otoño."
    )
    parsed = parse_document(text)
    assert parsed.published is None
    assert parsed.undated == (5, 19, 5)
