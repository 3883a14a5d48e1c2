"""Who said each quoted stretch: trailing and lead-in attributions, continuation, and the
sentence subject as a fallback; "he"/"she" and role descriptors resolve to earlier persons.

The rules and their order of trust are described in ``quotes``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .quote_patterns import (
    ACCORDING,
    CONNECTORS,
    DESCRIPTOR,
    INVERTED,
    LEAD_IN,
    MASK,
    NAME_RUN,
    NOT_PERSONS,
    POSSESSIVE_NP,
    PRONOUN,
    ROLE_WORDS,
    TRAILING,
    WORD,
    SpeakerMention,
    trim_name,
)
from .quote_scan import Piece
from .text import sentence_spans


@dataclass
class Attribution:
    speaker: SpeakerMention | None = None
    direct: bool = False  # found by a speech-verb pattern (rules 1 and 2)
    sentence_initial: bool = False
    subject: SpeakerMention | None = None  # the sentence subject, for the fallback


@dataclass
class Document:
    """What the attribution rules need to know about the whole body."""

    body: str
    masked: str
    paragraphs: list[tuple[int, int]]
    persons: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    roles: list[tuple[int, frozenset[str], SpeakerMention]] = field(default_factory=list)
    # role -> (starts, mentions) of the persons introduced with it, in text order
    by_role: dict[str, tuple[list[int], list[SpeakerMention]]] = field(default_factory=dict)
    events: list[tuple[int, SpeakerMention]] = field(default_factory=list)
    # word -> (starts, mentions) of the multi-word person names that contain it, in text order
    full_names: dict[str, tuple[list[int], list[SpeakerMention]]] = field(default_factory=dict)
    sentences: list[tuple[int, int]] = field(default_factory=list)


# --- names, persons, roles ---------------------------------------------------------------


def _is_possessive(text: str) -> bool:
    return text.endswith(("’s", "'s"))


def _is_person(doc: Document, name: str) -> bool:
    lowered = name.lower()
    return lowered in doc.persons or lowered.split()[-1] in doc.surnames


def collect_persons(doc: Document) -> None:
    """Names that are people: after a role word, or the subject of a speech verb."""
    masked = doc.masked
    for match in re.finditer(NAME_RUN, masked):
        name = trim_name(match.group(), match.start())
        if name is None or _is_possessive(name.text):
            continue
        roles = _roles_around(masked, match.start(), name)
        if roles:
            _add_person(doc, name.text)
            doc.roles.append((name.start, roles, name))
    for name in _speech_slots(doc):
        if len(name.text.split()) >= 2 or name.text.lower() not in NOT_PERSONS:
            _add_person(doc, name.text)
    for match in re.finditer(NAME_RUN, masked):
        name = trim_name(match.group(), match.start())
        if name is None or len(name.text.split()) < 2 or name.text.lower() not in doc.persons:
            continue
        for word in name.text.lower().split():
            starts, mentions = doc.full_names.setdefault(word, ([], []))
            starts.append(name.start)
            mentions.append(name)
    doc.roles.sort(key=lambda item: item[0])
    for start, roles, mention in doc.roles:
        for role in roles:
            starts, mentions = doc.by_role.setdefault(role, ([], []))
            starts.append(start)
            mentions.append(mention)


def _add_person(doc: Document, name: str) -> None:
    lowered = name.lower()
    doc.persons.add(lowered)
    if len(lowered.split()) >= 2:
        doc.surnames.add(lowered.split()[-1])


def _roles_around(masked: str, run_start: int, name: SpeakerMention) -> frozenset[str]:
    # Roles in the run itself ("Foreign Minister Mukhtar Tleuberdi"), in the few
    # words just before it ("political scientist", "the foreign minister,"), and in
    # an appositive after it (", head of the Kazakh Foreign Ministry,").
    before = masked[max(0, run_start - 40) : name.start]
    before = re.split(r"[.;:\x00]|,(?!\s*$)", before)[-1]
    words = WORD.findall(before.lower())[-4:]
    after = re.match(
        r",[ \t]*(?!(?:and|or|but|who|which|that|with|in|on|at|to|by|as)\b)"
        r"([^,.;:\x00]{1,80})",
        masked[name.end : name.end + 90],
    )
    if after:
        words += WORD.findall(after.group(1).lower())
    roles = {"minister" if w == "ministry" else w for w in words}
    return frozenset(roles & (ROLE_WORDS | {"minister"}))


def _speech_slots(doc: Document) -> list[SpeakerMention]:
    """Every name that is the subject of a speech verb, outside quotes."""
    found = []
    for pattern, group in ((LEAD_IN, "spk"), (INVERTED, "inv"), (ACCORDING, "acc")):
        for match in pattern.finditer(doc.masked):
            text = match.group(group)
            if re.fullmatch(NAME_RUN, text):
                name = trim_name(text, match.start(group))
                if name is not None and not _is_possessive(name.text):
                    found.append(name)
    return found


# --- who is "he": the running antecedent -------------------------------------------------


def collect_events(doc: Document) -> None:
    """Positions where a person becomes the obvious antecedent of "he"/"she"."""
    events: list[tuple[int, SpeakerMention]] = []
    for start, end in doc.sentences:
        subject = _sentence_subject(doc, start, end)
        if subject is not None and subject.person:
            # A lone surname resolves to an earlier full name: the event is where it stands.
            events.append((max(subject.start, start), subject))
    for pattern, group in ((LEAD_IN, "spk"), (INVERTED, "inv"), (ACCORDING, "acc")):
        for match in pattern.finditer(doc.masked):
            mention = _speaker_mention(doc, match.group(group), match.start(group), None)
            if mention is not None and mention.person:
                events.append((match.start(group), mention))
    doc.events = sorted(events, key=lambda item: item[0])


def _antecedent(
    doc: Document, pos: int, extra: list[tuple[int, SpeakerMention]]
) -> SpeakerMention | None:
    index = bisect_left(doc.events, pos, key=lambda item: item[0])
    best = doc.events[index - 1] if index else None
    # ``extra`` (quote speakers so far) is in text order: its latest item before ``pos``.
    index = bisect_left(extra, pos, key=lambda item: item[0])
    if index and (best is None or extra[index - 1][0] > best[0]):
        best = extra[index - 1]
    return best[1] if best else None


def _speaker_mention(
    doc: Document, text: str, start: int, extra: list[tuple[int, SpeakerMention]] | None
) -> SpeakerMention | None:
    """Turn a matched speaker span into a mention: trim names, resolve he/she and roles.

    With ``extra`` None, pronouns are not resolved (used while collecting events).
    """
    if re.fullmatch(PRONOUN, text):
        return None if extra is None else _antecedent(doc, start, extra)
    if text[:4].lower() == "the " and re.fullmatch(DESCRIPTOR, text):
        head = text.split()[-1].lower()
        if head in ROLE_WORDS:
            resolved = _latest_with_role(doc, head, start)
            return resolved or SpeakerMention(text, start, start + len(text), person=True)
        return SpeakerMention(text, start, start + len(text), person=False)
    if re.fullmatch(POSSESSIVE_NP, text):
        return SpeakerMention(text, start, start + len(text), person=False)
    name = trim_name(text, start)
    if name is None:
        return None
    if " " not in name.text:
        # "Lu said" after "Lu Wei, an economist": the latest full name with that word.
        starts, mentions = doc.full_names.get(name.text.lower(), ((), ()))
        index = bisect_left(starts, name.start)
        if index:
            return mentions[index - 1]
    return SpeakerMention(name.text, name.start, name.end, person=_is_person(doc, name.text))


def _speaker_span(match: re.Match, group: str) -> tuple[str, int]:
    """The matched speaker; "the Kazakh leader, Kassym-Jomart Tokayev, said" gives the name."""
    if group == "spk" and match.group("paren") and match.group("spk")[:4].lower() == "the ":
        paren = match.group("paren")
        name = paren.strip()
        if re.fullmatch(NAME_RUN, name):
            return name, match.start("paren") + paren.index(name)
    return match.group(group), match.start(group)


def _latest_with_role(doc: Document, role: str, pos: int) -> SpeakerMention | None:
    starts, mentions = doc.by_role.get(role, ((), ()))
    index = bisect_left(starts, pos)
    return mentions[index - 1] if index else None


# --- sentences ---------------------------------------------------------------------------


def all_sentences(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for p_start, p_end in doc.paragraphs:
        spans.extend(_sentences(doc, p_start, p_end))
    return spans


def _sentences(doc: Document, p_start: int, p_end: int) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; quoted text is opaque (masked)."""

    def quote_ends(last_mask: int) -> bool:
        # A quote ends the sentence only if its own words did ("…safe from this." Moscow …),
        # not for "…," he said.
        return doc.body[last_mask - 1] in ".!?"

    return sentence_spans(doc.masked, p_start, p_end, opaque=MASK, opaque_ends=quote_ends)


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    index = bisect_right(sentences, pos, key=lambda span: span[0]) - 1
    if index >= 0 and pos < sentences[index][1]:
        return sentences[index]
    return pos, pos


_CONNECTOR = re.compile(rf"[ \t]*(?:(?i:{'|'.join(sorted(CONNECTORS))})\b,?[ \t]*)?")
_INTRO_CLAUSE = re.compile(r"[^,\x00]{1,60},[ \t]*")
_PRONOUN_RE = re.compile(PRONOUN)
_DESCRIPTOR_RE = re.compile(DESCRIPTOR)
_NAME_RUN_RE = re.compile(NAME_RUN)


def _sentence_subject(doc: Document, start: int, end: int) -> SpeakerMention | None:
    """The person a sentence is about, skipping connectors and short intro clauses."""
    masked = doc.masked
    pos = start
    # Patterns run on ``masked`` between ``pos`` and ``end``: slicing the sentence at every
    # step would copy it, and a long sentence with many quotes would cost quadratic time.
    for _ in range(3):
        pos = _CONNECTOR.match(masked, pos, end).end()
        if _PRONOUN_RE.match(masked, pos, end):
            return None
        matched = _DESCRIPTOR_RE.match(masked, pos, end) or _NAME_RUN_RE.match(masked, pos, end)
        if matched:
            mention = _speaker_mention(doc, matched.group(), pos, None)
            follows = masked[matched.end() : min(matched.end() + 1, end)]
            if mention is not None and mention.person and follows in (" ", ","):
                return mention
        # Step over a short intro clause: "A day earlier, Blinken was …".
        clause = _INTRO_CLAUSE.match(masked, pos, end)
        if not clause or len(WORD.findall(clause.group())) > 8:
            return None
        pos = clause.end()
    return None


# --- attribution -------------------------------------------------------------------------


def attribute(doc: Document, pieces: list[Piece]) -> list[Attribution]:
    resolved: list[tuple[int, SpeakerMention]] = []  # quote speakers, as antecedents for later
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
    doc: Document, pieces: list[Piece], i: int, resolved: list[tuple[int, SpeakerMention]]
) -> Attribution:
    """Rules 1 and 2 for piece ``i``; also notes the sentence subject for rule 4."""
    piece = pieces[i]
    s_start, s_end = _sentence_of(doc.sentences, piece.mark_start)
    prev_end = pieces[i - 1].mark_end if i and pieces[i - 1].para == piece.para else -1
    lead_start = max(s_start, prev_end)
    lead = doc.masked[lead_start : piece.mark_start]
    result = Attribution(sentence_initial=not lead.strip() or lead.rstrip().endswith(":"))
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
        match = TRAILING.match(doc.masked, piece.mark_end, max(trail_end, piece.mark_end))
        if match:
            group = next(g for g in ("spk", "inv", "acc") if match.group(g))
            text, start = _speaker_span(match, group)
            result.speaker = _speaker_mention(doc, text, start, resolved)
            result.direct = result.speaker is not None
            if result.direct:
                return result
    best = None
    for pattern, group in ((LEAD_IN, "spk"), (ACCORDING, "acc")):
        for match in pattern.finditer(doc.masked, lead_start, piece.mark_start):
            if best is None or match.start(group) > best[2]:
                best = (*_speaker_span(match, group), match.start(group))
    if best is not None:
        result.speaker = _speaker_mention(doc, best[0], best[1], resolved)
        result.direct = result.speaker is not None
    return result


def _inherit(pieces: list[Piece], results: list[Attribution]) -> None:
    """Rule 3: continuation within a paragraph, a multi-paragraph quote, or a run."""
    by_group: dict[int, SpeakerMention] = {}
    for piece, result in zip(pieces, results, strict=True):
        if result.speaker is not None and piece.group not in by_group:
            by_group[piece.group] = result.speaker
    for piece, result in zip(pieces, results, strict=True):
        if result.speaker is None and piece.group in by_group:
            result.speaker = by_group[piece.group]
    following = _next_speakers(pieces, results)
    for i, result in enumerate(results):
        if result.speaker is not None:
            continue
        # Backward: pieces before ``i`` are settled, so only the one just before matters (a
        # run with no speaker up to it has none further back either).
        if i and _linked(pieces, i) and results[i - 1].speaker is not None:
            result.speaker = results[i - 1].speaker
        elif pieces[i].leads:
            # Only a quote that opens its paragraph starts a run attributed at its end.
            result.speaker = following[i]


def _linked(pieces: list[Piece], j: int) -> bool:
    """Whether piece ``j`` continues the speech of piece ``j - 1``.

    Same paragraph, or the next paragraph when that paragraph opens with this quote.
    """
    prev, piece = pieces[j - 1], pieces[j]
    if prev.para == piece.para:
        return True
    return prev.para == piece.para - 1 and piece.leads


def _next_speakers(pieces: list[Piece], results: list[Attribution]) -> list[SpeakerMention | None]:
    """For each piece, the speaker of the first later attributed piece of its run, or None."""
    following: list[SpeakerMention | None] = [None] * len(pieces)
    for j in range(len(pieces) - 1, 0, -1):
        if _linked(pieces, j):
            following[j - 1] = results[j].speaker or following[j]
    return following
