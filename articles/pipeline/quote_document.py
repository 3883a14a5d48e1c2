"""What quote attribution knows about a whole body: its sentences, the names that are people
and their roles, and the running antecedent of "he"/"she"; speaker spans become mentions here.

The rules that use it are in ``quote_attribution``; their order of trust is described in
``quotes``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .quote_patterns import (
    ANONYMOUS_HEADS,
    CONNECTORS,
    DESCRIPTOR,
    MASK,
    NAME_RUN,
    NOT_PERSONS,
    OF_THE,
    PARTICLE_FULL_NAME,
    POSSESSIVE_NP,
    PRONOUN,
    ROLE_WORDS,
    WORD,
    SpeakerMention,
    speaker_span,
    speech_matches,
    trim_name,
)
from .quote_roles import (
    canonical_roles,
    compatible_antecedent,
    cue_conflict,
    definite,
    descriptor_cues,
    headline_subject,
    latest_with_role,
    namesake_by_role,
    principal,
    role_gender,
    roles_around,
)
from .text import UPPER, sentence_spans
from .wordlists import words as _words

# Lower-case words right after a name: "An Elysee official said" names nobody.
_AFTER_NAME = re.compile(r"[ \t]+([a-z]+)")
_CANONICAL_ROLE = canonical_roles()
# "the Head of State said", "le chef de l'État", "глава государства": the president.
_OF_STATE = "|".join(p.replace("_", r"[ \t]+") for p in sorted(_words("quotes", "head_of_state")))
# "глава российского государства": an adjective between says which state.
_HEAD_OF_STATE = re.compile(rf"[ \t]+(?:(?P<adj>[а-яё]+(?:ого|его))[ \t]+)?(?i:{_OF_STATE})(?!\w)")
_HEADS_OF = {"head", "chef", "jefe", "глава", "oberhaupt"}
# Roles one person plays ("le chef de l'État", "the host"): with nobody introduced in them, the
# person the text last spoke of.
_ANTECEDENT_ROLES = _words("quotes", "antecedent_roles")
# "sagte ein Regierungssprecher", "a insisté un conseiller": an indefinite article names nobody.
_INDEFINITE = re.compile(
    rf"(?<!\w)(?i:{'|'.join(sorted(_words('quotes', 'indefinite_articles')))})[ \t]+$"
)


@dataclass
class Document:
    """What the attribution rules need to know about the whole body."""

    body: str
    masked: str
    paragraphs: list[tuple[int, int]]
    headline: str = ""  # a readout's "Kassym-Jomart Tokayev holds talks with …"
    persons: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    roles: list[tuple[int, frozenset[str], SpeakerMention]] = field(default_factory=list)
    # role -> (starts, mentions) of the persons introduced with it, in text order
    by_role: dict[str, tuple[list[int], list[SpeakerMention]]] = field(default_factory=dict)
    events: list[tuple[int, SpeakerMention]] = field(default_factory=list)
    # start of a person's introduction -> the words around it ("russian", "president"), and
    # those of them written with a capital that name no office ("Kyrgyz", "Узбекистана")
    cues: dict[int, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    # word -> (starts, mentions) of the multi-word person names that contain it, in text order
    full_names: dict[str, tuple[list[int], list[SpeakerMention]]] = field(default_factory=dict)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # start of a person's introduction -> "f"/"m" when its role word has a gender
    genders: dict[int, str] = field(default_factory=dict)
    # a person's last name -> the country words of descriptors the text used for them
    called: dict[str, set[str]] = field(default_factory=dict)


# --- names, persons, roles ---------------------------------------------------------------


def _is_possessive(text: str) -> bool:
    return text.endswith(("’s", "'s"))


def _is_person(doc: Document, name: str) -> bool:
    lowered = name.lower()
    return lowered in doc.persons or lowered.split()[-1] in doc.surnames


def collect_persons(doc: Document, people: Iterable[str] = ()) -> None:
    """Names that are people: after a role word, the subject of a speech verb, or known."""
    masked = doc.masked
    for name in people:
        _add_person(doc, name)
    for match in re.finditer(NAME_RUN, masked):
        name = trim_name(match.group(), match.start())
        if name is None or _is_possessive(name.text):
            continue
        roles, cues = roles_around(masked, match.start(), name, doc.persons)
        if roles:
            _add_person(doc, name.text)
            doc.roles.append((name.start, roles, name))
            doc.cues[name.start] = cues
            genders = {role_gender(w) for w in cues[0]} - {""}
            if len(genders) == 1:
                doc.genders[name.start] = genders.pop()
        elif len(name.text.split()) >= 2 and _POSSESSIVE_BEFORE.search(
            masked, match.start(), name.start
        ):
            _add_person(doc, name.text)  # "Kazakhstan's Kassym-Jomart Tokayev raised …"
        elif _REFLEXIVE.match(masked, name.end):
            _add_person(doc, name.text)  # "Abai himself distrusted officials."
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


_POSSESSIVE_BEFORE = re.compile(r"['’]s[ \t]+$")
_REFLEXIVE = re.compile(rf"[ \t]+(?:{'|'.join(sorted(_words('quotes', 'reflexives')))})(?!\w)")


def _speech_slots(doc: Document) -> list[SpeakerMention]:
    """Every name that is the subject of a speech verb, outside quotes."""
    found = []
    for match, group in speech_matches(doc.masked):
        name = trim_name(*speaker_span(match, group))
        if name is not None and re.fullmatch(NAME_RUN, name.text) and not _is_possessive(name.text):
            found.append(name)
    return found


# --- who is "he": the running antecedent -------------------------------------------------


def collect_events(doc: Document) -> None:
    """Positions where a person becomes the obvious antecedent of "he"/"she"."""
    events: list[tuple[int, SpeakerMention]] = []
    for start, end in doc.sentences:
        subject = sentence_subject(doc, start, end)
        if subject is not None and subject.person:
            # A lone surname resolves to an earlier full name: the event is where it stands.
            events.append((max(subject.start, start), subject))
    for match, group in speech_matches(doc.masked):
        mention = speaker_mention(doc, match.group(group), match.start(group), None)
        if mention is not None and mention.person:
            events.append((match.start(group), mention))
    doc.events = sorted(events, key=lambda item: item[0])
    # "…, a déclaré Tokaïev. Le chef de l'État kazakh a évoqué …": a role nobody was introduced
    # with, as a subject, is the person spoken of before it (so "il" after it is that person).
    for index, (pos, mention) in enumerate(doc.events):
        if mention.anonymous and _DESCRIPTOR_RE.fullmatch(mention.text):
            named = speaker_mention(doc, mention.text, pos, [])
            if named is not None and not named.anonymous:
                doc.events[index] = (pos, named)
                # "Le président français a été reçu": the person is the French one from now on.
                called = doc.called.setdefault(named.text.lower().split()[-1], set())
                called |= descriptor_cues(doc, mention.text, pos)


def antecedent(
    doc: Document, pos: int, extra: list[tuple[int, SpeakerMention]]
) -> SpeakerMention | None:
    index = bisect_left(doc.events, pos, key=lambda item: item[0])
    best = doc.events[index - 1] if index else None
    # ``extra`` (quote speakers so far) is in text order: its latest item before ``pos``.
    index = bisect_left(extra, pos, key=lambda item: item[0])
    if index and (best is None or extra[index - 1][0] > best[0]):
        best = extra[index - 1]
    return best[1] if best else None


def speaker_mention(
    doc: Document, text: str, start: int, extra: list[tuple[int, SpeakerMention]] | None
) -> SpeakerMention | None:
    """Turn a matched speaker span into a mention: trim names, resolve he/she and roles.

    With ``extra`` None, pronouns are not resolved (used while collecting events).
    """
    if re.fullmatch(PRONOUN, text):
        return None if extra is None else antecedent(doc, start, extra)
    # "Kazakhstan's president said" is "the Kazakh president"; "Russia's ministry" an institution.
    owned = re.fullmatch(POSSESSIVE_NP, text) and text.split()[-1].lower() in ROLE_WORDS
    if owned or re.fullmatch(DESCRIPTOR, text):
        named = _APPOSITIVE.match(doc.masked, start + len(text))
        if named is not None and extra is not None:
            # "afirmó la presidenta de la Comisión Europea, Ursula von der Leyen, que …"
            first = _NAME_RUN_RE.match(doc.masked, named.start("name"))
            name = trim_name(first.group(), first.start())
            end = named.end("name")
            if name is not None and end - name.start > len(name.text):
                name = SpeakerMention(doc.masked[name.start : end], name.start, end)
            if name is not None and len(name.text.split()) >= 2:
                return name
        head = text.split()[-1].lower()
        if head not in ROLE_WORDS:
            head = head.rsplit("-", 1)[-1]  # "Die Grünen-Politikerin"
        cues = descriptor_cues(doc, text, start)
        of_state = _HEAD_OF_STATE.match(doc.masked, start + len(text))
        if head in _HEADS_OF and of_state:
            head = "president"
            if of_state.group("adj"):
                cues |= {of_state.group("adj").lower()}
        if head in ROLE_WORDS:
            role = _CANONICAL_ROLE.get(head, head)
            resolved = latest_with_role(doc, role, start, cues, role_gender(head))
            if resolved is None and (cues or role in _ANTECEDENT_ROLES) and extra is not None:
                # "the Tajik leader said" with no Tajik leader introduced by role: the person
                # the text last spoke of ("Rahmon spoke of … '…,' the Tajik leader said"); so
                # too "le chef de l'État", "der Gastgeber".
                resolved = antecedent(doc, start, extra) or headline_subject(doc, role)
                if cues and resolved and (resolved.anonymous or cue_conflict(doc, cues, resolved)):
                    resolved = compatible_antecedent(doc, start, cues)
            elif resolved is None and extra is not None and definite(text, role):
                # "Lord Cameron … the foreign secretary said:": the person last spoken of.
                resolved = principal(doc, antecedent(doc, start, extra), role)
            return resolved or SpeakerMention(text, start, start + len(text), anonymous=True)
        return SpeakerMention(text, start, start + len(text), person=False)
    if re.fullmatch(POSSESSIVE_NP, text):
        return SpeakerMention(text, start, start + len(text), person=False)
    if re.fullmatch(PARTICLE_FULL_NAME, text):
        return SpeakerMention(text, start, start + len(text))  # "von der Leyen"
    name = trim_name(text, start)
    if name is None:
        # "— подчеркнул президент Таджикистана": the role, with a country and no name after it.
        role = _DESCRIPTOR_RE.match(text)
        return speaker_mention(doc, role.group(), start, extra) if role else None
    if OF_THE.search(doc.masked, max(0, name.start - 12), name.start):
        # "La presidenta de la Comisión insistió": the role's institution, not a speaker.
        return SpeakerMention(name.text, name.start, name.end, person=False)
    after = _AFTER_NAME.match(doc.masked, name.end)
    if after and after.group(1) in ANONYMOUS_HEADS:
        end = after.end()
        return SpeakerMention(doc.body[start:end], start, end, anonymous=True)
    if " " not in name.text and _INDEFINITE.search(doc.masked, max(0, start - 12), name.start):
        # "sagte ein Regierungssprecher": a capitalised noun after an indefinite article.
        return SpeakerMention(name.text, name.start, name.end, anonymous=True)
    if " " not in name.text:
        # "Lu said" after "Lu Wei, an economist": the latest full name with that word.
        starts, mentions = doc.full_names.get(name.text.lower(), ((), ()))
        index = bisect_left(starts, name.start)
        if index:
            return namesake_by_role(doc, name, mentions[:index]) or mentions[index - 1]
    return SpeakerMention(name.text, name.start, name.end, person=_is_person(doc, name.text))


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


def sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    index = bisect_right(sentences, pos, key=lambda span: span[0]) - 1
    if index >= 0 and pos < sentences[index][1]:
        return sentences[index]
    return pos, pos


# A dash may open the sentence ("LE FIGARO. – Le président a parlé …").
CONNECTOR = re.compile(rf"[ \t]*(?:[–—-][ \t]+)?(?:(?i:{'|'.join(sorted(CONNECTORS))})\b,?[ \t]*)?")
# "El anfitrión, el presidente uzbeko, Shavkat Mirziyóyev, habló": up to two appositions.
_PARTICLES = "|".join(sorted(_words("quotes", "label_particles")))
_APPOSITIVE = re.compile(
    rf"(?:[^,\x00.;:]{{0,50}},[ \t]*){{1,2}}?"
    rf"(?P<name>{NAME_RUN}(?:(?:[ \t]+(?:{_PARTICLES})){{1,2}}[ \t]+{NAME_RUN})?)[ \t]*(?:,|\.?$)"
)
_KIN = re.compile(
    rf"(?:(?:{'|'.join(sorted(_words('quotes', 'possessives')))})[ \t]+[a-zà-ÿа-яё]+[ \t]+"
    r"(?:[a-zà-ÿа-яё]+[ \t]+)?(?=[A-ZÀ-ÞА-ЯЁ]))?"
)
INTRO_CLAUSE = re.compile(r"[^,\x00]{1,60},[ \t]*")
# "Am Dienstag reist Baerbock weiter": a German adverbial, the verb, then the subject.
_V2_OPENING = re.compile(
    rf"(?i:{'|'.join(sorted(_words('quotes', 'v2_openers')))})(?:[ \t]+[A-ZÄÖÜ][\wäöüß]*)?"
    r"[ \t]+[a-zäöüß]+[ \t]+(?=[A-ZÄÖÜ])"
)
# "Asked whether Britain was worried about …, Lord Cameron chose": a participle's clause.
_PARTICIPLE_CLAUSE = re.compile(r"[A-Z][a-z]+(?:ed|ing)[ \t][^,\x00;:]{1,150},[ \t]*")
_ROLE_BEFORE = re.compile(
    rf"(?:[{UPPER}][\w\-]+[ \t]+(?:[a-zà-ÿ]+[ \t]+){{0,2}}?"
    rf"(?:{'|'.join(sorted(w for w in ROLE_WORDS if w.isascii()))})[ \t]+(?=[{UPPER}]))?"
)
# A role, lower-case words of it, and the name: "Глава государства-хозяина Касым-Жомарт Токаев".
# "Le président Kassym-Jomart Tokaïev a ouvert": a role in lower case, then the name.
_ROLE_THEN_NAME = re.compile(rf"(?:[ \t]+[a-zа-яё][\w\-]*){{0,3}}[ \t]+(?P<name>{NAME_RUN})")
PRONOUN_RE = re.compile(PRONOUN)
_DESCRIPTOR_RE = re.compile(DESCRIPTOR)
_NAME_RUN_RE = re.compile(NAME_RUN)


def sentence_subject(doc: Document, start: int, end: int) -> SpeakerMention | None:
    """The person a sentence is about, skipping connectors and short intro clauses."""
    masked = doc.masked
    pos = start
    # Patterns run on ``masked`` between ``pos`` and ``end``: slicing the sentence at every
    # step would copy it, and a long sentence with many quotes would cost quadratic time.
    for _ in range(3):
        pos = CONNECTOR.match(masked, pos, end).end()
        if PRONOUN_RE.match(masked, pos, end):
            return None
        # "My friend Jordan Baker, who trades cotton, puts it this way:" is about the name.
        kin = _KIN.match(masked, pos, end)
        pos = kin.end()
        if not kin.group():
            # "Belarusian leader Alexander Lukashenko arrived": a role in lower case between
            # a capitalised nationality and the name.
            pos = _ROLE_BEFORE.match(masked, pos, end).end()
        matched = _DESCRIPTOR_RE.match(masked, pos, end)
        run = _NAME_RUN_RE.match(masked, pos, end)
        if run is not None and (matched is None or run.end() > matched.end()):
            # "Президент Кыргызстана Садыр Жапаров говорил": the name, not the role before it.
            matched = run
        if matched:
            mention = speaker_mention(doc, matched.group(), pos, None)
            if mention is not None and kin.group():
                mention = replace(mention, person=True)  # a friend, a colleague: a person
            named = _ROLE_THEN_NAME.match(masked, matched.end(), end)
            if matched.re is _DESCRIPTOR_RE and named is not None:
                # "Глава государства-хозяина Касым-Жомарт Токаев предложил": the name.
                name = trim_name(named.group("name"), named.start("name"))
                of_the = name and OF_THE.search(masked, max(0, name.start - 12), name.start)
                if name is not None and len(name.text.split()) >= 2 and not of_the:
                    return name
            if mention is not None and (mention.anonymous or matched.re is _DESCRIPTOR_RE):
                # "El portavoz del Ministerio, Wang Wenbin, había asegurado": the name, even
                # when the role alone would stand for someone introduced before.
                named = _APPOSITIVE.match(masked, matched.end(), end)
                if named is not None:
                    # "Ursula von der Leyen": the particles are part of the name.
                    first = _NAME_RUN_RE.match(masked, named.start("name"))
                    name = trim_name(first.group(), first.start())
                    if name is None:
                        return None
                    end = named.end("name")
                    return SpeakerMention(masked[name.start : end], name.start, end)
            follows = masked[matched.end() : min(matched.end() + 1, end)]
            if mention is not None and mention.person and follows in (" ", ","):
                return mention
        # Step over a short intro clause: "A day earlier, Blinken was …".
        clause = INTRO_CLAUSE.match(masked, pos, end)
        if not clause or len(WORD.findall(clause.group())) > 8:
            clause = _PARTICIPLE_CLAUSE.match(masked, pos, end) or _V2_OPENING.match(
                masked, pos, end
            )
        if not clause or len(WORD.findall(clause.group())) > 24:
            return None
        pos = clause.end()
    return None
