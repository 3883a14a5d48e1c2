"""Direct quotations in an article body, and who said them.

Text in, records out: ``extract_quotes(body)`` returns one ``Quote`` per quoted
stretch, with offsets into ``body`` and the speaker as written in the text.

How quotes are found
--------------------
* Marks: straight ``"`` (toggles), curly ``“`` / ``”`` and guillemets ``«`` / ``»``.
  Single quotes are not quote marks: ``’`` is also the apostrophe, so treating it
  as a mark would split "they’re". Nested single quotes stay part of the text.
* A paragraph that opens a quote and never closes it continues into the next
  paragraph when that one opens with a quote mark (the journalistic convention).
  Each paragraph's stretch is its own ``Quote`` (offsets never include the
  paragraph break or the repeated mark); the stretches share one speaker.
* Interviews: when the body has question paragraphs (opening with a dash and
  asking something) and the intro names someone after "with" ("We talked ... with
  political scientist Rafael Sattarov"), every later paragraph that is not a
  question is an answer, quoted whole, said by that interviewee.

Who said it, in order of trust
------------------------------
1. Trailing attribution right after the closing mark: ``"…," X said``,
   ``"…," said X, an analyst``, ``"…," he said``, ``"…," according to X``.
2. Lead-in in the same sentence: ``X said: "…"``, ``X told Y: "…"``,
   ``X replied to Y: "…"``, ``X noted that … "…"``, ``According to X, … "…"``.
3. Continuation: a later unattributed quote in the same paragraph keeps the
   speaker of the one before; in a run of consecutive paragraphs that open with a
   quote, an unattributed one takes the speaker of the nearest attributed quote
   before it in the run, else the first one after it (attribution on the last).
4. Fallback: the sentence's subject, when it is a person ("Satpayev is troubled
   because Russia is "dragging …"").

"he"/"she" resolve to the latest person who was a sentence subject, the subject
of a speech verb, or a quote's speaker, in the text before the quote; quoted
words never count, so a name inside a quote cannot become the antecedent. There
is no gender check (the text carries none). Descriptors naming a person role
("the minister", "The Kazakhstan Foreign Minister") resolve to the latest person
introduced with that role ("the foreign minister, Bajtiyor Saidov"); when there
is none they stay as written. Resolved speakers point at the antecedent's
mention, so the caller can link the span like any other name.

Scare quotes
------------
A quote is kept when it has a speech-verb attribution (rule 1 or 2), or it opens
its sentence (or follows a colon), or it has at least ``MIN_QUOTE_WORDS`` words.
So "cancel Russia", "bloody January" and "C5+1" are dropped, while ``described
as “worthy of support”`` (speech verb) and a 9-word embedded phrase stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quote_attribution import (
    Attribution,
    Document,
    all_sentences,
    attribute,
    collect_events,
    collect_persons,
)
from .quote_patterns import INTERVIEWEE, WORD, SpeakerMention, trim_name
from .quote_scan import Piece, mask_quotes, scan_pieces
from .text import paragraph_spans

__all__ = ["MIN_QUOTE_WORDS", "Quote", "extract_quotes"]

MIN_QUOTE_WORDS = 4
_QUESTION = re.compile(r"[ \t]*[–—-][ \t]+\S.*\?")
_ANSWER_MARK = re.compile(r"^[ \t]*(?:[•·▪*]|[–—-](?=[ \t]))?[ \t]*")


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the quoted words and, when known, who said them."""

    start: int  # offset of the first quoted character (after the opening mark)
    end: int  # offset just past the last quoted character (before the closing mark)
    text: str  # body[start:end]
    speaker: str | None  # as written; pronouns and role descriptors resolved to a name
    speaker_start: int | None  # span of that speaker mention in the body
    speaker_end: int | None


def extract_quotes(body: str) -> list[Quote]:
    """Every direct quotation in ``body``, in text order."""
    paragraphs = paragraph_spans(body)
    answers, answer_paras = _interview_answers(body, paragraphs)
    pieces = scan_pieces(body, paragraphs, skip=answer_paras)
    doc = Document(body, mask_quotes(body, pieces), paragraphs)
    doc.sentences = all_sentences(doc)
    collect_persons(doc)
    collect_events(doc)
    attributions = attribute(doc, pieces)
    quotes = list(answers)
    for piece, attribution in zip(pieces, attributions, strict=True):
        if _keep(body, piece, attribution):
            quotes.append(_to_quote(body, piece, attribution.speaker))
    return sorted(quotes, key=lambda q: q.start)


# --- interviews --------------------------------------------------------------------------


def _interview_answers(
    body: str, paragraphs: list[tuple[int, int]]
) -> tuple[list[Quote], set[int]]:
    questions = [i for i, (s, e) in enumerate(paragraphs) if _QUESTION.match(body, s, e)]
    if not questions:
        return [], set()
    intro_end = paragraphs[questions[0]][0]
    interviewee = _interviewee(body, intro_end)
    quotes, used = [], set()
    question_set = set(questions)
    for index in range(questions[0] + 1, len(paragraphs)):
        p_start, p_end = paragraphs[index]
        text = body[p_start:p_end]
        if index in question_set or _looks_like_furniture(text):
            continue
        start = p_start + _ANSWER_MARK.match(text).end()
        piece = Piece(start, p_end, start, p_end, False, index, -1, True)
        quotes.append(_to_quote(body, piece, interviewee))
        used.add(index)
    return quotes, used


def _interviewee(body: str, intro_end: int) -> SpeakerMention | None:
    # The last "with <descriptor> Firstname Lastname" of the intro names the guest.
    found = None
    for match in INTERVIEWEE.finditer(body, 0, intro_end):
        name = trim_name(match.group("name"), match.start("name"))
        if name is not None and len(name.text.split()) >= 2:
            found = name
    return found


def _looks_like_furniture(text: str) -> bool:
    # "Source: Current Time TV" and similar tails: short and no sentence ending.
    return len(WORD.findall(text)) < 8 and not text.rstrip().endswith((".", "?", "!", "”", '"'))


# --- output ------------------------------------------------------------------------------


def _keep(body: str, piece: Piece, attribution: Attribution) -> bool:
    words = len(WORD.findall(body[piece.start : piece.end]))
    if words == 0:
        return False
    return attribution.direct or attribution.sentence_initial or words >= MIN_QUOTE_WORDS


def _to_quote(body: str, piece: Piece, speaker: SpeakerMention | None) -> Quote:
    # The comma before an attribution ("…countries," he said) is punctuation of the
    # reporting sentence, not of the quoted words.
    start, end = piece.start, piece.end
    while start < end and body[start].isspace():
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] == ","):
        end -= 1
    if speaker is None:
        return Quote(start, end, body[start:end], None, None, None)
    return Quote(start, end, body[start:end], speaker.text, speaker.start, speaker.end)
