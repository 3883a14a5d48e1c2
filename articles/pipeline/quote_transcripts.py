"""Layouts that carry speech without quote marks, and hard-wrapped lines.

* ``join_wrapped``: plain-text digests wrap lines at a fixed width, and captured text often keeps
  each line as a paragraph of its own. A line that does not end a sentence, or a line followed by
  one that starts in lower case, continues on the next line: the two are one paragraph for the
  quote scanner (the break is read as a space, offsets are unchanged), so a quotation broken by
  a wrap is one quote, not a bogus quote closed at the end of every line.
* Transcripts: ``Q:`` / ``A:`` lines, speaker turns (``MR. SULLIVAN: …``, ``THE PRESIDENT: …``)
  and dash interviews (``– question?`` paragraphs). Every answer paragraph is a quote in full,
  said by the turn's speaker; an ``A:`` answer or a dash interview's answer is said by the
  interviewee the introduction names ("spoke to Aigerim Seitkali", "with economist Jane Doe").
"""

from __future__ import annotations

import re

from .quote_patterns import NAME_RUN, WORD, SpeakerMention, trim_name
from .quote_scan import Piece

_ENDS_SENTENCE = '.!?:;…"”»)'
_DASH_QUESTION = re.compile(r"[ \t]*[–—-][ \t]+\S.*\?")
_ANSWER_MARK = re.compile(r"[ \t]*(?:[•·▪*]|[–—-](?=[ \t]))?[ \t]*")
_Q_LINE = re.compile(r"[ \t]*(?:Q|Question|QUESTION)[ \t]*[:.][ \t]*\S")
_A_LINE = re.compile(r"[ \t]*(?:A|Answer|ANSWER)[ \t]*:[ \t]*(?=\S)")
# A speaker turn: an upper-case label of at most five words, then a colon ("MR. SULLIVAN:",
# "THE PRESIDENT:", "PESKOV:"); labels of one or two letters are Q/A, not names.
_CAP = "A-ZÀ-ÞА-ЯЁ"
_TURN = re.compile(
    rf"[ \t]*(?P<label>(?:[{_CAP}][{_CAP}.'’\-]*[ \t]+){{0,4}}[{_CAP}][{_CAP}'’\-]{{2,}})"
    r"[ \t]*:[ \t]*(?=\S)"
)
_EDITORS_NOTE = re.compile(r"(?:The|This) (?:interview|transcript|conversation) (?:has been|was)")
_INTERVIEWEE = re.compile(
    rf"(?:\b(?:spoke|speaks|talked|talks|spoken|talking)[ \t]+(?:to|with)|\bwith|\binterviewed)"
    rf"[ \t]+(?:[a-z][\w\-]*[ \t]+){{0,4}}(?P<name>{NAME_RUN})"
)


def join_wrapped(body: str, paragraphs: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``body`` with wrapped line breaks read as spaces, and the joined paragraph spans."""
    if not paragraphs:
        return body, paragraphs
    chars = list(body)
    joined = [paragraphs[0]]
    for start, end in paragraphs[1:]:
        prev_start, prev_end = joined[-1]
        if _continues(body, prev_start, prev_end, start, end):
            for pos in range(prev_end, start):
                chars[pos] = " "
            joined[-1] = (prev_start, end)
        else:
            joined.append((start, end))
    return "".join(chars), joined


def _continues(body: str, prev_start: int, prev_end: int, start: int, end: int) -> bool:
    if _turn_or_question(body, start, end):
        return False
    last, first = body[prev_end - 1], body[start]
    if first in '"“«':
        return False  # a paragraph that opens with a mark continues a quotation, not a line
    if first.islower():
        return True
    # A short line without a sentence ending is a heading or a label, not a wrapped line.
    return last not in _ENDS_SENTENCE and prev_end - prev_start >= 50 and not first.isdigit()


def _turn_or_question(body: str, start: int, end: int) -> bool:
    return bool(
        _Q_LINE.match(body, start, end)
        or _A_LINE.match(body, start, end)
        or _DASH_QUESTION.match(body, start, end)
        or _TURN.match(body, start, end)
    )


def transcript_answers(
    body: str, paragraphs: list[tuple[int, int]]
) -> tuple[list[tuple[Piece, SpeakerMention | None]], set[int]]:
    """Answer paragraphs of a transcript with their speakers, and the paragraphs they use."""
    questions = [
        i
        for i, (s, e) in enumerate(paragraphs)
        if _Q_LINE.match(body, s, e) or _DASH_QUESTION.match(body, s, e)
    ]
    turns = {i: m for i, (s, e) in enumerate(paragraphs) if (m := _TURN.match(body, s, e))}
    if not questions and len(turns) < 2:
        return [], set()
    first = min(questions[:1] + list(turns)[:1])
    # With speaker turns or "A:" lines, only they are answers ("Thank you all." is not).
    marked = bool(turns) or any(_A_LINE.match(body, s, e) for s, e in paragraphs)
    interviewee = _interviewee(body, paragraphs[first][0])
    found: list[tuple[Piece, SpeakerMention | None]] = []
    used: set[int] = set(questions)
    question_set = set(questions)
    for index in range(first, len(paragraphs)):
        p_start, p_end = paragraphs[index]
        if index in question_set:
            continue
        turn = turns.get(index)
        if turn is not None:
            label = turn.group("label")
            speaker = SpeakerMention(label, turn.start("label"), turn.start("label") + len(label))
            start = turn.end()
        elif questions and index > questions[0]:
            answer = _A_LINE.match(body, p_start, p_end)
            if marked and not answer:
                continue
            start = answer.end() if answer else _ANSWER_MARK.match(body, p_start, p_end).end()
            if not answer and _looks_like_furniture(body[start:p_end]):
                continue
            speaker = interviewee
        else:
            continue
        found.append((Piece(start, p_end, start, p_end, False, index, -1, True), speaker))
        used.add(index)
    return found, used


def _interviewee(body: str, intro_end: int) -> SpeakerMention | None:
    # The last "with <descriptor> Firstname Lastname" of the intro names the guest.
    found = None
    for match in _INTERVIEWEE.finditer(body, 0, intro_end):
        name = trim_name(match.group("name"), match.start("name"))
        if name is not None and len(name.text.split()) >= 2:
            found = name
    return found


def _looks_like_furniture(text: str) -> bool:
    # "Source: Current Time TV", "The interview has been edited": short, or an editor's note.
    words = len(WORD.findall(text))
    if words < 8 and not text.rstrip().endswith((".", "?", "!", "”", '"')):
        return True
    return bool(_EDITORS_NOTE.match(text))
