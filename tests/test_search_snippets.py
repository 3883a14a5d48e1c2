"""Search snippets: a bounded window of each listed body, marked in Python, escaped on the page.

``articles.search_snippets`` reads at most ``SNIPPET_READ`` characters of each listed article
(from just before the first word searched), in one statement per page on every database, and
cuts them into (text, highlighted) segments that the template escapes.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.search_snippets import (
    SNIPPET_READ,
    snippet_segments,
    snippet_sql,
    snippet_stems,
)
from tests.factories import ArticleFactory, slugs

LIST = reverse("articles:list")
FILLER = "Delegations waited in the hall. " * 2000  # 64,000 characters without the word


def _snippet(content: str) -> str:
    start = content.index('<p class="card__snippet">') + len('<p class="card__snippet">')
    return content[start : content.index("</p>", start)]


# --- The segments (no database) ----------------------------------------------------------


def test_stems_are_the_words_beginnings_lower_cased_each_once():
    assert snippet_stems('Officials "closed doors" -Moscow officials UN') == [
        "official",
        "close",
        "door",
        "un",
    ]


def test_every_word_starting_with_a_stem_is_highlighted():
    window = "Talks in Astana. Officials met and the official said so."
    assert snippet_segments(window, 1, "officials") == [
        ("Talks in Astana. ", False),
        ("Officials", True),
        (" met and the ", False),
        ("official", True),
        (" said so.", False),
    ]


def test_a_word_inside_another_is_not_highlighted():
    assert snippet_segments("Indoor talks behind doors.", 1, "door") == [
        ("Indoor talks behind ", False),
        ("doors", True),
        (".", False),
    ]


def test_markup_and_marker_characters_stay_plain_text():
    window = "<b>Tokayev</b> & \ue000co\ue001 <script>x</script>"
    assert snippet_segments(window, 1, "Tokayev") == [
        ("<b>", False),
        ("Tokayev", True),
        ("</b> & \ue000co\ue001 <script>x</script>", False),
    ]


def test_a_window_from_inside_the_body_starts_after_a_space_and_says_so():
    window = "ited in the hall. Then Tokayev spoke."
    assert snippet_segments(window, 5000, "Tokayev") == [
        ("… ", False),
        ("in the hall. Then ", False),
        ("Tokayev", True),
        (" spoke.", False),
    ]


def test_a_long_window_is_cut_to_the_width_and_says_the_text_goes_on():
    window = "Sanctions " + "x" * 400
    segments = snippet_segments(window[:SNIPPET_READ], 1, "sanctions", width=20)
    assert segments == [("Sanctions", True), (" xxxxxxxxxx", False), (" …", False)]


def test_no_word_found_shows_the_start_of_the_window_unmarked():
    assert snippet_segments("Rain fell on the steppe.", 1, "Tokayev") == [
        ("Rain fell on the steppe.", False)
    ]


# --- The statement and the page -----------------------------------------------------------


@pytest.mark.django_db
def test_the_statement_reads_a_bounded_window_from_before_the_first_word():
    far = ArticleFactory(title="Far", slug="far", body=FILLER + "Then Tokayev spoke of water.")
    near = ArticleFactory(title="Near", slug="near", body="Tokayev spoke first. " + FILLER)
    none = ArticleFactory(title="None", slug="none", body=FILLER)
    sql, params = snippet_sql(connection.vendor, ["tokayev"], [far.pk, near.pk, none.pk])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = {pk: (at, window) for pk, at, window in cursor.fetchall()}
    found = len(FILLER) + len("Then ") + 1  # from 1, as the database counts
    assert rows[far.pk] == (found - 80, FILLER[found - 81 :] + "Then Tokayev spoke of water.")
    assert rows[near.pk] == (1, ("Tokayev spoke first. " + FILLER)[:SNIPPET_READ])
    assert rows[none.pk] == (1, FILLER[:SNIPPET_READ])


@pytest.mark.django_db
def test_the_page_shows_the_words_far_into_a_long_body(client):
    ArticleFactory(title="Far", slug="far", body=FILLER + "Then Tokayev spoke of water.")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"q": "Tokayev"})
    assert slugs(response) == ["far"]
    assert _snippet(response.content.decode()) == (
        # 80 characters before the word, from the first space on
        "… the hall. Delegations waited in the hall. Delegations waited in the hall. "
        "Then <mark>Tokayev</mark> spoke of water."
    )
    assert sum("WITH folded AS" in query["sql"] for query in captured.captured_queries) == 1


@pytest.mark.django_db
def test_hostile_text_in_a_snippet_is_escaped_on_the_page(client):
    body = "<img src=x onerror=alert(1)> Officials & \"guests\" met. <script>alert('x')</script>"
    ArticleFactory(title="Hostile", slug="hostile", body=body)
    content = client.get(LIST, {"q": "officials"}).content.decode()
    assert _snippet(content) == (
        "&lt;img src=x onerror=alert(1)&gt; <mark>Officials</mark> &amp; &quot;guests&quot; "
        "met. &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
    )
    assert "<img src=x" not in content and "<script>alert" not in content


@pytest.mark.django_db
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="SQLite's lower() folds ASCII letters only"
)
def test_a_word_in_another_script_is_found_whatever_its_case(client):
    body = "Делегации ждали в зале. " * 30 + "Министр Тлеуберди встретился с послом."
    ArticleFactory(title="Встреча", slug="vstrecha", body=body, language="ru")
    response = client.get(LIST, {"q": "тлеуберди"})
    assert slugs(response) == ["vstrecha"]
    (article,) = response.context["articles"]
    assert [text for text, marked in article.snippet if marked] == ["Тлеуберди"]
