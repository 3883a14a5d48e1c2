"""The archive's models: entities (who and where) and coverage (what was published)."""

from .captures import Capture
from .collections import Collection, ItineraryStop
from .counts import ArticleEntity, CollectionSourceCount
from .coverage import (
    EDITOR_OWNED_FIELDS,
    Article,
    ArticleDerivedState,
    ArticleTag,
    EditorialLink,
    Fact,
    Mention,
    Tag,
)
from .entities import (
    Country,
    CountryName,
    Origin,
    Person,
    PersonCandidate,
    PersonName,
    PersonRole,
    Source,
    SourceAlias,
)
from .jobs import Job, JobFileResult
from .quotes import Quote, QuoteCluster, QuoteClusterAlias, QuoteClusterWord, QuoteWord
from .redirects import ArticleSlugAlias
from .versions import ArchiveVersion

__all__ = [
    "CollectionSourceCount",
    "EDITOR_OWNED_FIELDS",
    "ArchiveVersion",
    "Article",
    "ArticleDerivedState",
    "ArticleEntity",
    "ArticleSlugAlias",
    "ArticleTag",
    "Collection",
    "Capture",
    "Country",
    "CountryName",
    "EditorialLink",
    "Fact",
    "ItineraryStop",
    "Job",
    "JobFileResult",
    "Mention",
    "Origin",
    "Person",
    "PersonCandidate",
    "PersonName",
    "PersonRole",
    "Quote",
    "QuoteCluster",
    "QuoteClusterAlias",
    "QuoteClusterWord",
    "QuoteWord",
    "Source",
    "SourceAlias",
    "Tag",
]
