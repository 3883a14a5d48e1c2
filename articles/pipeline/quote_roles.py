"""Which person a role descriptor stands for: "the Kazakh president", "the Russian leader",
"le président français", "узбекский лидер" (used by ``quote_document``).

The holder is a person the text introduced with that role (a "leader" is also a president,
a chancellor or a premier); words of the descriptor that are not the office ("Russian",
"français") must share a stem with the words of that introduction ("Russian President X",
"Президент Узбекистана X"), or the introduction must name no country at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .quote_patterns import NAME_RUN, ROLE_WORDS, SPEECH_VERB, WORD, SpeakerMention
from .wordlists import groups as _groups
from .wordlists import words as _words

if TYPE_CHECKING:
    from .quote_document import Document

# "the Russian leader" stands for a president, a chancellor or a premier as well.
_LEADER_ROLES = ("leader", *sorted(_words("quotes", "leader_roles")))
# Words of a descriptor that say which office, not which country ("the foreign minister").
# Institutions are no country either ("the Kremlin spokesman", "the ministry's spokeswoman").
_NOT_CUES = (
    ROLE_WORDS | _words("quotes", "descriptor_fillers") | _words("quotes", "organisation_words")
)
_ARTICLE_FIRST = {"le", "la", "el", "the", "der", "die"}
_ROMANCE_ARTICLES = {"le", "la", "el"}
_PREPOSITIONS = _words("quotes", "prepositions")
# German compounds end in a role: "Bundeskanzler" is a "Kanzler".
_SUFFIX_ROLES = sorted((r for r in ROLE_WORDS if len(r) >= 6), key=len, reverse=True)
# The same role in several languages is one role: "le président" and "President Tokayev".
_CANONICAL_ROLE = {word: group[0] for group in _groups("quotes", "role_groups") for word in group}
_FEMININE = _words("quotes", "feminine_roles")
_FORMER = _words("quotes", "former_words")
_PRINCIPAL_ROLES = _words("quotes", "principal_roles")
_MASCULINE = _words("quotes", "masculine_roles")
_GENDERED = sorted(_FEMININE | _MASCULINE, key=len, reverse=True)
# "le président français": in French and Spanish the adjective follows the role.
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def descriptor_cues(doc: Document, text: str, start: int) -> frozenset[str]:
    """The words of a descriptor that tell which country's holder it means: "Russian" in
    "the Russian leader", "français" in "le président français", "узбекский"."""
    found = WORD.findall(text.lower())[:-1]
    if found and found[0] in _ARTICLE_FIRST:
        if found[0] in _ROMANCE_ARTICLES:
            after = _NEXT_WORD.match(doc.masked, start + len(text))
            if after and after.group(1).islower():
                found.append(after.group(1))
        found = found[1:]
    return frozenset(w for w in found if is_cue(w))


def is_cue(word: str) -> bool:
    return len(word) >= 4 and word not in _NOT_CUES


def _shares_cue(cues: frozenset[str], words: frozenset[str]) -> bool:
    # "Kyrgyz" and "Kyrgyzstan", "français" and "France", "узбекский" and "Узбекистана".
    return any(c[:4] == w[:4] for c in cues for w in words if len(w) >= 4)


def role_gender(word: str) -> str:
    """ "f" for a feminine role word ("Ministerin", "presidenta", a compound ending in one),
    "m" for a masculine one ("Außenminister", "presidente"), "" for English and epicene ones."""
    word = word.lower()
    found = word if word in _FEMININE or word in _MASCULINE else ""
    if not found and word.isalpha():
        found = next((g for g in _GENDERED if word.endswith(g) and len(word) > len(g) + 2), "")
    return "f" if found in _FEMININE else "m" if found else ""


def latest_with_role(
    doc: Document, role: str, pos: int, cues: frozenset[str] = frozenset(), gender: str = ""
) -> SpeakerMention | None:
    """Of the persons introduced with ``role`` before ``pos``, the one the text last spoke
    of ("Tokayev proposed ... '...,' the Kazakh president said"), else the latest introduced.

    With ``cues`` ("Russian" of "the Russian leader"), only a person introduced with a word
    of the same stem; none, when nobody was.
    """
    found: list[tuple[int, SpeakerMention]] = []
    for name in _LEADER_ROLES if role == "leader" else (role,):
        starts, mentions = doc.by_role.get(name, ((), ()))
        index = bisect_left(starts, pos)
        low = max(0, index - 20)
        found.extend(zip(starts[low:index], mentions[low:index], strict=True))
    found.sort(key=lambda item: item[0])
    if gender:
        # "die Ministerin": not a holder introduced with the other gender's word.
        found = [(s, m) for s, m in found if doc.genders.get(s, gender) == gender]
    if cues:
        # A holder introduced with a word of the same stem; else one whose introduction
        # names no country at all ("Министр иностранных дел Иван Петров" for "Российский
        # министр"), never "Kyrgyz President Sadyr Japarov" for "the Tajik leader".
        none: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        same = [(s, m) for s, m in found if _shares_cue(cues, doc.cues.get(s, none)[0])]
        found = same or [
            (s, m)
            for s, m in found
            if not doc.cues.get(s, none)[1] and not cue_conflict(doc, cues, m)
        ]
    if not found:
        return None
    holders = {m.text.lower() for _, m in found}
    event = bisect_left(doc.events, pos, key=lambda item: item[0])
    for _, mention in reversed(doc.events[max(0, event - 20) : event]):
        if mention.text.lower() in holders:
            return mention
    return found[-1][1]


def cue_conflict(doc: Document, cues: frozenset[str], mention: SpeakerMention) -> bool:
    """Whether the text introduced the person of ``mention`` with another country's words
    ("President of Azerbaijan Ilham Aliyev" is not "the Kazakh president", even where a later
    "President Ilham Aliyev" names no country)."""
    last = mention.text.lower().split()[-1]
    none: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    called = frozenset(doc.called.get(last, ()))
    if called and not _shares_cue(cues, called):
        return True  # "Le président français a été reçu …": not "le président ouzbek"
    for start, _, introduced in doc.roles:
        if introduced.text.lower().split()[-1] == last:
            capitalised = doc.cues.get(start, none)[1]
            if capitalised and not _shares_cue(cues, capitalised):
                return True
    return False


def compatible_antecedent(doc: Document, pos: int, cues: frozenset[str]) -> SpeakerMention | None:
    """The person last spoken of or named before ``pos`` whom the text gave no other country
    ("… обращаясь к Владимиру Путину. … Российский президент ответил")."""
    index = bisect_left(doc.events, pos, key=lambda item: item[0])
    recent = list(doc.events[max(0, index - 20) : index])
    for starts, mentions in doc.full_names.values():
        index = bisect_left(starts, pos)
        recent += zip(
            starts[max(0, index - 3) : index], mentions[max(0, index - 3) : index], strict=True
        )
    for _, mention in sorted(recent, key=lambda item: item[0], reverse=True):
        if mention.person and not mention.anonymous and not cue_conflict(doc, cues, mention):
            return mention
    return None


def headline_subject(doc: Document, role: str) -> SpeakerMention | None:
    """The full name a headline opens with, as a verb's subject ("Kassym-Jomart Tokayev holds
    talks with …"): in a readout, "the Head of State" before any name is that person."""
    match = _HEADLINE_SUBJECT.match(doc.headline) if role in _PRINCIPAL_ROLES else None
    if match is None or len(match.group("name").split()) < 2:
        return None
    return SpeakerMention(match.group("name"), -1, -1)


_HEADLINE_SUBJECT = re.compile(rf"[ \t]*(?P<name>{NAME_RUN})[ \t]+[a-zа-яё]")


def definite(text: str, role: str) -> bool:
    """Whether a descriptor of one of the offices a story's principals hold opens with a
    definite article ("the minister", "der Kanzler"; not "the Kremlin spokesman")."""
    return role in _PRINCIPAL_ROLES and text.split(maxsplit=1)[0].lower() in _ARTICLE_FIRST


def principal(doc: Document, spoken: SpeakerMention | None, role: str) -> SpeakerMention | None:
    """The person last spoken of, for "the foreign secretary said" with nobody introduced in
    that office; not a person the text gave another role (an analyst is no minister)."""
    if spoken is None or spoken.anonymous or not spoken.person:
        return None
    return None if other_role(doc, spoken, role) else spoken


def other_role(doc: Document, mention: SpeakerMention, role: str) -> bool:
    """Whether the person of ``mention`` was introduced with roles, none of them ``role``."""
    last = mention.text.lower().split()[-1]
    held: set[str] = set()
    for _, roles, introduced in doc.roles:
        if introduced.text.lower().split()[-1] == last:
            held |= roles
    return bool(held) and role not in held


def namesake_by_role(
    doc: Document, name: SpeakerMention, earlier: list[SpeakerMention]
) -> SpeakerMention | None:
    """Of two people who share the surname ``name`` ("Sadyr Japarov", "Akylbek Japarov"),
    the one whose role the surname last had before ``name`` ("President Japarov said …
    "…," Japarov told"); None when the full names before it are one person's."""
    if len({m.text.lower() for m in earlier}) < 2:
        return None
    word = name.text.lower()
    titled = [
        roles for start, roles, m in doc.roles if m.text.lower() == word and start < name.start
    ]
    if not titled:
        return None
    held = {m.text.lower(): roles for _, roles, m in doc.roles}
    for mention in reversed(earlier):
        if held.get(mention.text.lower(), frozenset()) & titled[-1]:
            return mention
    return None


def canonical_roles() -> dict[str, str]:
    """Each role word's role: "présidente", "Präsident" and "президент" are "president"."""
    return dict(_CANONICAL_ROLE)


def roles_around(
    masked: str, run_start: int, name: SpeakerMention, persons: Iterable[str] = ()
) -> tuple[frozenset[str], frozenset[str]]:
    """The roles a person is introduced with, and the words around the introduction (those
    in capitals apart: the country cues)."""
    # Roles in the run itself ("Foreign Minister Mukhtar Tleuberdi"), in the few
    # words just before it ("political scientist", "the foreign minister,"), and in
    # an appositive after it (", head of the Kazakh Foreign Ministry,").
    before = masked[max(0, run_start - 40) : name.start]
    before = re.split(r"[.;:\x00]|,(?!\s*$)", before)[-1]
    words = WORD.findall(before.lower())[-4:]
    if len(words) >= 2 and words[-1] in _ARTICLES and words[-2] in _PREPOSITIONS:
        words = []  # "la presidenta de la Comisión Europea": the name is the institution's
    if words and words[-1] in _PREPOSITIONS:
        words = []  # "a Western diplomat in Tashkent": the role is not the place's
    after = re.match(
        r",(?![ \t]*(?:and|or|but|who|which|that|with|in|on|at|to|by|as)\b)[ \t]*"
        r"([^,.;:\x00]{1,80})",
        masked[name.end : name.end + 90],
    )
    if after and SPEECH_VERB.search(after.group(1)):
        after = None  # "talks with Jane Doe, the foreign secretary said:": no apposition
    if after:
        words += WORD.findall(after.group(1).lower())
    written = WORD.findall(before) + (WORD.findall(after.group(1)) if after else [])
    # Not a cue: another person's name ("Tokajew traf sie Außenminister X") or a compound
    # role ("Bundesaußenministerin").
    named = {word for person in persons for word in person.split()}
    capitalised = frozenset(
        w.lower()
        for w in written[-len(words) :]
        if w[0].isupper()
        and is_cue(w.lower())
        and w.lower() not in named
        and not any(w.lower().endswith(r) for r in _SUFFIX_ROLES)
    )
    roles = set()
    for index, word in enumerate(words):
        # "former president Gurbanguly Berdimuhamedov": a role once held, not "the president".
        former = any(w in _FORMER for w in words[max(0, index - 2) : index])
        if word == "ministry":
            word = "minister"
        elif word not in ROLE_WORDS:
            declined = _russian_case(word)
            if declined and (roles or not _declined_name(name.text)):
                # "пресс-секретарь президента Дмитрий Песков": the president's, not a president;
                # "президента Таджикистана Эмомали Рахмона": a name declined like its role.
                continue
            word = declined or next((r for r in _SUFFIX_ROLES if word.endswith(r)), word)
        if word in ROLE_WORDS or word == "minister":
            roles.add(("former " if former else "") + _CANONICAL_ROLE.get(word, word))
    if not roles and (held := _role_of_institution(before)):
        # "la presidenta de la Comisión Europea, Ursula von der Leyen": the role is the
        # institution's head, before its name.
        roles.add(_CANONICAL_ROLE.get(held, held))
        words.append(held)
    return frozenset(roles), (frozenset(words), capitalised)


def _role_of_institution(before: str) -> str | None:
    match = _INSTITUTION_ROLE.search(before)
    if match is None or match.group("role").lower() not in ROLE_WORDS:
        return None
    return match.group("role").lower()


# "presidenta de la Comisión Europea, ", "president of the European Commission, " before a name.
_INSTITUTION_ROLE = re.compile(
    r"(?<!\w)(?P<role>[^\W\d_]+)[ \t]+(?:(?:de|of|der|des|du|del)[ \t]+)(?:(?:la|the|l['’])[ \t]*)?"
    r"(?:[\w\-]+[ \t]+){0,3}?[\w\-]+,?[ \t]*$"
)


def _declined_name(name: str) -> bool:
    """Whether a Cyrillic name is in an oblique case ("Рахмона", "Путину"), not a man's
    nominative ("Песков", "Лавров", "Дмитрий")."""
    last = name.split()[-1].lower()
    return (
        bool(_CYRILLIC_WORD.fullmatch(last))
        and last[-1] in "аяуюеиой"
        and last[-2:]
        not in (
            "ий",
            "ый",
        )
    )


def _russian_case(word: str) -> str | None:
    """The role a declined Russian role word is ("президента", "министром", "лидеру")."""
    if not _CYRILLIC_WORD.fullmatch(word):
        return None
    return next((word[: -len(e)] for e in _CASE_ENDINGS if word[: -len(e)] in ROLE_WORDS), None)


_CYRILLIC_WORD = re.compile(r"[а-яё\-]{4,}")
_CASE_ENDINGS = ("ом", "ем", "ам", "ах", "а", "у", "е", "ы", "я", "ю")
_ARTICLES = frozenset(("the", "le", "la", "les", "el", "los", "las", "der", "die", "das", "des"))
