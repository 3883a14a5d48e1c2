"""The archive's models: entities (who and where) and coverage (what was published)."""

from .coverage import (
    EDITOR_OWNED_FIELDS,
    Article,
    ArticleTag,
    EditorialLink,
    Fact,
    Mention,
    Quote,
    QuoteCluster,
    Tag,
)
from .entities import (
    Country,
    CountryName,
    Origin,
    Person,
    PersonCandidate,
    PersonName,
    Source,
    SourceAlias,
)

__all__ = [
    "EDITOR_OWNED_FIELDS",
    "Article",
    "ArticleTag",
    "Country",
    "CountryName",
    "EditorialLink",
    "Fact",
    "Mention",
    "Origin",
    "Person",
    "PersonCandidate",
    "PersonName",
    "Quote",
    "QuoteCluster",
    "Source",
    "SourceAlias",
    "Tag",
]
