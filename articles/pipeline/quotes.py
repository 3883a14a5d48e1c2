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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .text import UPPER, paragraph_spans, sentence_spans

MIN_QUOTE_WORDS = 4

# Upper-case letters of the Latin, Greek and Cyrillic blocks ("Mirziyóyev", "Ёлкин").
_U = f"[{UPPER}]"
_MASK = "\x00"  # stands in for quoted text so patterns never match inside quotes

_OPENERS = "“«"
_CLOSERS = "”»"
_ALL_MARKS = '"' + _OPENERS + _CLOSERS


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that may precede a name in a capitalised run but are not part of it:
# titles, nationalities, function words that start sentences.
_ROLE_WORDS = _wordset(
    """president minister secretary envoy ambassador spokesman spokeswoman spokesperson
    chairman chairwoman premier senator governor mayor director analyst scientist
    specialist expert pundit fellow professor head leader chancellor diplomat journalist
    correspondent economist researcher official adviser advisor representative commander
    general deputy"""
)
_ORG_WORDS = _wordset(
    "department ministry office embassy government kremlin service agency administration "
    "committee council presidency"
)
_TRIM_WORDS = (
    _ROLE_WORDS
    | _ORG_WORDS
    | _wordset(
        """state affairs foreign under vice first former acting chief prime the a an but and
        or so yet however therefore meanwhile also then still now thus instead in on at for
        with after before when while during since although though if as prior both according
        us u.s. u.n. un eu white house kazakh uzbek russian american ukrainian chinese kyrgyz
        tajik turkmen european western central asian soviet mr mrs ms dr"""
    )
)
# Capitalised single words that are places or institutions when they "say"
# something ("Washington said"): quoted as written, but never a pronoun's antecedent.
_NOT_PERSONS = _wordset(
    """washington moscow beijing kremlin russia china ukraine europe america astana tashkent
    almaty kyiv kiev brussels london paris berlin tehran ankara delhi tokyo nato eu un us
    caravanserai reuters"""
)
_SPEECH_VERBS = sorted(
    _wordset(
        "said says say told tells added adds noted notes stated replied replies answered "
        "announced announces assured argued argues stressed explained wrote writes thanked "
        "urged vowed promised warned insisted described lamented pointed continued asked "
        "declared emphasized emphasised remarked observed claimed suggested believes believed "
        "doubted recalled acknowledged admitted conceded commented concluded confirmed "
        "complained spoke speaking underlined underscored reiterated hinted adding noting "
        "saying telling"
    )
)
# Only these read naturally inverted after a comma: "…, said X" (not "told X").
_INVERTED_VERBS = sorted(
    _wordset(
        "said says added adds noted notes explained continued wrote writes replied asked "
        "insisted argued stressed warned remarked observed concluded recalled"
    )
)
_ADVERBS = (
    r"(?:[ \t]+(?:[a-z]+ly|also|then|earlier|later|again|has|have|had|will|would|could|once"
    r"|further|even|not|never)){0,3}"
)

_NAME_TOKEN = rf"(?:(?:{_U}\.)+|{_U}[\w’'\-]*)"
_NAME_RUN = rf"(?<![\w’'\-.]){_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})*"
_HEADS = "|".join(sorted(_ROLE_WORDS | _ORG_WORDS | {"ministry"}))
_DESCRIPTOR = rf"(?<!\w)[Tt]he[ \t]+(?:[\w.’'\-]+[ \t]+){{0,4}}?(?i:{_HEADS})(?!\w)"
_PRONOUN = r"(?<!\w)(?:[Hh]e|[Ss]he)(?!\w)"
_PAREN = r"(?:[ \t]*,[^,\x00;:!?\n]{1,90},)?"
_VERB = rf"(?:{'|'.join(_SPEECH_VERBS)})(?!\w)"
_INV_VERB = rf"(?:{'|'.join(_INVERTED_VERBS)})(?!\w)"
_POSSESSIVE_NP = rf"{_NAME_RUN}(?<=['’]s)(?:[ \t]+[a-z]+){{1,3}}"
_ACCORDING = (
    rf"(?<!\w)[Aa]ccording[ \t]+to[ \t]+(?P<acc>{_DESCRIPTOR}|{_POSSESSIVE_NP}|{_NAME_RUN})"
)

_LEAD_IN = re.compile(
    rf"(?P<spk>{_DESCRIPTOR}|{_PRONOUN}|{_NAME_RUN}){_PAREN}{_ADVERBS}[ \t]+(?P<verb>{_VERB})"
)
_INVERTED = re.compile(
    rf"(?:^|[,\x00])[ \t]*,?[ \t]*{_INV_VERB}[ \t]+(?P<inv>{_DESCRIPTOR}|{_NAME_RUN})"
)
_ACCORDING_RE = re.compile(_ACCORDING)
_TRAILING = re.compile(
    rf"[ \t]*,?[ \t]*(?:(?P<spk>{_DESCRIPTOR}|{_PRONOUN}|{_NAME_RUN}){_PAREN}{_ADVERBS}"
    rf"[ \t]+{_VERB}|{_INV_VERB}[ \t]+(?P<inv>{_DESCRIPTOR}|{_NAME_RUN})|{_ACCORDING})"
)
_INTERVIEWEE = re.compile(rf"\bwith[ \t]+(?:[a-z][\w\-]*[ \t]+){{0,4}}(?P<name>{_NAME_RUN})")
_QUESTION = re.compile(r"^[ \t]*[–—-][ \t]+\S.*\?")
_ANSWER_MARK = re.compile(r"^[ \t]*(?:[•·▪*]|[–—-](?=[ \t]))?[ \t]*")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the quoted words and, when known, who said them."""

    start: int  # offset of the first quoted character (after the opening mark)
    end: int  # offset just past the last quoted character (before the closing mark)
    text: str  # body[start:end]
    speaker: str | None  # as written; pronouns and role descriptors resolved to a name
    speaker_start: int | None  # span of that speaker mention in the body
    speaker_end: int | None


@dataclass(frozen=True)
class _Mention:
    text: str
    start: int
    end: int
    person: bool = True


@dataclass(frozen=True)
class _Piece:
    """One paragraph's stretch of a quotation, as found by the mark scanner."""

    start: int
    end: int
    mark_start: int  # opening mark
    mark_end: int  # just past the closing mark (or the paragraph end when unclosed)
    closed: bool
    para: int
    group: int  # pieces of one multi-paragraph quotation share a group
    leads: bool  # the opening mark is the paragraph's first character


@dataclass
class _Attribution:
    speaker: _Mention | None = None
    direct: bool = False  # found by a speech-verb pattern (rules 1 and 2)
    sentence_initial: bool = False
    subject: _Mention | None = None  # the sentence subject, for the fallback


@dataclass
class _Document:
    """What the attribution rules need to know about the whole body."""

    body: str
    masked: str
    paragraphs: list[tuple[int, int]]
    persons: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    roles: list[tuple[int, frozenset[str], _Mention]] = field(default_factory=list)
    events: list[tuple[int, _Mention]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


def extract_quotes(body: str) -> list[Quote]:
    """Every direct quotation in ``body``, in text order."""
    paragraphs = paragraph_spans(body)
    answers, answer_paras = _interview_answers(body, paragraphs)
    pieces = _scan_pieces(body, paragraphs, skip=answer_paras)
    doc = _Document(body, _mask(body, pieces), paragraphs)
    doc.sentences = _all_sentences(doc)
    _collect_persons(doc)
    _collect_events(doc)
    attributions = _attribute(doc, pieces)
    quotes = list(answers)
    for piece, attribution in zip(pieces, attributions, strict=True):
        if _keep(body, piece, attribution):
            quotes.append(_to_quote(body, piece, attribution.speaker))
    return sorted(quotes, key=lambda q: q.start)


# --- finding quoted stretches -------------------------------------------------------------


def _scan_pieces(body: str, paragraphs: list[tuple[int, int]], skip: set[int]) -> list[_Piece]:
    pieces: list[_Piece] = []
    carried_group: int | None = None  # group of a quote left open by the previous paragraph
    next_group = 0
    for index, (p_start, p_end) in enumerate(paragraphs):
        if index in skip:
            carried_group = None
            continue
        if carried_group is not None and body[p_start] not in '"“«':
            carried_group = None  # the open quote was never continued: it ended there
        open_at: int | None = None
        group = carried_group
        for pos in range(p_start, p_end):
            char = body[pos]
            if char not in _ALL_MARKS:
                continue
            if open_at is None and (char == '"' or char in _OPENERS):
                open_at = pos
                if group is None:
                    group, next_group = next_group, next_group + 1
            elif open_at is not None and (char == '"' or char in _CLOSERS):
                pieces.append(_piece(open_at, pos + 1, True, index, group, p_start))
                open_at, group = None, None
            # A stray closer, or an opener inside an open quote, is nested or noise.
        carried_group = None
        if open_at is not None:
            pieces.append(_piece(open_at, p_end, False, index, group, p_start))
            carried_group = group
    return [p for p in pieces if p.end > p.start]


def _piece(
    mark_start: int, mark_end: int, closed: bool, para: int, group: int | None, p_start: int
) -> _Piece:
    start = mark_start + 1
    end = mark_end - 1 if closed else mark_end
    assert group is not None  # set when the quote was opened
    return _Piece(start, end, mark_start, mark_end, closed, para, group, mark_start == p_start)


def _mask(body: str, pieces: list[_Piece]) -> str:
    chars = list(body)
    for piece in pieces:
        chars[piece.mark_start : piece.mark_end] = _MASK * (piece.mark_end - piece.mark_start)
    return "".join(chars)


# --- interviews --------------------------------------------------------------------------


def _interview_answers(
    body: str, paragraphs: list[tuple[int, int]]
) -> tuple[list[Quote], set[int]]:
    questions = [i for i, (s, e) in enumerate(paragraphs) if _QUESTION.match(body[s:e])]
    if not questions:
        return [], set()
    intro_end = paragraphs[questions[0]][0]
    interviewee = _interviewee(body, intro_end)
    quotes, used = [], set()
    for index in range(questions[0] + 1, len(paragraphs)):
        p_start, p_end = paragraphs[index]
        text = body[p_start:p_end]
        if index in questions or _looks_like_furniture(text):
            continue
        start = p_start + _ANSWER_MARK.match(text).end()
        piece = _Piece(start, p_end, start, p_end, False, index, -1, True)
        quotes.append(_to_quote(body, piece, interviewee))
        used.add(index)
    return quotes, used


def _interviewee(body: str, intro_end: int) -> _Mention | None:
    # The last "with <descriptor> Firstname Lastname" of the intro names the guest.
    found = None
    for match in _INTERVIEWEE.finditer(body, 0, intro_end):
        name = _trim_name(match.group("name"), match.start("name"))
        if name is not None and len(name.text.split()) >= 2:
            found = name
    return found


def _looks_like_furniture(text: str) -> bool:
    # "Source: Current Time TV" and similar tails: short and no sentence ending.
    return len(_WORD.findall(text)) < 8 and not text.rstrip().endswith((".", "?", "!", "”", '"'))


# --- names, persons, roles ---------------------------------------------------------------


def _trim_name(run: str, start: int) -> _Mention | None:
    """Drop titles, nationalities and sentence connectors in front of a name."""
    tokens = [(m.group(), m.start()) for m in re.finditer(r"\S+", run)]
    keep_from = 0
    for i, (token, _) in enumerate(tokens):
        lowered = token.lower()
        if lowered in _TRIM_WORDS or lowered.endswith(("’s", "'s")) and i < len(tokens) - 1:
            keep_from = i + 1
    tokens = tokens[keep_from:]
    if not tokens:
        return None
    first, last = tokens[0], tokens[-1]
    end = last[1] + len(last[0])
    text = run[first[1] : end]
    return _Mention(text, start + first[1], start + end)


def _is_possessive(text: str) -> bool:
    return text.endswith(("’s", "'s"))


def _is_person(doc: _Document, name: str) -> bool:
    lowered = name.lower()
    return lowered in doc.persons or lowered.split()[-1] in doc.surnames


def _collect_persons(doc: _Document) -> None:
    """Names that are people: after a role word, or the subject of a speech verb."""
    masked = doc.masked
    for match in re.finditer(_NAME_RUN, masked):
        name = _trim_name(match.group(), match.start())
        if name is None or _is_possessive(name.text):
            continue
        roles = _roles_around(masked, match.start(), name)
        if roles:
            _add_person(doc, name.text)
            doc.roles.append((name.start, roles, name))
    for name in _speech_slots(doc):
        if len(name.text.split()) >= 2 or name.text.lower() not in _NOT_PERSONS:
            _add_person(doc, name.text)
    doc.roles.sort(key=lambda item: item[0])


def _add_person(doc: _Document, name: str) -> None:
    lowered = name.lower()
    doc.persons.add(lowered)
    if len(lowered.split()) >= 2:
        doc.surnames.add(lowered.split()[-1])


def _roles_around(masked: str, run_start: int, name: _Mention) -> frozenset[str]:
    # Roles in the run itself ("Foreign Minister Mukhtar Tleuberdi"), in the few
    # words just before it ("political scientist", "the foreign minister,"), and in
    # an appositive after it (", head of the Kazakh Foreign Ministry,").
    before = masked[max(0, run_start - 40) : name.start]
    before = re.split(r"[.;:\x00]|,(?!\s*$)", before)[-1]
    words = _WORD.findall(before.lower())[-4:]
    after = re.match(
        r",[ \t]*(?!(?:and|or|but|who|which|that|with|in|on|at|to|by|as)\b)"
        r"([^,.;:\x00]{1,80})",
        masked[name.end : name.end + 90],
    )
    if after:
        words += _WORD.findall(after.group(1).lower())
    roles = {"minister" if w == "ministry" else w for w in words}
    return frozenset(roles & (_ROLE_WORDS | {"minister"}))


def _speech_slots(doc: _Document) -> list[_Mention]:
    """Every name that is the subject of a speech verb, outside quotes."""
    found = []
    for pattern, group in ((_LEAD_IN, "spk"), (_INVERTED, "inv"), (_ACCORDING_RE, "acc")):
        for match in pattern.finditer(doc.masked):
            text = match.group(group)
            if re.fullmatch(_NAME_RUN, text):
                name = _trim_name(text, match.start(group))
                if name is not None and not _is_possessive(name.text):
                    found.append(name)
    return found


# --- who is "he": the running antecedent -------------------------------------------------


def _collect_events(doc: _Document) -> None:
    """Positions where a person becomes the obvious antecedent of "he"/"she"."""
    events: list[tuple[int, _Mention]] = []
    for start, end in doc.sentences:
        subject = _sentence_subject(doc, start, end)
        if subject is not None and subject.person:
            events.append((subject.start, subject))
    for pattern, group in ((_LEAD_IN, "spk"), (_INVERTED, "inv"), (_ACCORDING_RE, "acc")):
        for match in pattern.finditer(doc.masked):
            mention = _speaker_mention(doc, match.group(group), match.start(group), None)
            if mention is not None and mention.person:
                events.append((match.start(group), mention))
    doc.events = sorted(events, key=lambda item: item[0])


def _antecedent(doc: _Document, pos: int, extra: list[tuple[int, _Mention]]) -> _Mention | None:
    index = bisect_left(doc.events, pos, key=lambda item: item[0])
    best = doc.events[index - 1] if index else None
    for item in extra:
        if item[0] < pos and (best is None or item[0] > best[0]):
            best = item
    return best[1] if best else None


def _speaker_mention(
    doc: _Document, text: str, start: int, extra: list[tuple[int, _Mention]] | None
) -> _Mention | None:
    """Turn a matched speaker span into a mention: trim names, resolve he/she and roles.

    With ``extra`` None, pronouns are not resolved (used while collecting events).
    """
    if re.fullmatch(_PRONOUN, text):
        return None if extra is None else _antecedent(doc, start, extra)
    if text[:4].lower() == "the " and re.fullmatch(_DESCRIPTOR, text):
        head = text.split()[-1].lower()
        if head in _ROLE_WORDS:
            resolved = _latest_with_role(doc, head, start)
            return resolved or _Mention(text, start, start + len(text), person=True)
        return _Mention(text, start, start + len(text), person=False)
    if re.fullmatch(_POSSESSIVE_NP, text):
        return _Mention(text, start, start + len(text), person=False)
    name = _trim_name(text, start)
    if name is None:
        return None
    return _Mention(name.text, name.start, name.end, person=_is_person(doc, name.text))


def _latest_with_role(doc: _Document, role: str, pos: int) -> _Mention | None:
    for start, roles, mention in reversed(doc.roles):
        if start < pos and role in roles:
            return mention
    return None


# --- sentences ---------------------------------------------------------------------------


def _all_sentences(doc: _Document) -> list[tuple[int, int]]:
    spans = []
    for p_start, p_end in doc.paragraphs:
        spans.extend(_sentences(doc, p_start, p_end))
    return spans


def _sentences(doc: _Document, p_start: int, p_end: int) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; quoted text is opaque (masked)."""

    def quote_ends(last_mask: int) -> bool:
        # A quote ends the sentence only if its own words did ("…safe from this." Moscow …),
        # not for "…," he said.
        return doc.body[last_mask - 1] in ".!?"

    return sentence_spans(doc.masked, p_start, p_end, opaque=_MASK, opaque_ends=quote_ends)


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    index = bisect_right(sentences, pos, key=lambda span: span[0]) - 1
    if index >= 0 and pos < sentences[index][1]:
        return sentences[index]
    return pos, pos


_CONNECTORS = _wordset(
    "but and yet so however therefore meanwhile also still then now thus instead actually "
    "incidentally nevertheless moreover besides"
)
_CONNECTOR = re.compile(rf"[ \t]*(?:(?i:{'|'.join(sorted(_CONNECTORS))})\b,?[ \t]*)?")
_INTRO_CLAUSE = re.compile(r"[^,\x00]{1,60},[ \t]*")


def _sentence_subject(doc: _Document, start: int, end: int) -> _Mention | None:
    """The person a sentence is about, skipping connectors and short intro clauses."""
    pos = start
    for _ in range(3):
        pos = _CONNECTOR.match(doc.masked, pos, end).end()
        text = doc.masked[pos:end]
        pronoun = re.match(_PRONOUN, text)
        if pronoun:
            return None
        desc = re.match(_DESCRIPTOR, text)
        run = re.match(_NAME_RUN, text)
        if desc or run:
            matched = desc or run
            mention = _speaker_mention(doc, matched.group(), pos, None)
            follows = text[matched.end() : matched.end() + 1]
            if mention is not None and mention.person and follows in (" ", ","):
                return mention
        # Step over a short intro clause: "A day earlier, Blinken was …".
        clause = _INTRO_CLAUSE.match(text)
        if not clause or len(_WORD.findall(clause.group())) > 8:
            return None
        pos += clause.end()
    return None


# --- attribution -------------------------------------------------------------------------


def _attribute(doc: _Document, pieces: list[_Piece]) -> list[_Attribution]:
    resolved: list[tuple[int, _Mention]] = []  # quote speakers, as antecedents for later
    results = []
    for i, piece in enumerate(pieces):
        result = _direct_attribution(doc, pieces, i, resolved)
        if result.speaker is not None and result.speaker.person:
            resolved.append((piece.mark_start, result.speaker))
        results.append(result)
    _inherit(pieces, results)
    for result in results:
        if result.speaker is None and result.subject is not None:
            result.speaker = result.subject
    return results


def _direct_attribution(
    doc: _Document, pieces: list[_Piece], i: int, resolved: list[tuple[int, _Mention]]
) -> _Attribution:
    """Rules 1 and 2 for piece ``i``; also notes the sentence subject for rule 4."""
    piece = pieces[i]
    s_start, s_end = _sentence_of(doc.sentences, piece.mark_start)
    prev_end = pieces[i - 1].mark_end if i and pieces[i - 1].para == piece.para else -1
    lead_start = max(s_start, prev_end)
    lead = doc.masked[lead_start : piece.mark_start]
    result = _Attribution(sentence_initial=not lead.strip() or lead.rstrip().endswith(":"))
    if lead.strip() == "" and lead_start == doc.paragraphs[piece.para][0] and piece.para:
        # `Blinken said:` ending the previous paragraph introduces this one.
        prev = doc.paragraphs[piece.para - 1]
        if doc.masked[prev[0] : prev[1]].endswith(":"):
            lead_start = _sentence_of(doc.sentences, prev[1] - 1)[0]
            lead = doc.masked[lead_start : prev[1]]
    subject = _sentence_subject(doc, s_start, s_end)
    result.subject = subject if subject is not None and subject.person else None
    # A quote that ends in a full stop ends its sentence: what follows is not its
    # attribution ("…cancel Russia." On the other hand, …).
    if piece.closed and not doc.body[piece.start : piece.end].rstrip().endswith("."):
        trail_end = s_end
        if i + 1 < len(pieces) and piece.mark_end <= pieces[i + 1].mark_start < s_end:
            trail_end = pieces[i + 1].mark_start
        match = _TRAILING.match(doc.masked, piece.mark_end, max(trail_end, piece.mark_end))
        if match:
            group = next(g for g in ("spk", "inv", "acc") if match.group(g))
            result.speaker = _speaker_mention(doc, match.group(group), match.start(group), resolved)
            result.direct = result.speaker is not None
            if result.direct:
                return result
    best = None
    for pattern, group in ((_LEAD_IN, "spk"), (_ACCORDING_RE, "acc")):
        for match in pattern.finditer(doc.masked, lead_start, piece.mark_start):
            if best is None or match.start(group) > best[1]:
                best = (match.group(group), match.start(group))
    if best is not None:
        result.speaker = _speaker_mention(doc, best[0], best[1], resolved)
        result.direct = result.speaker is not None
    return result


def _inherit(pieces: list[_Piece], results: list[_Attribution]) -> None:
    """Rule 3: continuation within a paragraph, a multi-paragraph quote, or a run."""
    by_group: dict[int, _Mention] = {}
    for piece, result in zip(pieces, results, strict=True):
        if result.speaker is not None and piece.group not in by_group:
            by_group[piece.group] = result.speaker
    for piece, result in zip(pieces, results, strict=True):
        if result.speaker is None and piece.group in by_group:
            result.speaker = by_group[piece.group]
    for i, result in enumerate(results):
        if result.speaker is not None:
            continue
        result.speaker = _backward(pieces, results, i) or _forward(pieces, results, i)


def _linked(pieces: list[_Piece], j: int) -> bool:
    """Whether piece ``j`` continues the speech of piece ``j - 1``.

    Same paragraph, or the next paragraph when that paragraph opens with this quote.
    """
    prev, piece = pieces[j - 1], pieces[j]
    if prev.para == piece.para:
        return True
    return prev.para == piece.para - 1 and piece.leads


def _backward(pieces: list[_Piece], results: list[_Attribution], i: int) -> _Mention | None:
    j = i
    while j > 0 and _linked(pieces, j):
        j -= 1
        if results[j].speaker is not None:
            return results[j].speaker
    return None


def _forward(pieces: list[_Piece], results: list[_Attribution], i: int) -> _Mention | None:
    # Only a quote that opens its paragraph starts a run attributed at its end.
    if not pieces[i].leads:
        return None
    j = i + 1
    while j < len(pieces) and _linked(pieces, j):
        if results[j].speaker is not None:
            return results[j].speaker
        j += 1
    return None


# --- output ------------------------------------------------------------------------------


def _keep(body: str, piece: _Piece, attribution: _Attribution) -> bool:
    words = len(_WORD.findall(body[piece.start : piece.end]))
    if words == 0:
        return False
    return attribution.direct or attribution.sentence_initial or words >= MIN_QUOTE_WORDS


def _to_quote(body: str, piece: _Piece, speaker: _Mention | None) -> Quote:
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
