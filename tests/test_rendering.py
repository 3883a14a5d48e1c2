"""The pure body renderer: paragraphs, mention segments, quote runs, and sentence extraction."""

from articles.rendering import Span, paragraph_bounds, render_paragraphs, sentence_around

BODY = (
    "Blinken met Tokayev in Astana.\n\nHe said: “We support Kazakhstan.” Then he left.\n\n\n\nEnd."
)


def spans(body, *words, ref_prefix="m"):
    found = []
    for word in words:
        start = body.index(word)
        found.append(Span(start, start + len(word), f"{ref_prefix}:{word}"))
    return found


def flat(paragraph):
    return [(s.text, s.mention, run.quote) for run in paragraph.runs for s in run.segments]


def test_paragraph_bounds_skip_blank_paragraphs_and_keep_offsets():
    bounds = paragraph_bounds(BODY)
    assert [BODY[a:b] for a, b in bounds] == [
        "Blinken met Tokayev in Astana.",
        "He said: “We support Kazakhstan.” Then he left.",
        "End.",
    ]


def test_paragraph_bounds_trim_whitespace_inside_offsets():
    body = "  First.  \n\n\n  Second."
    assert [body[a:b] for a, b in paragraph_bounds(body)] == ["First.", "Second."]


def test_mentions_become_segments_and_text_is_preserved():
    paragraphs = render_paragraphs(BODY, mentions=spans(BODY, "Blinken", "Tokayev", "Kazakhstan"))
    assert [p.text for p in paragraphs] == [BODY[a:b] for a, b in paragraph_bounds(BODY)]
    assert flat(paragraphs[0]) == [
        ("Blinken", "m:Blinken", None),
        (" met ", None, None),
        ("Tokayev", "m:Tokayev", None),
        (" in Astana.", None, None),
    ]


def test_quote_groups_segments_into_one_run_and_marks_its_end():
    quote_text = "“We support Kazakhstan.”"
    start = BODY.index(quote_text)
    quote = Span(start, start + len(quote_text), "q1")
    paragraph = render_paragraphs(BODY, spans(BODY, "Kazakhstan"), [quote])[1]
    assert [(run.quote, run.quote_ends) for run in paragraph.runs] == [
        (None, False),
        ("q1", True),
        (None, False),
    ]
    quoted = paragraph.runs[1]
    assert [(s.text, s.mention) for s in quoted.segments] == [
        ("“We support ", None),
        ("Kazakhstan", "m:Kazakhstan"),
        (".”", None),
    ]


def test_quote_over_a_paragraph_break_is_highlighted_in_both_and_ends_once():
    body = "He said “one.\n\nTwo” and went."
    start = body.index("“")
    end = body.index("”") + 1
    paragraphs = render_paragraphs(body, quotes=[Span(start, end, "q")])
    runs = [(run.quote, run.quote_ends) for p in paragraphs for run in p.runs]
    assert runs == [(None, False), ("q", False), ("q", True), (None, False)]


def test_bad_and_overlapping_spans_are_ignored_without_losing_text():
    body = "Antony Blinken visited."
    bad = [
        Span(0, 14, "full"),
        Span(7, 14, "overlaps"),  # inside the first: dropped
        Span(50, 60, "outside"),
        Span(5, 5, "empty"),
        Span(-3, 2, "negative"),
    ]
    (paragraph,) = render_paragraphs(body, mentions=bad)
    assert paragraph.text == body
    assert flat(paragraph) == [("Antony Blinken", "full", None), (" visited.", None, None)]


def test_markup_in_the_body_stays_plain_text():
    body = "<script>alert(1)</script> Blinken"
    (paragraph,) = render_paragraphs(body, mentions=spans(body, "Blinken"))
    assert paragraph.runs[0].segments[0].text == "<script>alert(1)</script> "


def test_empty_body_has_no_paragraphs():
    assert render_paragraphs("") == []
    assert render_paragraphs("\n\n  \n\n") == []


def test_sentence_around_finds_the_sentence():
    text = "First one. Blinken met Tokayev in Astana on Tuesday. Last one."
    start = text.index("Tokayev")
    context = sentence_around(text, start, start + len("Tokayev"))
    assert (context.before, context.match, context.after) == (
        "Blinken met ",
        "Tokayev",
        " in Astana on Tuesday.",
    )
    assert not context.truncated_start and not context.truncated_end


def test_sentence_around_skips_abbreviations_and_initials():
    text = "Earlier. The U.S. envoy Mr. J. Smith praised Kazakhstan warmly. Later."
    start = text.index("Kazakhstan")
    context = sentence_around(text, start, start + 10)
    assert context.before == "The U.S. envoy Mr. J. Smith praised "
    assert context.after == " warmly."


def test_sentence_around_stops_at_line_breaks_and_closing_quotes():
    text = "Headline\nHe said “Russia is near.” Then more."
    start = text.index("Russia")
    context = sentence_around(text, start, start + 6)
    assert context.before == "He said “"
    assert context.after == " is near.”"


def test_sentence_around_cuts_long_sentences_on_word_boundaries():
    text = ("word " * 200) + "Blinken" + (" word" * 200) + "."
    start = text.index("Blinken")
    context = sentence_around(text, start, start + 7, max_chars=100)
    assert context.truncated_start and context.truncated_end
    assert len(context.before) <= 50 and len(context.after) <= 50
    assert context.before.startswith("word") and context.after.endswith("word")


def test_sentence_around_clamps_bad_offsets():
    context = sentence_around("Short text.", 40, 90)
    assert context.match == ""
