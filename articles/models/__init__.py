"""The archive's models: entities (who and where) and coverage (what was published)."""

from .coverage import (
    EDITOR_OWNED_FIELDS,
    Article,
    ArticleDerivedState,
    ArticleTag,
    EditorialLink,
    Fact,
    Mention,
    Quote,
    QuoteCluster,
    QuoteClusterAlias,
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
from .redirects import ArticleSlugAlias

__all__ = [
    "EDITOR_OWNED_FIELDS",
    "Article",
    "ArticleDerivedState",
    "ArticleSlugAlias",
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
    "QuoteClusterAlias",
    "Source",
    "SourceAlias",
    "Tag",
]
