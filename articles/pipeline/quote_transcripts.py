"""Layouts that carry speech without quote marks, and hard-wrapped lines.

* ``join_wrapped``: plain-text digests wrap lines at a fixed width, and captured text often keeps
  each line as a paragraph of its own. A line that does not end a sentence, or a line followed by
  one that starts in lower case, continues on the next line: the two are one paragraph for the
  quote scanner (the break is read as a space, offsets are unchanged), so a quotation broken by
  a wrap is one quote, not a bogus quote closed at the end of every line.
* Transcripts: paragraphs that open with a speaker label and a colon. The labels are
  questions (``Q:``, ``QUESTION:``, ``Вопрос:``, ``Frage:``, ``Question :``), answers (``A:``,
  ``Ответ:``, ``Antwort:``, ``Réponse :``) or names (``MR. SULLIVAN:``, ``SECRETARY BLINKEN:``,
  ``С.Лавров:``, ``Lavrov:``, ``Interfax:``), possibly in bold markers (``**Lavrov:**``) and
  possibly alone on their line with the words in the paragraphs below. A name whose turns are
  mostly questions is the interviewer. Upper-case names count from their first use; a name in
  ordinary case only when it labels two paragraphs or more, so "Note: ..." is not a speaker.
  Dash interviews (``– question?`` paragraphs) and ``Q:`` lines without answer labels leave
  the answers unlabelled.
* Every answer paragraph is a quote in full, said by the turn's speaker; an answer label or an
  unlabelled answer is said by the interviewee the introduction names ("spoke to Aigerim
  Seitkali", "with economist Jane Doe"). An answer goes on over the following unlabelled
  paragraphs until a short line, a paragraph with quote marks, or an editor's note.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .quote_guests import headline_guest, interviewee_in
from .quote_patterns import ROLE_WORDS, WORD, SpeakerMention
from .quote_scan import Piece
from .text import UPPER
from .wordlists import words

_QUESTION_LABELS = words("quotes", "question_labels")
_ANSWER_LABELS = words("quotes", "answer_labels")
_NOT_LABELS = words("quotes", "not_speaker_labels")

_ENDS_SENTENCE = '.!?:;…"”»)'
_QUOTE_MARKS = '"“”«»„'
_DASH_QUESTION = re.compile(r"[ \t]*[–—-][ \t]+\S.*\?")
_ANSWER_MARK = re.compile(r"[ \t]*(?:[•·▪*]|[–—-](?=[ \t]))?[ \t]*")
_U = f"[{UPPER}]"
# A label word: "Lavrov", "MR.", "С.Лавров" (initials glued to the surname), "O'Brien".
_TOKEN = rf"(?:{_U}\.)*{_U}[\w’'\-]*\.?"
_BOLD = r"(?:\*\*|__|\*)?"
# "President of Kazakhstan Kassym-Jomart Tokayev": lower-case particles inside a label.
_PARTICLE = rf"(?:{'|'.join(sorted(words('quotes', 'label_particles')))})"
# "Jane Doe (Interfax):", "MODERATOR (Ms. Ortega):": an aside in brackets is part of the label.
_LABEL = re.compile(
    rf"[ \t]*{_BOLD}[ \t]*(?P<label>{_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_TOKEN}){{0,5}}"
    rf"(?:[ \t]*\([^()\n]{{1,30}}\))?)[ \t]*{_BOLD}[ \t]*:[ \t]*{_BOLD}[ \t]*(?!/)"
)
# "Q. Why now?", "Q    Thank you." (a tab or wide space, as White House transcripts have),
# "Q — Why now?", "A - Because.": question and answer labels without a colon.
_Q_DOT = re.compile(
    r"[ \t]*(?P<label>Q|A|Question|Answer|QUESTION|ANSWER)"
    r"(?:[ \t]*\.[ \t]*|\t[ \t]*|[ ]{2,}|[ \t]+[–—-][ \t]+)(?=\S)"
)
# "CLAIRE DUVAL. – Parce que…", "LE FIGARO. – Pourquoi…?": a name in capitals and a dash, as
# French papers print interviews (only capitals: "Mr. Smith - who…" is not a label).
_DASH_LABEL = re.compile(
    rf"[ \t]*{_BOLD}(?P<label>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,5}}){_BOLD}"
    r"(?:\.[ \t]*[–—-]|[ \t]+[–—])[ \t]+(?=\S)"
)
# "ALIYA BEKOVA" alone on its line, the turn's words in the paragraphs below (radio and
# podcast transcripts): a label only when the same name stands alone twice or more.
_LONE_NAME = re.compile(rf"[ \t]*{_BOLD}(?P<label>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,4}}){_BOLD}[ \t]*$")
_EDITORS_NOTE = re.compile(r"(?:The|This) (?:interview|transcript|conversation) (?:has been|was)")
_ASIDE_END = re.compile(r"[ \t]*\([^()]*\)$")
_MIN_CONTINUATION_WORDS = 8
# Unlabelled questions: short, and the first one near the top (after the introduction).
_PLAIN_QUESTION_MAX_WORDS = 30
_PLAIN_QUESTION_FIRST = 4
_INTERVIEW_HEADLINE = re.compile(
    rf"(?i:{'|'.join(sorted(words('quotes', 'interview_words')))}|q&a)(?!\w)"
)
_LABEL_ARTICLES = frozenset({"the", "le", "la", "el", "der", "die", "das"})
# A turn of fewer words that no paragraph continues is a courtesy ("Thank you, Aliya.",
# "Good evening."), not a quotation.
_MIN_TURN_WORDS = 4
# "(Via interpreter)", "(In Russian)" before an answer's words are the transcriber's.
_ASIDE = re.compile(r"[ \t]*\((?:[^()\n\d]{1,30})\)[ \t]*(?=\S)")


@dataclass(frozen=True)
class _Turn:
    kind: str  # "Q" question, "A" answer by the interviewee, "N" answer by the named speaker
    label: SpeakerMention
    text_start: int  # where the turn's words begin (the paragraph's end for a lone label)


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
    if _label_kind(body, start, end) is not None or _DASH_QUESTION.match(body, start, end):
        return False
    last, first = body[prev_end - 1], body[start]
    if first in '"“«':
        return False  # a paragraph that opens with a mark continues a quotation, not a line
    if first.islower():
        return True
    # A short line without a sentence ending is a heading or a label, not a wrapped line.
    return last not in _ENDS_SENTENCE and prev_end - prev_start >= 50 and not first.isdigit()


def _label_kind(
    body: str, start: int, end: int, dotted: bool = False
) -> tuple[str, re.Match] | None:
    """The kind of the label opening the paragraph ("Q", "A", "N"), with its match.

    ``dotted``: the text asked with a "Q." label before, so "A." opens an answer, not an
    initial.
    """
    match = (
        _LABEL.match(body, start, end)
        or _Q_DOT.match(body, start, end)
        or _DASH_LABEL.match(body, start, end)
        or _LONE_NAME.match(body, start, end)
    )
    if match is None:
        return None
    label = _label_text(match)
    if match.re is _Q_DOT:
        if label[0] == "A" and "." in match.group() and not dotted:
            return None  # "A. Smith said": an initial, not an answer
        return ("Q" if label[0] == "Q" else "A"), match
    if match.re is _DASH_LABEL and not _upper(label):
        return None
    key = label.casefold().replace(".", " ").split()
    joined = " ".join(key)
    if joined in _QUESTION_LABELS or joined.replace(" ", "") in _QUESTION_LABELS:
        return "Q", match
    if joined in _ANSWER_LABELS:
        return "A", match
    letters = sum(c.isalpha() for c in label)
    if key[0] in _NOT_LABELS or letters < 3:
        return None
    return "N", match


def _turns(body: str, paragraphs: list[tuple[int, int]]) -> dict[int, _Turn]:
    found: dict[int, tuple[str, re.Match]] = {}
    dotted = False  # a "Q." came before: "A." answers it
    for index, (start, end) in enumerate(paragraphs):
        if (kind := _label_kind(body, start, end, dotted)) is not None:
            found[index] = kind
            dotted = dotted or kind[1].re is _Q_DOT and kind[0] == "Q"
    # A name alone on its line, or in capitals before a dash, labels turns only when it
    # recurs: once, it is a kicker, a heading or "EU LEADERS – all of them – met".
    loose = (_LONE_NAME, _DASH_LABEL)
    recurring = Counter(_key(m) for _, m in found.values() if m.re in loose)
    # A name in ordinary case alone on its line ("Aliya Bekova") labels turns only when two
    # such names take turns.
    taking = sum(1 for key, n in recurring.items() if n >= 2 and key != key.upper())
    for index, (_, match) in list(found.items()):
        last = index + 1 == len(paragraphs)  # a lone label needs a paragraph after it
        lone = match.re is _LONE_NAME
        ordinary = lone and not _upper(_label_text(match)) and taking < 2
        if match.re in loose and (recurring[_key(match)] < 2 or lone and last or ordinary):
            del found[index]
    names = Counter(
        _key(m) for kind, m in found.values() if kind == "N" and not _upper(_label_text(m))
    )
    # With a question label or a labelled question, a name in ordinary case that answers once
    # is a speaker too.
    asked = any(
        kind == "Q" or body[paragraphs[i][0] : paragraphs[i][1]].rstrip().endswith("?")
        for i, (kind, _) in found.items()
    )
    # Among speakers who take turns, a full name that speaks once is one of them.
    taking_turns = any(count >= 2 for count in names.values())
    turns: dict[int, _Turn] = {}
    for index, (kind, match) in found.items():
        text = _label_text(match)
        once = asked or taking_turns and len(text.split()) >= 2
        if kind == "N" and not _upper(text) and names[_key(match)] < (1 if once else 2):
            continue  # "Note: ...", "Tokayev: ..." as a headline: one use is not a speaker
        start = match.start("label") if "label" in match.re.groupindex else match.start()
        label = SpeakerMention(text, start, start + len(text))
        turns[index] = _Turn(kind, label, match.end())
    _mark_interviewers(body, paragraphs, turns)
    return turns


def _label_text(match: re.Match) -> str:
    """The label without an aside in brackets ("Jane Doe (Interfax)" is "Jane Doe") or the
    full stop before a dash ("CLAIRE DUVAL. –")."""
    label = _ASIDE_END.sub("", match.group("label"))
    return label.rstrip(".") if match.re is _DASH_LABEL else label


def _key(match: re.Match) -> str:
    return _label_text(match).casefold()


def _upper(label: str) -> bool:
    return label.upper() == label and sum(c.isalpha() for c in label) >= 3


def _mark_interviewers(body: str, paragraphs: list[tuple[int, int]], turns: dict) -> None:
    # A name whose turns mostly end in a question mark asks the questions ("Interfax: ...?").
    asked: Counter[str] = Counter()
    spoke: Counter[str] = Counter()
    for index, turn in turns.items():
        if turn.kind != "N":
            continue
        key = turn.label.text.casefold()
        spoke[key] += 1
        start, end = paragraphs[index]
        if turn.text_start >= end and index + 1 < len(paragraphs):
            start, end = paragraphs[index + 1]
        asked[key] += body[start:end].rstrip().endswith("?")
    for index, turn in list(turns.items()):
        key = turn.label.text.casefold()
        if turn.kind == "N" and asked[key] * 2 > spoke[key]:
            turns[index] = _Turn("Q", turn.label, turn.text_start)


def question_labels(body: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the labels that open question turns ("LE FIGARO. – ", "Q: "): the quotes a
    question holds are attributed in the words after the label."""
    spans = []
    for index, turn in _turns(body, paragraphs).items():
        start, end = paragraphs[index]
        if turn.kind == "Q" and turn.text_start < end:
            spans.append((start, turn.text_start))
    return spans


def transcript_answers(
    body: str, paragraphs: list[tuple[int, int]], headline: str = ""
) -> tuple[list[tuple[Piece, SpeakerMention | None]], set[int]]:
    """Answer paragraphs of a transcript with their speakers, and the paragraphs they use.

    When the introduction names no interviewee, the headline may ("Interview: Foreign
    Minister Jane Doe"); such a speaker has no offsets in the body (-1).
    """
    turns = _turns(body, paragraphs)
    dashes = {i for i, (s, e) in enumerate(paragraphs) if _DASH_QUESTION.match(body, s, e)}
    if not turns and not dashes:
        dashes = _plain_questions(body, paragraphs, headline)
    questions = dashes | {i for i, t in turns.items() if t.kind == "Q"}
    named = [i for i, t in turns.items() if t.kind == "N"]
    if not questions and len(named) < 2:
        return [], set()
    first = min(questions | set(turns))
    # With answer labels or named turns, unlabelled paragraphs only continue an answer.
    marked = any(t.kind != "Q" for t in turns.values())
    interviewee = interviewee_in(body, paragraphs[first][0]) or headline_guest(headline)
    found: list[tuple[Piece, SpeakerMention | None]] = []
    # Questions are not quotes, but a question may quote someone ("X spoke of "…". Why?").
    used: set[int] = set()
    state, speaker, after_label = None, None, False
    short: int | None = None  # index in ``found`` of a short turn not yet continued
    for index in range(first, len(paragraphs)):
        p_start, p_end = paragraphs[index]
        turn = turns.get(index)
        if turn is not None or index in dashes:
            if turn is None or turn.kind == "Q":
                state, after_label = "Q", False
                continue
            used.add(index)
            speaker = turn.label
            if turn.kind == "A" or interviewee is not None and _is_role_label(turn.label.text):
                speaker = interviewee  # "Ответ:", and "Министр:" for the minister introduced
            state, after_label = "A", turn.text_start >= p_end
            _drop_courtesy(body, found, short)
            short = None
            if not after_label:
                short = _short(body, turn.text_start, p_end, len(found))
                found.append((_piece(body, turn.text_start, p_end, index), speaker))
            continue
        if state is None:
            continue
        if not marked:
            start = _ANSWER_MARK.match(body, p_start, p_end).end()
            if _looks_like_furniture(body[start:p_end]):
                continue
            found.append((_piece(body, start, p_end, index), interviewee))
            used.add(index)
            continue
        if state != "A":
            continue
        text = body[p_start:p_end]
        if not after_label and not _continues_answer(text, speaker):
            state = None
            continue
        # Under a lone label the first paragraph may be short; once the turn goes on, it stays.
        short = _short(body, p_start, p_end, len(found)) if after_label else None
        after_label = False
        start = _ANSWER_MARK.match(body, p_start, p_end).end()
        found.append((_piece(body, start, p_end, index), speaker))
        used.add(index)
    _drop_courtesy(body, found, short)
    return found, used


def _is_role_label(label: str) -> bool:
    words = [w for w in label.casefold().split() if w not in _LABEL_ARTICLES]
    return bool(words) and all(w in ROLE_WORDS for w in words)


def _plain_questions(body: str, paragraphs: list[tuple[int, int]], headline: str) -> set[int]:
    """Unlabelled questions of an interview whose introduction (or headline, when it says
    "interview") names the guest: short paragraphs that end in a question mark, bold or
    not, each followed by an answer, two at least."""
    asked = [
        i
        for i, (start, end) in enumerate(paragraphs)
        if body[start:end].rstrip().rstrip("*_").rstrip().endswith("?")
        and len(WORD.findall(body[start:end])) <= _PLAIN_QUESTION_MAX_WORDS
        and not any(mark in body[start:end] for mark in _QUOTE_MARKS)
    ]
    if len(asked) < 2 or asked[0] == 0 or asked[0] > _PLAIN_QUESTION_FIRST:
        return set()
    if any(b - a < 2 for a, b in zip(asked, asked[1:], strict=False)) or asked[-1] + 1 >= len(
        paragraphs
    ):
        return set()  # two questions in a row, or one with no answer: not an interview
    intro_end = paragraphs[asked[0]][0]
    named = interviewee_in(body, intro_end) or (
        headline_guest(headline) if _INTERVIEW_HEADLINE.search(headline) else None
    )
    return set(asked) if named is not None else set()


def _piece(body: str, start: int, end: int, index: int) -> Piece:
    aside = _ASIDE.match(body, start, end)
    if aside is not None and len(aside.group().split()) <= 3:
        start = aside.end()
    return Piece(start, end, start, end, False, index, -1, True)


def _short(body: str, start: int, end: int, position: int) -> int | None:
    return position if len(WORD.findall(body[start:end])) < _MIN_TURN_WORDS else None


def _drop_courtesy(body: str, found: list, short: int | None) -> None:
    """Drop a short turn that no paragraph continued ("Thank you, Aliya." to close)."""
    if short is not None and short == len(found) - 1:
        found.pop()


def _continues_answer(text: str, speaker: SpeakerMention | None) -> bool:
    # "Thank you all.", a time stamp, an editor's note or a reported quote end the answer;
    # so do an unlabelled question ("Wie heikel ist das?") and a line about the guest that
    # opens with the guest's name ("Jane Doe is a researcher at …").
    if len(WORD.findall(text)) < _MIN_CONTINUATION_WORDS or _EDITORS_NOTE.match(text):
        return False
    if text.rstrip().endswith("?") or _about_speaker(text, speaker):
        return False
    return not any(mark in text for mark in _QUOTE_MARKS)


def _about_speaker(text: str, speaker: SpeakerMention | None) -> bool:
    if speaker is None:
        return False
    first = text.lstrip().split(maxsplit=1)[:1]
    names = speaker.text.casefold().split()
    if not first or not names:
        return False
    # The surname, or the given name of a name in ordinary case ("SECRETARY BLINKEN" has none).
    own = names[-1:] if _upper(speaker.text) else names[:1] + names[-1:]
    return first[0].casefold().strip(",.") in own


def _looks_like_furniture(text: str) -> bool:
    # "Source: Current Time TV", "The interview has been edited": short, or an editor's note.
    words = len(WORD.findall(text))
    if words < 8 and not text.rstrip().endswith((".", "?", "!", "”", '"')):
        return True
    return bool(_EDITORS_NOTE.match(text))
