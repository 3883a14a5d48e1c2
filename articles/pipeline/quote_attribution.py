"""Who said each quoted stretch: trailing and lead-in attributions, continuation, and the
sentence subject as a fallback; "he"/"she" and role descriptors resolve to earlier persons.

The rules and their order of trust are described in ``quotes``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from .quote_document import (
    CONNECTOR,
    INTRO_CLAUSE,
    PRONOUN_RE,
    Document,
    antecedent,
    sentence_of,
    sentence_subject,
    speaker_mention,
    speaker_span,
)
from .quote_patterns import (
    ACCORDING,
    ANONYMOUS_HEADS,
    IDENTIFIED,
    LEAD_IN,
    MASK,
    NAME_RUN,
    NOT_PERSONS,
    OBJECT_PREPOSITIONS,
    PRO_DROP_LEAD,
    SPEECH_VERB,
    TRAILING,
    WORD,
    SpeakerMention,
)
from .quote_scan import Piece
from .wordlists import words

_PRONOUN_ACCORDING = re.compile(
    "(?i:"
    + "|".join(
        p.replace("_", r"[ \t]+")
        for p in sorted(words("quotes", "according_pronoun_phrases"), key=len, reverse=True)
    )
    + r")(?!\w)"
)

_COLON_LEAD = re.compile(
    rf"[ \t]*(?P<spk>{NAME_RUN})(?:[ \t]+(?:in|at|à|en|в|во|auf)[ \t]+{NAME_RUN})?[ \t]*:[ \t]*"
)


@dataclass
class Attribution:
    speaker: SpeakerMention | None = None
    direct: bool = False  # found by a speech-verb pattern (rules 1 and 2)
    sentence_initial: bool = False
    subject: SpeakerMention | None = None  # the sentence subject, for the fallback


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
    if _introduced(doc, pieces, results, resolved) | _reported(doc, pieces, results, resolved):
        _inherit(pieces, results)
    return results


def _reported(
    doc: Document,
    pieces: list[Piece],
    results: list[Attribution],
    resolved: list[tuple[int, SpeakerMention]],
) -> bool:
    """Rule 6: a quote nobody is given to, in a sentence whose subject is nobody, right after
    a sentence of its paragraph that reports a person's words without quoting them ("Laut
    Tileuberdi sollen die Gespräche … Es gebe „…“", "X a répondu avec prudence. « … »"), was
    said by that person. Whether any speaker was found this way."""
    found = False
    for piece, result in zip(pieces, results, strict=True):
        if result.speaker is not None or result.direct or _attributed_after(doc, piece):
            continue  # '"…," it said': an attribution not understood
        index = bisect_right(doc.sentences, piece.mark_start, key=lambda span: span[0]) - 1
        if index < 1:
            continue
        lead = WORD.findall(doc.masked[doc.sentences[index][0] : piece.mark_start])
        if lead and lead[0].lower() not in _IMPERSONAL:
            continue  # "Critics call it "…"": somebody else's words
        prev_start, prev_end = doc.sentences[index - 1]
        if prev_start < doc.paragraphs[piece.para][0] or MASK in doc.masked[prev_start:prev_end]:
            continue
        speaker = None
        if according := ACCORDING.search(doc.masked, prev_start, prev_end):
            speaker = speaker_mention(doc, *speaker_span(according, "acc"), resolved)
        elif SPEECH_VERB.search(doc.masked, prev_start, prev_end):
            speaker = sentence_subject(doc, prev_start, prev_end)
            if speaker is not None and speaker.anonymous:
                speaker = speaker_mention(doc, speaker.text, speaker.start, resolved)
            speaker = speaker or _pronoun_subject(doc, prev_start, prev_end, resolved)
        if speaker is not None and speaker.person and not speaker.anonymous:
            result.speaker = speaker
            found = True
    return found


def _introduced(
    doc: Document,
    pieces: list[Piece],
    results: list[Attribution],
    resolved: list[tuple[int, SpeakerMention]],
) -> bool:
    """Rule 5: a paragraph that opens with a quote nobody is given to, after a paragraph
    without quotes whose last sentence is about a person ("Bakyt Osmonov, an economist,
    pointed to the trade figures." / ""Trade is still small. …""), was said by that person.
    Whether any speaker was found this way."""
    quoted = {piece.para for piece in pieces}
    found = False
    for piece, result in zip(pieces, results, strict=True):
        if result.speaker is not None or not piece.leads or piece.para == 0:
            continue
        if piece.para - 1 in quoted or _attributed_after(doc, piece):
            continue
        p_start, p_end = doc.paragraphs[piece.para - 1]
        s_start, s_end = sentence_of(doc.sentences, max(p_start, p_end - 1))
        if s_start >= s_end:
            continue
        subject = sentence_subject(doc, s_start, s_end)
        if subject is None or not subject.person:
            subject = _pronoun_subject(doc, s_start, s_end, resolved)
        if subject is not None and subject.person and not subject.anonymous:
            result.speaker = subject
            found = True
    return found


def _direct_attribution(
    doc: Document, pieces: list[Piece], i: int, resolved: list[tuple[int, SpeakerMention]]
) -> Attribution:
    """Rules 1 and 2 for piece ``i``; also notes the sentence subject for rule 4."""
    piece = pieces[i]
    s_start, s_end = sentence_of(doc.sentences, piece.mark_start)
    prev_end = pieces[i - 1].mark_end if i and pieces[i - 1].para == piece.para else -1
    lead_start = max(s_start, prev_end)
    lead = doc.masked[lead_start : piece.mark_start]
    result = Attribution(sentence_initial=not lead.strip() or lead.rstrip().endswith(":"))
    if lead.strip() == "" and lead_start == doc.paragraphs[piece.para][0] and piece.para:
        # `Blinken said:` ending the previous paragraph introduces this one.
        prev = doc.paragraphs[piece.para - 1]
        if doc.masked[prev[0] : prev[1]].endswith(":"):
            lead_start = sentence_of(doc.sentences, prev[1] - 1)[0]
            lead = doc.masked[lead_start : prev[1]]
    subject = sentence_subject(doc, s_start, s_end)
    result.subject = subject if subject is not None and subject.person else None
    # A quote that ends in a full stop ends its sentence: what follows is not its
    # attribution ("…cancel Russia." On the other hand, …).
    if piece.closed and _separated(doc, piece):
        trail_end = s_end
        if i + 1 < len(pieces) and piece.mark_end <= pieces[i + 1].mark_start < s_end:
            trail_end = pieces[i + 1].mark_start
        match = TRAILING.match(doc.masked, piece.mark_end, max(trail_end, piece.mark_end))
        if match:
            groups = ("spk", "inv", "acc", "pro", "perf")
            group = next((g for g in groups if match.group(g)), None)
            if group is None:  # "«…», aseguró.": nobody named, the person last spoken of
                result.speaker = antecedent(doc, match.start("drop"), resolved)
            else:
                text, start = speaker_span(match, group)
                result.speaker = speaker_mention(doc, text, start, resolved)
            result.direct = result.speaker is not None
            if result.direct:
                return result
    candidates = []
    for pattern, group in ((LEAD_IN, "spk"), (ACCORDING, "acc")):
        for match in pattern.finditer(doc.masked, lead_start, piece.mark_start):
            if group == "spk" and _after_preposition(doc.masked, match.start(group)):
                continue  # "An official travelling with the minister called it …"
            candidates.append((match.start(group), *speaker_span(match, group)))
    # The speaker nearest the quote; "Anfang September erklärt" names nobody, so look further.
    for _, text, start in sorted(candidates, reverse=True):
        result.speaker = speaker_mention(doc, text, start, resolved)
        if result.speaker is not None:
            result.direct = True
            return result
    if (colon := _COLON_LEAD.fullmatch(lead)) is not None:
        # "Lavrov: «…»", "Erdogan in Astana: "…"": the name before the colon said it.
        spoke = speaker_mention(doc, colon.group("spk"), lead_start + colon.start("spk"), resolved)
        if spoke is not None and spoke.text.lower() not in NOT_PERSONS:
            spoke = replace(spoke, person=True)  # a name before a colon is a speaker's
        result.speaker = spoke
    elif (said := _PRONOUN_ACCORDING.search(lead)) is not None:
        # "По его словам, проект «…»", "Selon lui, « … »": the person last spoken of.
        result.speaker = antecedent(doc, lead_start + said.start(), resolved)
        result.direct = True
        return result
    elif lead.rstrip().endswith(":") and (
        spoke := result.subject or _pronoun_subject(doc, s_start, s_end, resolved)
    ):
        # "Asked about Armenia, he shrugged: "…"": the subject before the colon said it.
        result.speaker = spoke
        result.direct = True
        return result
    elif SPEECH_VERB.search(lead):
        # "Xi … and warned against attempts to foment "…"", "Lawrow hatte Anfang September
        # erklärt, … „…“": a speech verb between the sentence's subject and the quote; in a
        # second quote of the sentence, the first one's speaker ("…", and said it was "…").
        result.speaker = (
            result.subject
            or _pronoun_subject(doc, s_start, s_end, resolved)
            or next((spk for pos, spk in resolved[-1:] if pos >= s_start), None)
        )
        if result.speaker is not None and result.speaker.anonymous:
            # "Le président ouzbek a salué « … »": the role as the text's people resolve it.
            spoke = speaker_mention(doc, result.speaker.text, result.speaker.start, resolved)
            result.speaker = spoke or result.speaker
        if result.speaker is None and PRO_DROP_LEAD.fullmatch(lead):
            result.speaker = antecedent(doc, lead_start, resolved)
        if result.speaker is None and (unnamed := _UNNAMED.match(doc.masked, s_start, s_end)):
            # "An official travelling with the minister called it "…"": nobody named.
            span = unnamed.span("who")
            result.speaker = SpeakerMention(doc.body[slice(*span)], *span, anonymous=True)
        result.direct = True  # spoken words, even when nobody can be named
        return result
    if result.speaker is None and (named := _identified(doc, piece, resolved)) is not None:
        result.speaker = named
    result.direct = result.speaker is not None
    return result


def _identified(
    doc: Document, piece: Piece, resolved: list[tuple[int, SpeakerMention]]
) -> SpeakerMention | None:
    """The speaker the sentence after a quote that ends its own names ("«…» Об этом заявил
    X.", "„…“ Das sagte X am Montag.", ""…." The words were those of X")."""
    index = bisect_right(doc.sentences, piece.mark_start, key=lambda span: span[0]) - 1
    if index < 0 or index + 1 >= len(doc.sentences):
        return None
    end = doc.sentences[index][1]
    if (
        doc.masked[piece.mark_end : end].strip(" \t.!?…")
        or piece.para + 1 < len(doc.paragraphs)
        and (doc.sentences[index + 1][0] >= doc.paragraphs[piece.para + 1][1])
    ):
        return None  # words after the quote in its sentence, or too far
    match = IDENTIFIED.match(doc.masked, doc.sentences[index + 1][0], doc.sentences[index + 1][1])
    return speaker_mention(doc, *speaker_span(match, "inv"), resolved) if match else None


# "Es gebe „…“", "It was "…"": a sentence that opens with one of these names no new speaker.
_IMPERSONAL = words("quotes", "impersonal_openers")
# "An official", "a Western diplomat", "Un diplomate" opening the sentence.
_UNNAMED = re.compile(
    rf"[ \t]*(?P<who>(?i:{'|'.join(sorted(words('quotes', 'indefinite_articles')))})[ \t]+"
    rf"(?:[\w\-]+[ \t]+){{0,2}}?(?:{'|'.join(sorted(ANONYMOUS_HEADS))}))(?!\w)"
)
_ACCORDING_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:[-–—][ \t]*)?(?i:"
    + "|".join(p.replace("_", r"[ \t]+") for p in sorted(words("quotes", "according_words")))
    + r")(?!\w)"
)
_WORD_BEFORE = re.compile(r"(\w+)[ \t]+$")


def _after_preposition(masked: str, start: int) -> bool:
    before = _WORD_BEFORE.search(masked, max(0, start - 20), start)
    return before is not None and before.group(1).lower() in OBJECT_PREPOSITIONS


def _attributed_after(doc: Document, piece: Piece) -> bool:
    # '"…," the younger Berdimuhamedov told the summit': an attribution not understood.
    # '"…," according to a statement from the ministry': a source nobody is named in.
    end = max(
        sentence_of(doc.sentences, max(piece.mark_start, piece.mark_end - 1))[1], piece.mark_end
    )
    return bool(
        SPEECH_VERB.search(doc.masked, piece.mark_end, end)
        or _ACCORDING_AFTER.match(doc.masked, piece.mark_end, end)
    )


def _separated(doc: Document, piece: Piece) -> bool:
    """Whether what follows the closing mark may attribute the quote: "…," he said, "…»,
    — сказал", "…?" she asked; not a full stop ("…cancel Russia." On the other hand), and
    not a name in marks run into the sentence ("для «Казахстанской правды» Путин написал")."""
    quoted = doc.body[piece.start : piece.end].rstrip()
    if quoted.endswith("."):
        return False
    after = doc.masked[piece.mark_end : piece.mark_end + 4].lstrip(" \t")
    return quoted.endswith((",", "!", "?", "…", ";")) or after[:1] in (",", "-", "–", "—")


_V2_PRONOUN = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+[ \t]+[a-zäöüß]+[ \t]+(?P<pro>er|sie)(?!\w)")


def _pronoun_subject(
    doc: Document, start: int, end: int, resolved: list[tuple[int, SpeakerMention]]
) -> SpeakerMention | None:
    """The person "he"/"she" opening the sentence stands for ("He also welcomed …",
    "Asked by journalists, he shrugged")."""
    pos = start
    for _ in range(3):
        pos = CONNECTOR.match(doc.masked, pos, end).end()
        if PRONOUN_RE.match(doc.masked, pos, end):
            return antecedent(doc, pos, resolved)
        if (v2 := _V2_PRONOUN.match(doc.masked, pos, end)) is not None:
            # "Dann wurde sie deutlich:": German puts the verb second, the pronoun after it.
            return antecedent(doc, v2.start("pro"), resolved)
        clause = INTRO_CLAUSE.match(doc.masked, pos, end)
        if clause is None or len(clause.group().split()) > 8:
            return None
        pos = clause.end()
    return None


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
