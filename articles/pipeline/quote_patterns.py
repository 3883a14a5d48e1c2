"""Regular expressions and word lists that quote attribution matches speakers with.

The word lists are in ``data/quotes.toml``; quoted text is masked with ``MASK`` before any of
these patterns run, so they never match inside a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import UPPER
from .wordlists import groups, words

# Upper-case letters of the Latin, Greek and Cyrillic blocks ("Mirziyóyev", "Ёлкин").
_U = f"[{UPPER}]"
MASK = "\x00"  # stands in for quoted text so patterns never match inside quotes


def _list(key: str) -> frozenset[str]:
    return words("quotes", key)


ROLE_WORDS = _list("role_words") | {w for group in groups("quotes", "role_groups") for w in group}
_ORG_WORDS = _list("organisation_words")
_LONG_ROLES = tuple(sorted(w for w in ROLE_WORDS if len(w) >= 6 and w.isalpha()))
# Words that may precede a name in a capitalised run but are not part of it.
TRIM_WORDS = ROLE_WORDS | _ORG_WORDS | _list("trim_words")
NOT_PERSONS = _list("not_persons")
PREPOSITIONS = _list("prepositions")
# A name right after one of these is no subject ("travelling with the minister called").
OBJECT_PREPOSITIONS = _list("object_prepositions")
# Months, weekdays and time words: "Anfang September erklärt" has no speaker in it.
TIME_WORDS = _list("time_words")
# Unnamed speakers: "an Elysee official", "a Western diplomat", "a source close to ...".
ANONYMOUS_HEADS = _list("anonymous_heads")
# Sorted, so the regular expressions below are the same on every run.
_SPEECH_VERBS = sorted(_list("speech_verbs"))
_INVERTED_VERBS = sorted(_list("inverted_verbs"))
CONNECTORS = _list("connectors")
# "in turn", "pour sa part": phrases between a speaker and the verb, spaces written "_".
_PHRASES = "|".join(
    p.replace("_", r"[ \t]+") for p in sorted(_list("adverbial_phrases"), key=len, reverse=True)
)
_ADVERBS = (
    r"(?:[ \t]+(?:[a-z]+ly|also|then|earlier|later|again|has|have|had|will|would|could|once"
    rf"|further|even|not|never|{_PHRASES}"
    rf"|{'|'.join(sorted(_list('auxiliaries')))})(?!\w)){{0,3}}"
)

# "Mr." and "Dr." before a name are part of the run (trimmed later), "U.S." too.
# "S.Japarov", "Sh.Mirziyoyev", "С.Жапаров": initials written against the surname are one token.
_NAME_TOKEN = (
    rf"(?:(?:{_U}[a-zа-яё]?\.)+{_U}[\w’'\-]+|{_U}[a-z]{{1,2}}\.(?=[ \t]+{_U})|(?:{_U}\.)+"
    rf"|{_U}[\w’'\-]*)"
)
NAME_RUN = rf"(?<![\w’'\-.]){_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})*"
# "von der Leyen told", "said van Rompuy": a surname after its lower-case particles.
# Capitalised at a sentence's start only with a second particle ("Von der Leyen habló"), so
# "Von Berlin sagte er" names nobody.
_PARTICLES = "|".join(sorted(_list("name_particles")))
_CAPITAL_PARTICLES = "|".join(w.capitalize() for w in sorted(_list("name_particles")))
PARTICLE_NAME = (
    rf"(?<![\w\-])(?:(?:{_PARTICLES})(?:[ \t]+(?:der|den|de))?|(?:{_CAPITAL_PARTICLES})[ \t]+"
    rf"(?:der|den|de))[ \t]+{NAME_RUN}"
)
# "Ursula von der Leyen": a name with its particles, whole.
PARTICLE_FULL_NAME = rf"(?:{NAME_RUN}[ \t]+)?{PARTICLE_NAME}"
_HEADS = "|".join(sorted(ROLE_WORDS | _ORG_WORDS | {"ministry"}))
_RU_HEADS = "|".join(sorted(w for w in ROLE_WORDS if re.search("[а-яё]", w)))
# "the Kazakh president", "le président français", "der Kanzler", "Российский министр",
# "— заявил узбекский лидер".
DESCRIPTOR = (
    rf"(?:(?:(?<!\w)(?:[Tt]he|[Ll][ea]|[Ee]l|[Dd]er|[Dd]ie|[Dd]as)[ \t]+"
    rf"(?:[\w.’'\-]+[ \t]+){{0,4}}?"
    rf"|(?<![\w\-])[А-ЯЁа-яё][а-яё]+(?:ий|ый|ой)[ \t]+(?:[а-яё\-]+[ \t]+){{0,2}}?)"
    # "Die Grünen-Politikerin": a compound whose last part is the role.
    rf"(?:[^\W\d_]+-)?(?i:{_HEADS})(?!\w)"
    # Russian has no article: "Министр заявил", "Глава государства подчеркнул".
    rf"|(?<![\w\-])(?i:{_RU_HEADS})(?!\w))"
)
# "he", "she" and their French, German, Spanish and Russian forms ("Il a déclaré", "Er sagte").
PRONOUN = (
    r"(?<!\w)(?:"
    + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(_list("pronouns")))
    + r")(?!\w)"
)
# ", who had flown in from Moscow the evening before and was due to leave ...,": up to 150.
_PAREN = r"(?:[ \t]*,(?P<paren>[^,\x00;:!?\n]{1,150}),)?"
# "Minister X of Uzbekistan, who chaired the session, tweeted": the place is not the speaker.
_OF_PLACE = rf"(?:[ \t]+(?:of|from|to)[ \t]+{NAME_RUN})?"
# "…," economist Yerlan Ospanov told: a lower-case role before a trailing speaker.
_ROLE_PREFIX = rf"(?:(?:[a-z]+[ \t]+)?(?:{'|'.join(sorted(ROLE_WORDS))})[ \t]+(?={_U}))?"
_VERB = rf"(?:{'|'.join(_SPEECH_VERBS)})(?!\w)"
# "…», a déclaré X", "…“, hatte X erklärt": an auxiliary may come first.
_INV_VERB = (
    rf"(?:(?:{'|'.join(sorted(_list('auxiliaries')))})[ \t]+)?"
    rf"(?:{'|'.join(_INVERTED_VERBS)})(?!\w)"
)
# "Мария Захарова в своём Telegram-канале назвала", "X on her Telegram channel wrote": where the
# words were written, between the speaker and the verb.
_CHANNEL = (
    r"(?:[ \t]+(?:в|во|на|in|on|auf|im|dans|sur|en)[ \t]+"
    rf"(?:{'|'.join(sorted(_list('channel_possessives')))})(?:[ \t]+[\w\-]+){{1,2}}?)?"
)
# "…», a-t-il ajouté", "…», estime-t-elle": a French verb with the pronoun after it.
_FRENCH_INVERTED = r"[a-zà-ÿ]+(?:-t)?-(?P<pro>il|elle)(?!\w)"
# "…», aseguró.": a verb with no subject (Spanish, Russian, Italian drop the pronoun).
_PRO_DROP = rf"{_INV_VERB}(?P<drop>)(?=[ \t]*(?:[.;]|$))"
POSSESSIVE_NP = rf"{NAME_RUN}(?<=['’]s)(?:[ \t]+[a-z]+){{1,3}}"
# "according to X", "selon X", "según X", "laut X", "по словам X"; after a quote also the German
# "„…“, so Scholz".
_ACCORDING_WORDS = sorted(p.replace("_", r"[ \t]+") for p in _list("according_words"))
_ACCORDING_SPEAKER = (
    rf"[ \t]+(?P<acc>{DESCRIPTOR}(?:[ \t]+{NAME_RUN})?|{POSSESSIVE_NP}|{PARTICLE_NAME}|{NAME_RUN})"
)
_ACCORDING_PATTERN = rf"(?<!\w)(?:{'|'.join(_ACCORDING_WORDS)}){_ACCORDING_SPEAKER}"
_AFTER_QUOTE_ACCORDING = rf"(?<!\w)(?:{'|'.join([*_ACCORDING_WORDS, 'so'])}){_ACCORDING_SPEAKER}"

# Each speaker form starts with a letter that no word character precedes: checked first, so
# the forms are tried at word starts only.
LEAD_IN = re.compile(
    rf"(?<!\w)(?=\w)(?P<spk>{DESCRIPTOR}|{PRONOUN}|{PARTICLE_NAME}|{NAME_RUN})"
    rf"{_OF_PLACE}{_PAREN}{_CHANNEL}{_ADVERBS}"
    rf"[ \t]+(?P<verb>{_VERB})"
)
# "…", - сказал журналистам пресс-секретарь президента Дмитрий Песков: lower-case words
# (an addressee, a role) between an inverted verb and the name.
_INV_FILLER = r"(?:[^\W\d_A-ZÀ-ÞА-ЯЁ][\w\-]*[ \t]+){0,5}?"
# "sagte sie", "— добавила она", "a déclaré le chef de l'État", "said Jane Doe".
# "a déclaré le président tadjik Emomali Rahmon": an adjective between the role and the name.
_ROLE_ADJECTIVE = rf"(?:[ \t]+(?!(?:{'|'.join(sorted(PREPOSITIONS))})(?!\w))[a-zà-ÿа-яё]{{4,}})?"
_INVERTED_SPEAKER = (
    rf"{PRONOUN}|{DESCRIPTOR}(?:{_ROLE_ADJECTIVE}[ \t]+{NAME_RUN})?|{PARTICLE_NAME}"
    rf"|{_INV_FILLER}{NAME_RUN}"
)
# "«…» Об этом заявил X", "„…“ Das sagte X", "… The words were those of X": the sentence
# after a quote that names who said it.
_OPENERS = "|".join(p.replace("_", r"[ \t]+") for p in sorted(_list("identification_openers")))
_OF_OPENERS = "|".join(p.replace("_", r"[ \t]+") for p in sorted(_list("identification_of")))
IDENTIFIED = re.compile(
    rf"[ \t]*(?:(?i:{_OPENERS})[ \t]+{_INV_VERB}|(?i:{_OF_OPENERS}))[ \t]+"
    rf"(?P<inv>{_INVERTED_SPEAKER})"
)
INVERTED = re.compile(
    rf"(?:^|[,\x00])[ \t]*,?[ \t]*(?:[-–—][ \t]*)?{_INV_VERB}[ \t]+"
    rf"(?P<inv>{_INVERTED_SPEAKER})"
)
ACCORDING = re.compile(_ACCORDING_PATTERN)
# "„…“, hatte sie vor der Reise gesagt": an auxiliary, the speaker, then the participle.
_PERFECT = (
    rf"(?:{'|'.join(sorted(_list('auxiliaries')))})[ \t]+(?P<perf>{PRONOUN}|{NAME_RUN})"
    rf"(?:[ \t]+[\w\-]+){{0,5}}?[ \t]+{_VERB}(?=[ \t]*(?:[.;,]|$))"
)
# "…," Kazakhstan's ambassador to China, Shakhrat Nuryshev, told: a possessive role, the name.
_TRAILING_SPEAKER = rf"{DESCRIPTOR}|{PRONOUN}|{PARTICLE_NAME}|{POSSESSIVE_NP}|{NAME_RUN}"
TRAILING = re.compile(
    rf"[ \t]*,?[ \t]*(?:[-–—][ \t]*)?"
    rf"(?:{_PERFECT}|{_ROLE_PREFIX}(?P<spk>{_TRAILING_SPEAKER}){_OF_PLACE}{_PAREN}{_ADVERBS}"
    rf"[ \t]+{_VERB}"
    rf"|{_INV_VERB}[ \t]+(?P<inv>{_INVERTED_SPEAKER})"
    rf"|{_FRENCH_INVERTED}|{_PRO_DROP}"
    rf"|{_AFTER_QUOTE_ACCORDING})"
)
SPEECH_VERB = re.compile(rf"(?<!\w){_VERB}")
# "Y añadió: «…»", "И добавил: «…»": a speech verb with no subject before the quote.
PRO_DROP_LEAD = re.compile(
    rf"[ \t]*(?:(?i:{'|'.join(sorted(CONNECTORS))})[ \t]+)*{_VERB}[ \t]*:?[ \t]*"
)
# An attribution inside one pair of marks: "«Но есть предел, — добавила она. — Рано или
# поздно…»", "« Nous sommes prêts, a-t-il dit, à signer »": the marks hold two quotes.
INNER_ATTRIBUTION = re.compile(
    rf"(?P<cut>,)?[ \t]+[—–][ \t]+{_INV_VERB}[^—–\x00«»\"“”„\n]{{1,60}}?[.,][ \t]+[—–][ \t]+"
    rf"|(?P<fcut>,)[ \t]+{_FRENCH_INVERTED.replace('(?P<pro>', '(?:')}"
    r"(?:[ \t]+[a-zà-ÿ]+)?[ \t]*,[ \t]+"
)
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SpeakerMention:
    text: str
    start: int
    end: int
    person: bool = True
    anonymous: bool = False  # a person nobody names: "an Elysee official", "the diplomat"


def trim_name(run: str, start: int) -> SpeakerMention | None:
    """Drop titles, nationalities and sentence connectors in front of a name."""
    span = _trimmed(run) if len(run) <= _TRIM_MEMO_CHARS else _trimmed.__wrapped__(run)
    if span is None:
        return None
    return SpeakerMention(run[span[0] : span[1]], start + span[0], start + span[1])


# Name runs of up to this many characters are memoised (a few MB at most).
_TRIM_MEMO_CHARS = 200


@lru_cache(maxsize=8192)
def _trimmed(run: str) -> tuple[int, int] | None:
    """Where the name in ``run`` starts and ends; the same runs are trimmed many times over
    (every name run of a body, by each attribution pass), hence the memo."""
    tokens = [(m.group(), m.start()) for m in re.finditer(r"\S+", run)]
    keep_from = 0
    for i, (token, _) in enumerate(tokens):
        lowered = token.lower()
        if (
            lowered in TRIM_WORDS
            or lowered.rstrip(".") in TRIM_WORDS  # "Mr.", "M.", "Dr."
            # "Die Zentralasien-Expertin Miriam Faller": a compound that ends in a role.
            or "-" in lowered
            and lowered.rsplit("-", 1)[1] in ROLE_WORDS
            and i < len(tokens) - 1
            # "Bundesaußenministerin Annalena Baerbock": a compound that ends in a role.
            or i < len(tokens) - 1
            and lowered.isalpha()
            and any(lowered.endswith(r) and len(lowered) > len(r) + 2 for r in _LONG_ROLES)
            or lowered.endswith(("’s", "'s"))
            and i < len(tokens) - 1
            or token[0].islower()  # words between an inverted verb and the name
        ):
            keep_from = i + 1
    if any(token.lower() in TIME_WORDS for token, _ in tokens[keep_from:]):
        return None
    tokens = tokens[keep_from:]
    if not tokens:
        return None
    first, last = tokens[0], tokens[-1]
    return first[1], last[1] + len(last[0])


# "de la Comisión", "of the Commission", "du Conseil", "del Consejo": an institution's name.
OF_THE = re.compile(r"(?<!\w)(?:(?:de|of)[ \t]+(?:la|the|l['’])|del|du|des)[ \t]*$")


def speaker_span(match: re.Match, group: str) -> tuple[str, int]:
    """The matched speaker; "the Kazakh leader, Kassym-Jomart Tokayev, said" gives the name."""
    spk = match.group("spk") if group == "spk" else ""
    # "El portavoz del Ministerio de Exteriores, Wang Wenbin, dijo": the name, not "Exteriores".
    # "La presidenta de la Comisión Europea, Ursula von der Leyen, afirmó": the institution's.
    at = match.start("spk") if spk else 0
    of_the = spk and OF_THE.search(match.string, max(0, at - 12), at)
    role = of_the or re.fullmatch(DESCRIPTOR, spk) or re.fullmatch(POSSESSIVE_NP, spk)
    if spk and match.group("paren") and (role or " " not in spk):
        paren = match.group("paren")
        name = paren.strip()
        named = re.fullmatch(NAME_RUN, name) or re.fullmatch(PARTICLE_FULL_NAME, name)
        if named and (" " in name or " " in spk):
            return name, match.start("paren") + paren.index(name)
    return match.group(group), match.start(group)


@lru_cache(maxsize=4)
def speech_matches(masked: str) -> tuple[tuple[re.Match[str], str], ...]:
    """Every lead-in, inverted and "according to" match of a masked body with the group that
    holds its speaker, pattern by pattern in text order (two passes over a body read them)."""
    return tuple(
        (match, group)
        for pattern, group in ((LEAD_IN, "spk"), (INVERTED, "inv"), (ACCORDING, "acc"))
        for match in pattern.finditer(masked)
    )
