"""What the linker finds (``Mention``, ``Candidate``) and the records it matches with."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum


class MatchMethod(StrEnum):
    EXACT = "exact"
    VARIANT = "variant"
    NORMALIZED = "normalized"
    TRANSLITERATION = "transliteration"
    SURNAME = "surname"
    ABBREVIATION = "abbreviation"
    DEMONYM = "demonym"
    CAPITAL = "capital"


@dataclass(frozen=True)
class Mention:
    start: int  # offsets into the original text; text == original[start:end]
    end: int
    text: str
    kind: str  # "person" or "country"
    key: str  # person slug or country alpha-2 code
    method: MatchMethod


@dataclass(frozen=True)
class Candidate:
    """A person the text names who is not in the gazetteer, for an editor to review."""

    name: str
    context: str  # the sentence it occurs in
    start: int
    end: int
    role: str = ""  # the role the text gives ("political analyst", "Foreign Minister")


PERSON = "person"
COUNTRY = "country"


class Role(Enum):
    """What an indexed spelling is for its entity."""

    NAME = "name"
    VARIANT = "variant"
    SURNAME = "surname"
    COUNTRY_NAME = "country name"
    COUNTRY_ALT = "other country name"
    ABBREVIATION = "abbreviation"
    DEMONYM = "demonym"
    CAPITAL = "capital"
    INSTITUTION = "institution"


@dataclass(frozen=True)
class Form:
    """One indexed spelling of an entity, as the gazetteer gives it."""

    kind: str
    key: str
    surface: str
    role: Role
    normal: str
    capitalised: tuple[bool, ...]  # per token: must the text's token be capitalised?
    base: str = ""  # a Russian case form: the ``normal`` of the nominative it declines


@dataclass(frozen=True)
class Hit:
    """A form accepted at tokens ``first``..``last`` (inclusive)."""

    first: int
    last: int
    form: Form
    method: MatchMethod
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


# Among overlapping hits of equal length, the more certain method wins.
METHOD_RANK = {
    method: rank
    for rank, method in enumerate(
        (
            MatchMethod.EXACT,
            MatchMethod.VARIANT,
            MatchMethod.NORMALIZED,
            MatchMethod.ABBREVIATION,
            MatchMethod.DEMONYM,
            MatchMethod.CAPITAL,
            MatchMethod.TRANSLITERATION,
            MatchMethod.SURNAME,
        )
    )
}
