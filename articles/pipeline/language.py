"""The language of a document's text, when its metadata does not say.

Uses lingua's statistical models, which ship inside the package (nothing is
downloaded at run time). The detector only weighs the languages this archive's
coverage is likely to be in, so it loads quickly and stays small; text too
short or too mixed to call is left unknown rather than guessed.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

# Languages of the outlets that covered the region: international, regional and local press.
LIKELY_LANGUAGES = (
    Language.ENGLISH,
    Language.RUSSIAN,
    Language.KAZAKH,
    Language.UKRAINIAN,
    Language.TURKISH,
    Language.AZERBAIJANI,
    Language.PERSIAN,
    Language.ARABIC,
    Language.CHINESE,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
)
# Fewer letters than this say too little to name a language.
MIN_LETTERS = 40
# How much of the text is read: the opening is enough and bounds the time taken.
MAX_CHARS = 5000
UNKNOWN = "und"  # ISO 639-2 "undetermined"


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*LIKELY_LANGUAGES)
        .with_minimum_relative_distance(0.15)
        .build()
    )


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when it cannot be told."""
    sample = text[:MAX_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    code: IsoCode639_1 = language.iso_code_639_1
    return code.name.lower()


def normalise_language(tag: str | None) -> str | None:
    """``en-GB``, ``EN_us`` or ``ru`` as a bare lower-case code; None for anything else."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
