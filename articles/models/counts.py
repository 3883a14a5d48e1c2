"""What the lists count, stored once per article instead of counted from every mention."""

from django.db import models

from .collections import Collection
from .coverage import Article, Mention
from .entities import Country, Person, Source


class ArticleEntity(models.Model):
    """One person or country an article names, with how many times it names them.

    Written by the linking service with the article's mentions, in the same transaction
    (``services/counts.py``), and deleted with the article, the person or the country. Facet
    counts, the coverage matrix and related coverage count these rows: one per article and
    entity instead of one per mention, and no ``COUNT(DISTINCT ...)``.
    """

    # Indexed by ``article_entity_article_idx`` (the article first), not by a plain index.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="entities", db_index=False
    )
    kind = models.CharField(max_length=8, choices=Mention.Kind.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="article_entities"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.CASCADE, related_name="article_entities"
    )
    mentions = models.PositiveIntegerField()

    class Meta:
        ordering = ["article", "kind", "-mentions"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="person", person__isnull=False, country__isnull=True)
                    | models.Q(kind="country", country__isnull=False, person__isnull=True)
                ),
                name="article_entity_exactly_one",
            ),
            models.UniqueConstraint(
                fields=["article", "person"],
                condition=models.Q(person__isnull=False),
                name="article_entity_person_unique",
            ),
            models.UniqueConstraint(
                fields=["article", "country"],
                condition=models.Q(country__isnull=False),
                name="article_entity_country_unique",
            ),
        ]
        indexes = [
            # An article's rows with every column a count over a scope's keys reads (facets,
            # the coverage matrix, blind spots, related coverage): read from the index alone,
            # three pages a key, instead of visiting the table for each row.
            models.Index(
                fields=["article", "kind", "person", "country", "mentions", "id"],
                name="article_entity_article_idx",
            ),
            # Who names this person (or country), newest loaded first: facets, related coverage.
            models.Index(fields=["person", "article"], name="article_entity_person_idx"),
            models.Index(fields=["country", "article"], name="article_entity_country_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id or self.country_id} ×{self.mentions} in {self.article_id}"


class CollectionSourceCount(models.Model):
    """How many of a collection's articles an outlet published (attributed articles only).

    Kept by ``services/outlet_counts.py`` in the transaction that writes the articles, beside
    ``Source.article_count`` and ``Collection.article_count``; a collection's unattributed
    articles are its total less these rows. Deleted with the outlet (its articles become
    unattributed) and with the collection.
    """

    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="outlet_counts"
    )
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="collection_counts")
    article_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "source"], name="collection_source_count_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}/{self.source_id}: {self.article_count}"
