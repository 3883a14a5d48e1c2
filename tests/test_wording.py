"""Word-level differences between two reports of one statement."""

from articles.pipeline import wording
from articles.pipeline.wording import Piece, diff_inline, diff_sides, similarity, word_diff

MINISTER_A = "We do not see or feel any risk or threat from the Russian Federation"
MINISTER_B = "We don't see or feel any risks or threats from Russia at the moment"


def test_diff_marks_the_words_each_report_changed():
    html = diff_inline(MINISTER_A, MINISTER_B)
    assert html.startswith("We <del>do not</del> <ins>don&#x27;t</ins> see or feel any ")
    assert "<del>risk</del> <ins>risks</ins> or <del>threat</del> <ins>threats</ins>" in html
    # "the" is common to both, so the change around it splits in two.
    assert html.endswith(
        " from <ins>Russia at</ins> the <del>Russian Federation</del> <ins>moment</ins>"
    )


def test_sides_keep_their_own_spelling_and_mark_only_their_own_words():
    left, right = diff_sides("Russia, he said.", "russia he said firmly.")
    assert left == "Russia, he said."
    assert right == "russia he said <ins>firmly.</ins>"
    left, right = diff_sides("risk or threat", "risks or threat")
    assert (left, right) == ("<del>risk</del> or threat", "<ins>risks</ins> or threat")


def test_case_and_edge_punctuation_are_not_differences():
    assert word_diff("“We support Kazakhstan.”", "we support Kazakhstan") == [
        Piece("same", "we support Kazakhstan", "“We support Kazakhstan.”")
    ]
    assert similarity("We support Kazakhstan.", "we support kazakhstan") == 1.0


def test_hostile_text_is_escaped_on_both_sides():
    left, right = diff_sides("<b>bold</b> & co", '<script>alert("x")</script> & co')
    assert "<b>" not in left and "<script>" not in right
    assert left.startswith("<del>&lt;b&gt;bold&lt;/b&gt;</del>")
    assert right.startswith("<ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</ins>")
    assert left.endswith(" &amp; co") and right.endswith(" &amp; co")


def test_identical_and_empty_texts():
    assert diff_inline("Same words here.", "Same words here.") == "Same words here."
    assert diff_inline("", "") == ""
    assert diff_inline("", "New words") == "<ins>New words</ins>"
    assert diff_inline("Old words", "") == "<del>Old words</del>"
    assert similarity("", "") == 1.0
    assert similarity("a b", "c d") == 0.0


def test_similarity_counts_shared_words():
    assert similarity("one two three four", "one two five four") == 0.75


def test_over_long_texts_are_shown_escaped_without_marks(monkeypatch):
    monkeypatch.setattr(wording, "MAX_WORDS", 5)
    long_text = "a b c d e f <g>"
    assert word_diff(long_text, "a") is None
    assert diff_inline("a", long_text) == "a b c d e f &lt;g&gt;"
    assert diff_sides(long_text, "x") == ("a b c d e f &lt;g&gt;", "x")
    assert similarity(long_text, "a") == 0.0
