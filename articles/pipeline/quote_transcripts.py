"""Layouts that carry speech without quote marks, and hard-wrapped lines.

* ``join_wrapped``: plain-text digests wrap lines at a fixed width, and captured text often keeps
  each line as a paragraph of its own. A line that does not end a sentence, or a line followed by
  one that starts in lower case, continues on the next line: the two are one paragraph for the
  quote scanner (the break is read as a space, offsets are unchanged), so a quotation broken by
  a wrap is one quote, not a bogus quote closed at the end of every line.
* Transcripts: paragraphs that open with a speaker label and a colon. The labels are
  questions (``Q:``, ``QUESTION:``, ``Вопрос:``, ``Frage:``, ``Question :``, numbered
  ``Вопрос 1:``), answers (``A:``,
  ``Ответ:``, ``Antwort:``, ``Réponse :``) or names (``MR. SULLIVAN:``, ``SECRETARY BLINKEN:``,
  ``С.Лавров:``, ``Lavrov:``, ``Interfax:``), possibly in bold markers (``**Lavrov:**``) and
  possibly alone on their line with the words in the paragraphs below, with an aside or a
  time code in brackets (``Jane Doe (00:01:05):``), after a time stamp (``[13:02] Jane Doe:``;
  a stamped entry without a label is the desk's narration and ends an answer), question and
  answer words with a full stop (``Pregunta.``, ``Respuesta.``, then ``P.``, ``R.``), or
  initials (``BS:`` for the Bakhtiyor Saidov the introduction names, when they recur), a name
  in square brackets (``[Jane Doe] Thank you…``), one word in capitals before a dash
  (``BLINKEN — Yes…``) or a full stop (``NURTLEU. Nous…``, ``LCAC.`` for the paper) when two
  such labels take turns, a name with its office (``Jane Doe, Foreign Minister:``), a
  reporter and outlet in brackets (``QUESTION (Jane Roe, Orda Today) —``), after a Markdown
  blockquote's ``> ``. Lines of one paragraph that open two turns or more (``Q:`` / ``A:``
  with single line breaks) are paragraphs of their own. A name
  whose turns are mostly questions, or half of them from two on, is the interviewer; a name
  that hands the floor to a question twice and never answers one chairs the briefing, and its
  turns are no answers (``quote_labels``). Upper-case names count
  from their first use; a name in ordinary case only when it labels two paragraphs or more,
  so "Note: ..." is not a speaker.
  Dash interviews (``– question?`` paragraphs) and ``Q:`` lines without answer labels leave
  the answers unlabelled.
* Every answer paragraph is a quote in full, said by the turn's speaker; an answer label or an
  unlabelled answer is said by the interviewee the introduction names ("spoke to Aigerim
  Seitkali", "with economist Jane Doe"). An answer goes on over the following unlabelled
  paragraphs until a short line, a paragraph with quote marks, or an editor's note; inside a
  blockquote only inside it, and after the last turn only while a paragraph speaks in the
  first or second person ("We agreed…"; "The treaty was signed…" is the writer's). A short
  turn nobody continues is a courtesy ("Thank you, Aliya."), unless it replies to a question
  ("Will he raise it?" - "He always does.").
"""

from __future__ import annotations

import re

from .quote_guests import headline_guest, interviewee_in, role_named_in
from .quote_labels import (
    BLOCKQUOTE,
    QUOTED_WHOLE,
    TIME_STAMP,
    expand_initials,
    label_kind,
    speaker_turns,
    upper,
)
from .quote_patterns import NAME_RUN, ROLE_WORDS, WORD, SpeakerMention
from .quote_scan import Piece
from .wordlists import words

_ENDS_SENTENCE = '.!?:;…"”»)'
_QUOTE_MARKS = '"“”«»„'
_DASH_QUESTION = re.compile(r"[ \t]*[–—-][ \t]+\S.*\?")
_ANSWER_MARK = re.compile(r"[ \t]*(?:>[ \t]*)?(?:[•·▪*]|[–—-](?=[ \t]))?[ \t]*")
# A blockquote's empty line (">") between the turns it quotes.
_EMPTY_QUOTED = re.compile(r"[ \t]*>[ \t]*")
# First- and second-person words: a paragraph after the last turn goes on with its answer only
# when it has one ("We agreed …"); "The treaty was signed on 13 March." is the writer's.
_PERSONAL = words("quotes", "personal_words")
_EDITORS_NOTE = re.compile(r"(?:The|This) (?:interview|transcript|conversation) (?:has been|was)")
_STAMPED = re.compile(rf"[ \t]*{TIME_STAMP}")
# "**Pourquoi maintenant ?**": a paragraph set in bold markers.
# "*Why now?*", "_Why now?_": in italics too.
_BOLD_LINE = re.compile(r"[ \t]*(\*\*|__|\*|_)[^*_\n]+\1[ \t]*")
_NAME_COLON = re.compile(rf"[ \t]*{NAME_RUN}[ \t]*:[ \t]*")
_MIN_CONTINUATION_WORDS = 8
_LINE = re.compile(r"[^\n]+")
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
# "[Interpretation]" in square brackets too.
_ASIDE = re.compile(r"[ \t]*(?:\([^()\n\d]{1,30}\)|\[[^\[\]\n\d]{1,30}\])[ \t]*(?=\S)")


def join_wrapped(body: str, paragraphs: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``body`` with wrapped line breaks read as spaces, and the joined paragraph spans."""
    if not paragraphs:
        return body, paragraphs
    paragraphs = _turn_lines(body, paragraphs)
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


def _turn_lines(body: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A paragraph whose lines open two turns or more ("Q: …" / "A: …" with single line
    breaks) is one paragraph a line: the wrapped lines are joined again afterwards."""
    found = []
    for start, end in paragraphs:
        if "\n" not in body[start:end]:
            found.append((start, end))
            continue
        lines = []
        for match in _LINE.finditer(body, start, end):
            if match.group().strip():
                lines.append(
                    (
                        match.start() + len(match.group()) - len(match.group().lstrip()),
                        match.start() + len(match.group().rstrip()),
                    )
                )
        labelled = sum(label_kind(body, s, e) is not None for s, e in lines)
        found += lines if labelled >= 2 else [(start, end)]
    return found


def _continues(body: str, prev_start: int, prev_end: int, start: int, end: int) -> bool:
    if label_kind(body, start, end) is not None or _DASH_QUESTION.match(body, start, end):
        return False
    # "*Why now?*": the sentence ends inside the emphasis markers.
    last, first = body[prev_start:prev_end].rstrip("*_")[-1:], body[start]
    if first in '"“«':
        return False  # a paragraph that opens with a mark continues a quotation, not a line
    if first.islower():
        return True
    # A short line without a sentence ending is a heading or a label, not a wrapped line.
    return last not in _ENDS_SENTENCE and prev_end - prev_start >= 50 and not first.isdigit()


def question_labels(body: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the labels that open question turns ("LE FIGARO. – ", "Q: "): the quotes a
    question holds are attributed in the words after the label."""
    spans = []
    for index, turn in speaker_turns(body, paragraphs).items():
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
    turns = speaker_turns(body, paragraphs)
    dashes = {i for i, (s, e) in enumerate(paragraphs) if _DASH_QUESTION.match(body, s, e)}
    guest = None
    if not turns and not dashes:
        dashes, guest = _plain_questions(body, paragraphs, headline)
    questions = dashes | {i for i, t in turns.items() if t.kind == "Q"}
    named = [i for i, t in turns.items() if t.kind == "N"]
    if not questions and len(named) < 2:
        return [], set()
    first = min(questions | set(turns))
    # With answer labels or named turns, unlabelled paragraphs only continue an answer.
    marked = any(t.kind != "Q" for t in turns.values())
    interviewee = (
        interviewee_in(body, paragraphs[first][0])
        or headline_guest(headline)
        or guest
        or _headline_left(body, paragraphs[:first])
    )
    found: list[tuple[Piece, SpeakerMention | None]] = []
    # Questions are not quotes, but a question may quote someone ("X spoke of "…". Why?").
    used: set[int] = set()
    state, speaker, after_label, quoted = None, None, False, False
    short: int | None = None  # index in ``found`` of a short turn not yet continued
    asked = False  # the turn before was a question ("Will he raise it?" - "He always does.")
    last_turn = max(turns, default=-1)
    for index in range(first, len(paragraphs)):
        p_start, p_end = paragraphs[index]
        if _EMPTY_QUOTED.fullmatch(body, p_start, p_end):
            continue
        turn = turns.get(index)
        if turn is not None or index in dashes:
            # An answer in a blockquote ("> A: …") goes on inside it only.
            quoted = BLOCKQUOTE.match(body, p_start, p_end) is not None
            if turn is None or turn.kind == "Q":
                state, after_label = "Q", False
                asked = body[p_start:p_end].rstrip().rstrip("*_").endswith("?")
                continue
            used.add(index)
            speaker = expand_initials(body, paragraphs[first][0], turn.label)
            if turn.kind == "A" or interviewee is not None and _is_role_label(turn.label.text):
                speaker = interviewee  # "Ответ:", and "Министр:" for the minister introduced
            state, after_label = "A", turn.text_start >= p_end
            _drop_courtesy(body, found, short)
            short = None
            if not after_label:
                # A short reply to a question answers it; a short turn otherwise is a courtesy.
                if not asked:
                    short = _short(body, turn.text_start, p_end, len(found))
                found.append((_piece(body, turn.text_start, p_end, index), speaker))
            asked = False
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
        if (
            (BLOCKQUOTE.match(text) is not None) != quoted
            or not after_label
            and (not _continues_answer(text, speaker) or index > last_turn and not _personal(text))
        ):
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


def _headline_left(body: str, intro: list[tuple[int, int]]) -> SpeakerMention | None:
    """The guest a headline left at the top of the body names ('Jane Doe: "…"')."""
    for start, end in intro[:_PLAIN_QUESTION_FIRST]:
        label = _NAME_COLON.match(body, start, end)
        if label is not None and QUOTED_WHOLE.fullmatch(body, label.end(), end):
            return headline_guest(body[start:end])
    return None


def _is_role_label(label: str) -> bool:
    words = [w for w in label.casefold().split() if w not in _LABEL_ARTICLES]
    return bool(words) and all(w in ROLE_WORDS for w in words)


def _plain_questions(
    body: str, paragraphs: list[tuple[int, int]], headline: str
) -> tuple[set[int], SpeakerMention | None]:
    """Unlabelled questions of an interview whose introduction (or headline, when it says
    "interview") names the guest: short paragraphs that end in a question mark, bold or
    not, each followed by an answer, two at least. When every question is in bold, the
    introduction's name after a role word ("Le chercheur Julien Ferrand") is the guest too
    (returned, as it is named by no interview verb)."""
    asked = [
        i
        for i, (start, end) in enumerate(paragraphs)
        if body[start:end].rstrip().rstrip("*_").rstrip().endswith("?")
        and len(WORD.findall(body[start:end])) <= _PLAIN_QUESTION_MAX_WORDS
        # "*Officials speak of a "new chapter". Is it?*": a question set apart may quote.
        and (
            not any(mark in body[start:end] for mark in _QUOTE_MARKS)
            or _BOLD_LINE.fullmatch(body, start, end)
        )
    ]
    if len(asked) < 2 or asked[0] == 0 or asked[0] > _PLAIN_QUESTION_FIRST:
        return set(), None
    if any(b - a < 2 for a, b in zip(asked, asked[1:], strict=False)) or asked[-1] + 1 >= len(
        paragraphs
    ):
        return set(), None  # two questions in a row, or one with no answer: not an interview
    intro_end = paragraphs[asked[0]][0]
    named = interviewee_in(body, intro_end) or (
        headline_guest(headline) if _INTERVIEW_HEADLINE.search(headline) else None
    )
    guest = None
    if named is None and all(_BOLD_LINE.fullmatch(body, *paragraphs[i]) for i in asked):
        named = guest = role_named_in(body, intro_end)
    return (set(asked), guest) if named is not None else (set(), None)


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
    if _STAMPED.match(text):
        return False  # "[13:10] The leaders ...": a live transcript's next entry
    if text.rstrip().endswith("?") or _about_speaker(text, speaker):
        return False
    return not any(mark in text for mark in _QUOTE_MARKS)


def _personal(text: str) -> bool:
    return any(word.casefold() in _PERSONAL for word in WORD.findall(text))


def _about_speaker(text: str, speaker: SpeakerMention | None) -> bool:
    if speaker is None:
        return False
    first = text.lstrip().split(maxsplit=1)[:1]
    names = speaker.text.casefold().split()
    if not first or not names:
        return False
    # The surname, or the given name of a name in ordinary case ("SECRETARY BLINKEN" has none).
    own = names[-1:] if upper(speaker.text) else names[:1] + names[-1:]
    return first[0].casefold().strip(",.") in own


def _looks_like_furniture(text: str) -> bool:
    # "Source: Current Time TV", "The interview has been edited": short, or an editor's note.
    words = len(WORD.findall(text))
    if words < 8 and not text.rstrip().endswith((".", "?", "!", "”", '"')):
        return True
    return bool(_EDITORS_NOTE.match(text))
