"""Speaker labels of transcripts: which paragraphs open a question, an answer or a named
speaker's turn (used by ``quote_transcripts``, which describes the layouts).

Labels are questions (``Q:``, ``QUESTION:``, ``Вопрос:``), answers (``A:``, ``Ответ:``) or names
(``MR. SULLIVAN:``, ``С.Лавров:``, ``Lavrov:``, ``Jane Doe (00:01:05):``, ``Jane Doe, Foreign
Minister:``, ``[Jane Doe]``, ``BLINKEN —``, ``NURTLEU.``), possibly in bold markers, after a
blockquote's ``>`` and possibly alone on their line. A name whose turns are mostly questions is
the interviewer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .quote_patterns import NAME_RUN, ROLE_WORDS, SpeakerMention, trim_name
from .text import UPPER
from .wordlists import words

_QUESTION_LABELS = words("quotes", "question_labels")
_ANSWER_LABELS = words("quotes", "answer_labels")
_NOT_LABELS = words("quotes", "not_speaker_labels")
_U = f"[{UPPER}]"
# A label word: "Lavrov", "MR.", "С.Лавров" (initials glued to the surname), "O'Brien".
_TOKEN = rf"(?:{_U}\.)*{_U}[\w’'\-]*\.?"
_BOLD = r"(?:\*\*|__|\*)?"
# "[13:02] Jane Doe:", "00:14:05 Jane Doe:": a live transcript's time stamp before the label.
TIME_STAMP = r"(?:\[\d{1,2}:\d{2}(?::\d{2})?\]|\d{1,2}:\d{2}(?::\d{2})?(?=[ \t]+\S))"
_STAMP = rf"(?:[ \t]*{TIME_STAMP}[ \t]+)?"
# "President of Kazakhstan Kassym-Jomart Tokayev": lower-case particles inside a label.
_PARTICLE = rf"(?:{'|'.join(sorted(words('quotes', 'label_particles')))})"
# "Jane Doe (Interfax):", "MODERATOR (Ms. Ortega):": an aside in brackets is part of the label.
_LABEL = re.compile(
    rf"{_STAMP}[ \t]*{_BOLD}[ \t]*(?P<label>{_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_TOKEN}){{0,5}}"
    # "Вопрос 1:", "Question 2:": a numbered question or answer.
    rf"(?:[ \t]*\d{{1,2}}\.?)?"
    rf"(?:[ \t]*\([^()\n]{{1,40}}\))?)"
    # "Mukhtar Tileuberdi, Foreign Minister:": the speaker's office after a comma.
    rf"(?:,[ \t]+(?P<office>[^\W\d_][^:,\n]{{1,60}}))?[ \t]*{_BOLD}[ \t]*:[ \t]*{_BOLD}[ \t]*(?!/)"
)
# "Q. Why now?", "Q    Thank you." (a tab or wide space, as White House transcripts have),
# "Q — Why now?", "A - Because.": question and answer labels without a colon.
_Q_DOT = re.compile(
    r"[ \t]*(?P<label>Q|A|Question|Answer|QUESTION|ANSWER)"
    r"(?:[ \t]*\.[ \t]*|\t[ \t]*|[ ]{2,}|[ \t]+[–—-][ \t]+)(?=\S)"
)
# "Pregunta. ¿Qué cambia?" / "Respuesta. Todo.", then "P." / "R." (Spanish papers), "Frage." /
# "Antwort.": the question and answer words of any language, with a full stop. One letter
# ("P.", "R.", "F.") only once the text has used the full word of that kind: "P. Smith" is an
# initial.
_WORD_DOT = re.compile(
    rf"[ \t]*{_BOLD}(?P<label>{_U}[^\W\d_]*){_BOLD}\.{_BOLD}[ \t]+(?=[^\W\d_¿¡]|[¿¡])"
)
# "CLAIRE DUVAL. – Parce que…", "LE FIGARO. – Pourquoi…?": a name in capitals and a dash, as
# French papers print interviews (only capitals: "Mr. Smith - who…" is not a label).
# One word in capitals ("BLINKEN — Yes, …") only when such labels take turns; a reporter's
# name and outlet in brackets are an aside ("QUESTION (Jane Doe, Orda Today) — …").
_DASH_LABEL = re.compile(
    rf"[ \t]*{_BOLD}(?P<label>{_TOKEN}(?:[ \t]+{_TOKEN}){{0,5}}"
    rf"(?:[ \t]*\([^()\n]{{1,40}}\))?){_BOLD}"
    r"(?:\.[ \t]*[–—-]|[ \t]+[–—])[ \t]+(?=\S)"
)
# "[Jane Doe] Thank you…": a name in square brackets opens the turn (podcast transcripts).
_BRACKET_LABEL = re.compile(
    rf"{_STAMP}[ \t]*\[(?P<label>{_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_TOKEN}){{0,5}})\]"
    r"[ \t]*:?[ \t]+(?=\S)"
)
# "NURTLEU. Nous voulons…", "LCAC. Pourquoi…?": a name or a paper's initials in capitals and a
# full stop, without a dash (labels set in small caps); only when two such labels take turns.
_CAPS = rf"{_U}[{UPPER}’'\-]+"
_CAPS_DOT = re.compile(
    rf"[ \t]*{_BOLD}(?P<label>{_CAPS}(?:[ \t]+{_CAPS}){{0,3}}){_BOLD}\.{_BOLD}[ \t]+(?=\S)"
)
# '"The border is no wound"': words that are one quotation and nothing else.
QUOTED_WHOLE = re.compile(r"[\"“«„][^\"“”«»„\n]+[\"”»“][ \t]*")
# A chair's turns are short ("Colleagues, please introduce yourselves.").
_MODERATOR_MAX_WORDS = 20
# "> Q: …": a Markdown blockquote's marker before a label.
BLOCKQUOTE = re.compile(r"[ \t]*>[ \t]*")
# "ALIYA BEKOVA" alone on its line, the turn's words in the paragraphs below (radio and
# podcast transcripts): a label only when the same name stands alone twice or more.
_LONE_NAME = re.compile(rf"[ \t]*{_BOLD}(?P<label>{_TOKEN}(?:[ \t]+{_TOKEN}){{1,4}}){_BOLD}[ \t]*$")
# "BS:", "TAO:": a guest's or an outlet's initials (two to four capitals).
_INITIALS = re.compile(rf"{_U}{{2,4}}")
_ASIDE_END = re.compile(r"[ \t]*\([^()]*\)$")


@dataclass(frozen=True)
class Turn:
    kind: str  # "Q" question, "A" answer by the interviewee, "N" answer by the named speaker
    label: SpeakerMention
    text_start: int  # where the turn's words begin (the paragraph's end for a lone label)


def expand_initials(body: str, end: int, label: SpeakerMention) -> SpeakerMention:
    """The person initials stand for ("BS:" for Bakhtiyor Saidov): the last name before ``end``
    (the introduction) whose words start with those letters; else the label itself."""
    if not _INITIALS.fullmatch(label.text):
        return label
    found = label
    for match in re.finditer(NAME_RUN, body[:end]):
        name = trim_name(match.group(), match.start())
        if name is not None and "".join(w[0] for w in name.text.split()) == label.text:
            found = name
    return found


def label_kind(
    body: str, start: int, end: int, dotted: bool = False
) -> tuple[str, re.Match] | None:
    """The kind of the label opening the paragraph ("Q", "A", "N"), with its match.

    ``dotted``: the text asked with a "Q." label before, so "A." opens an answer, not an
    initial.
    """
    if (quoted := BLOCKQUOTE.match(body, start, end)) is not None:
        start = quoted.end()
    match = (
        _LABEL.match(body, start, end)
        or _BRACKET_LABEL.match(body, start, end)
        or _Q_DOT.match(body, start, end)
        or _DASH_LABEL.match(body, start, end)
        or _LONE_NAME.match(body, start, end)
    )
    if match is None:
        word = _word_dot(body, start, end, dotted)
        if word is not None or (match := _CAPS_DOT.match(body, start, end)) is None:
            return word
        if not upper(_label_text(match)):
            return None
    label = _label_text(match)
    if match.re is _LABEL and match.group("office") and not _is_office(match.group("office")):
        return None  # "In Astana, the message was clear:" names nobody
    if match.re is _Q_DOT:
        if label[0] == "A" and "." in match.group() and not dotted:
            return None  # "A. Smith said": an initial, not an answer
        return ("Q" if label[0] == "Q" else "A"), match
    if match.re is _DASH_LABEL and not upper(label):
        return None
    key = label.casefold().replace(".", " ").split()
    numbered = any(w.isdigit() for w in key)
    key = [w for w in key if not w.isdigit()] or key
    # "Q1:", "A2:": a question or answer word with its number glued on.
    if len(key) == 1 and (bare := key[0].rstrip("0123456789")) != key[0]:
        numbered, key = True, [bare] if bare in _QUESTION_LABELS | _ANSWER_LABELS else key
    joined = " ".join(key)
    if joined in _QUESTION_LABELS or joined.replace(" ", "") in _QUESTION_LABELS:
        return "Q", match
    if joined in _ANSWER_LABELS:
        return "A", match
    if numbered:
        return None  # "Article 5:" names nobody
    letters = sum(c.isalpha() for c in label)
    if key[0] in _NOT_LABELS or letters < 2 or letters == 2 and not _INITIALS.fullmatch(label):
        return None
    return "N", match


def _word_dot(body: str, start: int, end: int, dotted: bool) -> tuple[str, re.Match] | None:
    """A question or answer word with a full stop ("Pregunta.", "Respuesta.", "R.")."""
    match = _WORD_DOT.match(body, start, end)
    if match is None:
        return None
    label = match.group("label").casefold()
    kind = "Q" if label in _QUESTION_LABELS else "A" if label in _ANSWER_LABELS else None
    if kind is None or len(label) == 1 and not dotted or label in {"q", "a"}:
        return None  # "Q." and "A." are read by ``_Q_DOT``
    return kind, match


def speaker_turns(body: str, paragraphs: list[tuple[int, int]]) -> dict[int, Turn]:
    found: dict[int, tuple[str, re.Match]] = {}
    dotted = False  # a "Q." (or "Pregunta.") came before: "A." (or "R.") answers it
    for index, (start, end) in enumerate(paragraphs):
        if (kind := label_kind(body, start, end, dotted)) is not None:
            found[index] = kind
            dotted = dotted or kind[1].re in (_Q_DOT, _WORD_DOT) and kind[0] == "Q"
    # A name alone on its line, or in capitals before a dash, labels turns only when it
    # recurs: once, it is a kicker, a heading or "EU LEADERS – all of them – met".
    loose = (_LONE_NAME, _DASH_LABEL, _BRACKET_LABEL, _CAPS_DOT)
    recurring = Counter(_key(m) for _, m in found.values() if m.re in loose)
    # One word in capitals before a dash, or capitals before a full stop, label turns only when
    # two such labels recur, or one recurs around question labels ("BLINKEN." and "QUESTION."):
    # one alone is a dateline or a kicker ("ASTANA — …"). Then a name that speaks once
    # ("VARGA.") is one of them.
    short_turns = {_key(m) for _, m in found.values() if _short(m) and recurring[_key(m)] >= 2}
    asking = any(kind == "Q" for kind, _ in found.values())
    takes_turns = bool(short_turns) and (len(short_turns) >= 2 or asking)
    # A name in ordinary case alone on its line ("Aliya Bekova") labels turns only when two
    # such names take turns.
    taking = sum(1 for key, n in recurring.items() if n >= 2 and key != key.upper())
    # Initials ("BS:") label turns only when they recur.
    initials = Counter(_key(m) for _, m in found.values() if _INITIALS.fullmatch(_label_text(m)))
    for index, (_, match) in list(found.items()):
        if initials[_key(match)] == 1:
            del found[index]
            continue
        last = index + 1 == len(paragraphs)  # a lone label needs a paragraph after it
        lone = match.re is _LONE_NAME
        ordinary = lone and not upper(_label_text(match)) and taking < 2
        rare = recurring[_key(match)] < 2 or lone and last or ordinary
        if _short(match):
            if not takes_turns:
                del found[index]
        elif match.re in loose and rare:
            del found[index]
    names = Counter(
        _key(m) for kind, m in found.values() if kind == "N" and not upper(_label_text(m))
    )
    # With a question label or a labelled question, a name in ordinary case that answers once
    # is a speaker too.
    asked = any(
        kind == "Q" or body[paragraphs[i][0] : paragraphs[i][1]].rstrip().endswith("?")
        for i, (kind, _) in found.items()
    )
    # Among speakers who take turns, a full name that speaks once is one of them.
    taking_turns = any(count >= 2 for count in names.values())
    turns: dict[int, Turn] = {}
    for index, (kind, match) in found.items():
        text = _label_text(match)
        once = asked or taking_turns and len(text.split()) >= 2
        if kind == "N" and not upper(text) and names[_key(match)] < (1 if once else 2):
            continue  # "Note: ...", "Tokayev: ..." as a headline: one use is not a speaker
        if kind == "N" and QUOTED_WHOLE.fullmatch(body, match.end(), paragraphs[index][1]):
            continue  # 'Jane Doe: "…"': a headline left in the body, not a turn
        start = match.start("label") if "label" in match.re.groupindex else match.start()
        label = SpeakerMention(text, start, start + len(text))
        turns[index] = Turn(kind, label, match.end())
    _mark_interviewers(body, paragraphs, turns)
    _mark_moderators(body, paragraphs, turns)
    return turns


def _label_text(match: re.Match) -> str:
    """The label without an aside in brackets ("Jane Doe (Interfax)" is "Jane Doe") or the
    full stop before a dash ("CLAIRE DUVAL. –")."""
    label = _ASIDE_END.sub("", match.group("label"))
    return label.rstrip(".") if match.re is _DASH_LABEL else label


def _is_office(text: str) -> bool:
    return any(word in ROLE_WORDS for word in text.casefold().split())


def _short(match: re.Match) -> bool:
    return match.re is _CAPS_DOT or match.re is _DASH_LABEL and len(_label_text(match).split()) == 1


def _key(match: re.Match) -> str:
    return _label_text(match).casefold()


def upper(label: str) -> bool:
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
        # Half of them, from two on: a host who also welcomes and thanks ("Welcome to the show.").
        if turn.kind == "N" and (
            asked[key] * 2 > spoke[key] or asked[key] >= 2 and asked[key] * 2 >= spoke[key]
        ):
            turns[index] = Turn("Q", turn.label, turn.text_start)


def _mark_moderators(body: str, paragraphs: list[tuple[int, int]], turns: dict[int, Turn]) -> None:
    """A name that hands the floor to the questions twice or more and never answers one ("MR
    PRICE: First question, please." before "QUESTION: ...") chairs the briefing: its turns
    are no answers. (Once is an opening statement before the first question, unless the
    name opens and closes the transcript in two short turns: "Colleagues, please introduce
    yourselves." ... "Thank you, colleagues.")"""
    order = sorted(turns)
    brief = Counter(
        turns[i].label.text.casefold()
        for i in order
        if len(body[turns[i].text_start : paragraphs[i][1]].split()) < _MODERATOR_MAX_WORDS
    )
    kinds = [turns[i].kind for i in order]
    keys = [turns[i].label.text.casefold() for i in order]
    hands: Counter[str] = Counter()
    answers = set()
    for position, (kind, key) in enumerate(zip(kinds, keys, strict=True)):
        if kind != "N":
            continue
        if position + 1 < len(order) and kinds[position + 1] == "Q":
            hands[key] += 1
        if position > 0 and kinds[position - 1] == "Q":
            answers.add(key)
    spoke = Counter(keys)
    # Opens the questions and closes the transcript, in short turns.
    chair = keys[0] if order and keys[0] == keys[-1] and brief[keys[0]] == 2 else None
    for index, key in zip(order, keys, strict=True):
        turn = turns[index]
        chairs = hands[key] >= 2 or hands[key] == 1 and spoke[key] == 2 and key == chair
        if turn.kind == "N" and chairs and key not in answers:
            turns[index] = Turn("Q", turn.label, turn.text_start)
