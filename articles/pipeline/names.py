"""Name normalisation and transliteration folding.

Two levels of sameness are used when matching names:

* ``normalise`` makes spellings equal that differ only in case, accents, and the punctuation that
  joins name parts: ``Mirziyóyev`` = ``mirziyoyev``, ``Kassym-Jomart`` = ``Kassym Jomart``.
* ``fold`` goes further and makes spellings equal that are different romanisations of the same
  Kazakh, Uzbek or Russian name: ``Kasim-Yomart`` = ``Kasym-Zhomart`` = ``Kassym-Jomart``,
  ``Bajtiyor`` = ``Bakhtiyor``, ``Merziev`` = ``Mirziyoyev``. Folding is lossy on purpose, so a
  folded match is only a *candidate*: the linker accepts it only for capitalised, name-like
  tokens and checks it against the original spelling (see ``linking``).

Other scripts are keyed in Latin letters: ``romanise`` transliterates Cyrillic, Chinese and every
other non-Latin run with anyascii before folding, so ``Блинкен`` keys like ``Blinken`` and
``Мирзиёев`` like ``Mirziyoyev``. Two small rules, with their letters in ``data/linking.toml``,
sit before that:

* ``script_normal``: a word that mixes scripts is read with the letters that merely look Latin
  replaced by the Latin letter (``Blinkеn`` with a Cyrillic ``е`` reads ``Blinken``); a word
  that still mixes scripts after that is junk and gets no key, so it never links.
* ``cyrillic_stem``: a Cyrillic word loses one Russian case ending (``Токаева``, ``Лаврову``,
  ``Мирзиёевым``), so declined names key like the nominative. The gazetteer's Cyrillic forms are
  keyed by the same rule, so both sides meet on the stem.

Chinese characters are one token each (Chinese runs words together without spaces); the linker
accepts a match on Chinese characters only when the characters themselves are the same, since
their romanisation is lossy.

``tokenize`` splits text into word tokens that remember their offsets in the original text, so
that everything matched on folded keys maps back to the exact original characters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from anyascii import anyascii

from articles.pipeline.wordlists import words

# Letters that Unicode decomposition does not reduce to a base letter plus accents.
_SPECIAL_LETTERS = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
    "Ð": "D", "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
})  # fmt: skip

# Apostrophe-like marks that sit *inside* names (Uzbek oʻ/gʻ, Arabic-derived Ma'ruf, soft-sign
# transcriptions) and carry no sound of their own.
APOSTROPHES = "'’ʼʻ`´"
# Punctuation that joins the parts of one name: Kassym-Jomart, Nur-Sultan.
HYPHENS = "-‐‑"

_JOINERS_RE = re.compile(rf"[\s{re.escape(HYPHENS)}_]+")
_APOSTROPHES_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")


def strip_accents(text: str) -> str:
    """Remove diacritics: ``Mirziyóyev`` -> ``Mirziyoyev``, ``Türkiye`` -> ``Turkiye``."""
    if text.isascii():
        return text  # nothing to decompose, no special letter
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise(name: str) -> str:
    """Case-, accent- and joiner-insensitive form of ``name``.

    Hyphens, underscores and runs of whitespace become one space; apostrophes inside names are
    dropped. Dots are kept, because ``U.S.`` and ``US`` are compared as written elsewhere.
    """
    if len(name) <= _MEMO_LENGTH:
        return _normalise_short(name)
    return _normalise(name)


_MEMO_LENGTH = 64  # names and words, which repeat; a longer text is not kept in a memo


def _normalise(name: str) -> str:
    text = _APOSTROPHES_RE.sub("", strip_accents(name)).casefold()
    return _JOINERS_RE.sub(" ", text).strip()


_normalise_short = functools.lru_cache(maxsize=65_536)(_normalise)


# ---------------------------------------------------------------------------------------------
# Scripts
# ---------------------------------------------------------------------------------------------

# What is Latin script here: ASCII, Latin-1 and the Latin extensions, IPA letters and spacing
# modifiers (Uzbek ʻ), combining accents, Latin Extended Additional, general punctuation (’, ‐).
_NON_LATIN_RUN_RE = re.compile(r"[^\x00-\u036f\u1e00-\u1eff\u2000-\u206f]+")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{HAN}]")
_HOMOGLYPHS = str.maketrans({pair[0]: pair[1] for pair in words("linking", "homoglyphs")})
_CASE_ENDINGS = sorted(words("linking", "cyrillic_case_endings"), key=len, reverse=True)
_MIN_STEM = 4


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The script of a letter: ``LATIN``, ``CYRILLIC``, ``GREEK``, ``CJK``, ..."""
    if _NON_LATIN_RUN_RE.match(char) is None:
        return "LATIN"
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def scripts(word: str) -> frozenset[str]:
    """The scripts of the letters of ``word`` (marks and punctuation do not count)."""
    if word.isascii():
        return frozenset(["LATIN"]) if any(char.isalpha() for char in word) else frozenset()
    return frozenset(_script(char) for char in word if char.isalpha())


def has_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None


def script_normal(word: str) -> str:
    """``word`` if it is in one script; a mixed-script word read through the homoglyph table.

    ``Blinkеn`` (Cyrillic ``е``) becomes ``Blinken``. A word that still mixes scripts after
    that (``Bлинkен``) is not a name in any script: the result is empty, and it never links.
    """
    if len(scripts(word)) <= 1:
        return word
    mapped = word.translate(_HOMOGLYPHS)
    return mapped if len(scripts(mapped)) <= 1 else ""


def cyrillic_stem(word: str) -> str:
    """A Cyrillic word without its Russian case ending: ``Токаева`` -> ``Токаев``.

    Only one ending is removed, the longest that leaves at least four letters; other words are
    returned as they are.
    """
    if scripts(word) != {"CYRILLIC"}:
        return word
    lower = word.casefold()
    for ending in _CASE_ENDINGS:
        if lower.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


_DECLENSION = sorted(
    (
        (ending.replace("-", ""), tuple(others.split(",")))
        for ending, _, others in (
            item.partition(":") for item in words("linking", "russian_declension")
        )
    ),
    key=lambda paradigm: len(paradigm[0]),
    reverse=True,
)
_RUSSIAN_VOWELS = frozenset("аеёиоуыэюяйь")


def russian_forms(word: str) -> tuple[str, ...]:
    """The case forms of a one-word Cyrillic country form: ``Россия`` -> ``России``, ``Россию``...

    The paradigm is chosen by the word's ending (``russian_declension`` in the data); a word
    whose ending has none (``Баку``) has no other forms. Capitalisation is kept.
    """
    if scripts(word) != {"CYRILLIC"} or not word.isalpha():
        return ()
    lower = word.casefold()
    for ending, others in _DECLENSION:
        # "-" (an empty ending) stands for a final consonant.
        fits = lower.endswith(ending) if ending else lower[-1] not in _RUSSIAN_VOWELS
        if fits and len(word) > len(ending) + 1:
            stem = word[: len(word) - len(ending)]
            return tuple(stem + other for other in others)
    return ()


def romanise(text: str) -> str:
    """Latin letters for every non-Latin run of ``text`` (anyascii): ``Токаев`` -> ``Tokaev``."""
    if text.isascii():
        return text
    return _NON_LATIN_RUN_RE.sub(lambda match: anyascii(match.group()), text)


@functools.lru_cache(maxsize=65_536)
def latin_normal(name: str, *, stem: bool = True) -> str:
    """``normalise`` of ``name`` read in Latin letters, word by word as ``fold`` reads it.

    Used to compare spellings across scripts: ``Блинкен`` and ``Blinken`` have the same
    ``latin_normal``, and so do ``Токаева`` and ``Токаев``; a junk mixed-script word contributes
    nothing. ``stem=False`` keeps the case endings, to tell Мирзиёева from Мирзиёев.
    """
    if name.isascii():
        return normalise(name)
    parts = (script_normal(word) for word in name.split())
    if stem:
        parts = (cyrillic_stem(word) for word in parts)
    return normalise(romanise(" ".join(part for part in parts if part)))


# ---------------------------------------------------------------------------------------------
# Transliteration folding
#
# ``fold`` maps each word to a phonetic key. The rules below are applied in order to the
# normalised, lower-case word; a rule's replacement is an UPPER-CASE class code so that later
# rules (which only look at lower case) never rewrite it. After the table, every remaining
# vowel run becomes "*" and the codes are lower-cased, so the key alphabet is
# ``b c d f g j k l m n p q r s t v x z *``.
#
# Why vowels collapse: Russian and Central Asian names are romanised with every vowel spelling
# imaginable (Mirziyoyev / Mirziyóyev / Mirzioev / Merziev, Tokayev / Tokaev, Kassym / Kasym /
# Kasim, Tleuberdi / Tleuberdy); the consonant skeleton is what stays stable. Collapsing a
# vowel run (with the glide y inside it) to one marker covers -iyev/-iyoyev/-yev/-ev/-iev,
# e/ye, yu/iu/u, ya/ia and y/i in one stroke, while keeping vowel *positions*, so Saidov and
# Saidova (different people) still differ.
#
# The j class merges every sound that romanisations write with j: Х (kh, h, x in Uzbek Latin,
# Spanish j as in "Bajtiyor"), Ж (zh, j in Kazakh/Uzbek Latin, dzh) and consonantal Й / Spanish
# y before a vowel at the start of a word ("Kasim-Yomart" for Kassym-Jomart).
# ---------------------------------------------------------------------------------------------

_FOLD_RULES: tuple[tuple[str, str, str], ...] = (
    # (pattern, replacement, why)
    (r"ff$", "V", "old French-style -off for -ov: Smirnoff = Smirnov"),
    (r"(.)\1+", r"\1", "doubled letters are a spelling habit: Kassym = Kasym, Anna = Ana"),
    (r"^[yi]e", "e", "initial Е is written e, ye or ie: Yerlan = Erlan, Yevgeny = Evgeny"),
    (r"^[yi](?=[aou])", "J", "initial Я/Ю/Ё and Spanish y: Yomart = Jomart, Iurii = Yuri"),
    (r"(?<=[aeiouy])[jy]$", "i", "final Й after a vowel: Zelenskij = Zelenskiy = Zelensky"),
    (r"shch|sch|sh", "X", "Ш/Щ: Shavkat, Schukin, Shchukin"),
    (r"tsch|tch|ch", "Q", "Ч: Chernov, Tchernov, Tschernow"),
    (r"th", "T", "English th for Т: Anthony = Antony"),
    (r"ph", "F", "ph for Ф: Joseph = Josef"),
    (r"gh", "G", "gh for Ғ/Г: Ghafur = Gafur"),
    (r"dzh|dj|zh|kh|j|h", "J", "Ж and Х: Zhomart = Jomart, Bakhtiyor = Bajtiyor, Ilkham = Ilham"),
    (r"^x", "J", "initial x is Uzbek Latin for Х: Xidoyatova = Khidoyatova"),
    (r"x(?=[aeiouy])", "KS", "x before a vowel is ks: Alexander = Aleksandr, Maxim = Maksim"),
    (r"x", "J", "x elsewhere is Uzbek Latin for Х: Muxtor = Mukhtor"),
    (r"ts|tz", "C", "Ц: Tsoy = Tzoy, Tsipko = Tzipko"),
    (r"c(?=[eiy])", "C", "Slavic c before a front vowel is Ц"),
    (r"ck|c|q", "K", "Қ and hard c: Qazaqstan = Kazakstan, Nicolai = Nikolai"),
    (r"w", "V", "German/Polish w for В: Wladimir = Vladimir"),
)
_COMPILED_FOLD_RULES = tuple((re.compile(p), r) for p, r, _ in _FOLD_RULES)

_VOWEL_RUN_RE = re.compile(r"[aeiouy]+")
_REPEATED_CODE_RE = re.compile(r"(.)\1+")
_NON_LETTERS_RE = re.compile(r"[^a-z]")


# Words repeat a lot in running text and folding is pure, so keys are memoised.
@functools.lru_cache(maxsize=65_536)
def fold_word(word: str) -> str:
    """Phonetic key of one word (see the rule table above); other scripts are romanised first."""
    word = script_normal(word)
    if not word.isascii():
        word = romanise(cyrillic_stem(word))
    text = _NON_LETTERS_RE.sub("", normalise(word))
    for pattern, replacement in _COMPILED_FOLD_RULES:
        text = pattern.sub(replacement, text)
    text = _VOWEL_RUN_RE.sub("*", text).lower()
    # Rules can leave two equal codes side by side (k + kh in "Tokkhtar"); they are one sound.
    return _REPEATED_CODE_RE.sub(r"\1", text)


def fold(name: str) -> str:
    """Phonetic key of a (possibly multi-word) name; words are folded one by one.

    >>> fold("Kasim-Yomart Tokayev") == fold("Kassym-Jomart Tokaev")
    True
    """
    return " ".join(fold_word(word) for word in normalise(name).split(" ") if word)


# ---------------------------------------------------------------------------------------------
# Tokenisation with offsets
# ---------------------------------------------------------------------------------------------

_LETTER = rf"(?:[^\W\d_{HAN}]|[\u0300-\u036f])"
# The same letters run by run, not one alternation per letter: ``_LETTER_RUN+`` = ``_LETTER+``.
_LETTER_RUN = rf"(?:[^\W\d_{HAN}]++|[\u0300-\u036f]++)"
_TOKEN_RE = re.compile(
    # Dotted abbreviations first, so "U.S." is one token rather than "U" and "S".
    rf"(?:[^\W\d_]\.){{2,}}"
    # One token per Chinese character: Chinese writes words without spaces between them.
    rf"|[{HAN}]"
    # A French or Italian elided article or pronoun is a word of its own, so the name after it
    # is one too: l'Élysée, d'Ouzbékistan, qu'Astana.
    rf"|(?i:[cdjlmnst]|qu)(?=['’]{_LETTER})"
    rf"|{_LETTER_RUN}+(?:[{re.escape(APOSTROPHES)}]{_LETTER_RUN}+)*"
)
_POSSESSIVE_RE = re.compile(rf"[{re.escape(APOSTROPHES)}]s$", re.IGNORECASE)
# What may stand between two tokens of one name: spaces on one line, or a hyphen. A line break
# is never a joiner: headings and paragraphs are one line each in this archive.
_JOINING_GAP_RE = re.compile(rf"[ \t\u00a0]+|[{re.escape(HYPHENS)}]")
# Punctuation after which the next word starts a sentence or clause, so its capital letter says
# nothing about it being a name (dashes and bullets open answers in interviews).
_CLAUSE_END_RE = re.compile(r"[.!?…:;•–—\n]")


class Token(NamedTuple):
    """One word of the original text.

    ``start``/``end`` are offsets into the original text (a possessive ``'s`` is left outside);
    ``joined`` says whether only a space or a hyphen separates it from the previous token, so
    that names are never matched across a comma or a full stop; ``sentence_initial`` says whether
    it opens a sentence or clause (its capital letter then tells nothing about it being a name);
    ``gap_before`` is the original text since the previous token (including that token's 's).
    A named tuple (made several times faster than a frozen dataclass); ``_replace`` copies one.
    """

    start: int
    end: int
    text: str
    key: str
    possessive: bool
    joined: bool
    sentence_initial: bool
    gap_before: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens carrying their folded keys and original offsets.

    The linker asks twice for each body (its mentions, then its candidates): the last long
    text's tokens are kept, each caller gets a list of its own. Short texts (a speaker, a
    gazetteer spelling) have their own memo, so they do not push the body's tokens out.
    """
    if len(text) <= _MEMO_LENGTH:
        return list(_tokenize_short(text))
    return list(_tokenize_last(text))


@functools.lru_cache(maxsize=1)
def _tokenize_last(text: str) -> tuple[Token, ...]:
    return tuple(_tokenize(text))


@functools.lru_cache(maxsize=4096)
def _tokenize_short(text: str) -> tuple[Token, ...]:
    return tuple(_tokenize(text))


@functools.lru_cache(maxsize=65_536)
def _word(word: str) -> tuple[str, bool, str]:
    """A matched word without its possessive 's, whether it had one, and its key."""
    possessive = bool(_POSSESSIVE_RE.search(word)) and len(word) > 2 and "." not in word
    if possessive:
        word = word[:-2]
    return word, possessive, fold_word(word.replace(".", ""))


@functools.lru_cache(maxsize=4096)
def _gap(gap: str) -> tuple[str, bool, bool]:
    """The gap (one string object for each), whether it joins tokens, whether it ends a clause."""
    return gap, _JOINING_GAP_RE.fullmatch(gap) is not None, _CLAUSE_END_RE.search(gap) is not None


_new_tuple = tuple.__new__  # a Token without the call of its generated __new__


def _tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    previous_end = 0
    previous_text = ""
    # Running text repeats its words and gaps (" ", ", "): one string object for each keeps a
    # long document's tokens small.
    shared: dict[str, str] = {}
    for match in _TOKEN_RE.finditer(text):
        start = match.start()
        word, possessive, key = _word(match.group())
        word = shared.setdefault(word, word)
        gap = text[previous_end:start]
        if len(gap) <= _MEMO_LENGTH:
            gap, joins, clause_end = _gap(gap)
        else:
            gap = shared.setdefault(gap, gap)
            joins = _JOINING_GAP_RE.fullmatch(gap) is not None
            clause_end = _CLAUSE_END_RE.search(gap) is not None
        joined = bool(tokens) and (joins or (not gap and has_han(word) and has_han(previous_text)))
        sentence_initial = not tokens or clause_end
        # Token(start, end, text, key, possessive, joined, sentence_initial, gap_before)
        fields = (start, start + len(word), word, key, possessive, joined, sentence_initial, gap)
        tokens.append(_new_tuple(Token, fields))
        previous_end = match.end()
        previous_text = word
    return tokens
