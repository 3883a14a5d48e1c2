"""What was published: articles and what the archive knows about them."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse

from articles.pipeline.outlets import unattributed_label
from articles.search import (
    SEARCH_BODY_CHARS,
    SearchIndex,
    TsVectorField,
    language_search_config,
    weighted_search_vector,
)

from .collections import Collection
from .entities import Country, Person, Source
from .querysets import LIST_ORDER_INDEXES, NEWEST_FIRST, ArticleQuerySet

LINK_NOTE_MAX_LENGTH = 1000
# Fields an editor may correct; once corrected, the loader leaves them alone.
EDITOR_OWNED_FIELDS = ("title", "source", "published", "url", "language")


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The search vector is as large as the text and only ever read by the database.
        return super().get_queryset().defer("search_vector")


class Article(models.Model):
    title = models.CharField(max_length=500)
    title_derived = models.BooleanField(
        default=False, help_text="The document had no headline; the title was derived from it."
    )
    slug = models.SlugField(max_length=200, unique=True)
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        # Deleting an outlet leaves its articles unattributed rather than deleting coverage.
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    authors = models.ManyToManyField(Person, blank=True, related_name="authored_articles")
    published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    url = models.URLField("original URL", max_length=1000, blank=True)
    dek = models.TextField("standfirst", blank=True)
    body = models.TextField()
    captions = models.JSONField(default=list, blank=True)
    reader_comments = models.JSONField(default=list, blank=True)
    notes = models.TextField("catalog notes", blank=True)

    collection = models.ForeignKey(
        # Coverage outlives nothing: a collection with articles cannot be deleted.
        Collection,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    provenance = models.CharField(
        max_length=1000,
        help_text="Where the document came from: its path relative to the folder loaded "
        "(or the capture URL). Unique within the collection.",
    )
    seed_file = models.CharField(max_length=255, help_text="File name, for display.")
    content_hash = models.CharField(max_length=64, help_text="Provenance: SHA-256 of the file.")
    catalog_hash = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the catalog entry it was loaded with."
    )
    encoding = models.CharField(max_length=32, blank=True)
    capture_url = models.URLField(
        max_length=1000, blank=True, help_text="Provenance: where the saved page was captured."
    )
    capture_sha256 = models.CharField(
        max_length=64, blank=True, help_text="Provenance: SHA-256 of the original capture."
    )
    metadata_origin = models.JSONField(
        default=dict, blank=True, help_text="Where each metadata value came from, by field."
    )
    edited_fields = models.JSONField(
        default=list, blank=True, help_text="Fields an editor set; the loader keeps them."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Computed by the database from title, standfirst and body (see articles/search.py).
    search_vector = models.GeneratedField(
        expression=weighted_search_vector(
            config=language_search_config(), body_chars=SEARCH_BODY_CHARS
        ),
        output_field=TsVectorField(),
        db_persist=True,
        null=True,
    )
    # Kept by the linking service with the mentions (services/counts.py), so the list sorts
    # by them without counting. Updating them leaves the text, so not the search vector.
    mention_count = models.PositiveIntegerField(default=0, editable=False)
    people_count = models.PositiveIntegerField(default=0, editable=False)
    country_count = models.PositiveIntegerField(default=0, editable=False)

    objects = ArticleManager()

    class Meta:
        ordering = NEWEST_FIRST
        indexes = [
            models.Index(fields=["published"], name="article_published_idx"),
            models.Index(fields=["language"], name="article_language_idx"),
            # A collection's articles counted by outlet, and the collections' totals.
            models.Index(fields=["collection", "source"], name="article_collection_source_idx"),
            models.Index(fields=["content_hash"], name="article_hash_idx"),
            models.Index(fields=["capture_url"], name="article_capture_url_idx"),
            SearchIndex(fields=["search_vector"], name="article_search_gin"),
            *LIST_ORDER_INDEXES,
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "provenance"], name="article_collection_provenance_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def source_label(self) -> str:
        return self.source.name if self.source_id else "Unattributed"

    @property
    def outlet_label(self) -> str:
        """The outlet's compact label, or one that tells this unattributed article apart."""
        if self.source_id:
            return self.source.label
        return unattributed_label(
            seed_file=self.seed_file, slug=self.slug, notes=self.notes, language=self.language
        )

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


class ArticleDerivedState(models.Model):
    """How current an article's derived data is: the names it was linked with, its clusters.

    Kept beside the article rather than on it, so bookkeeping never rewrites the
    article row (nor its search index). Written in the transaction that creates the
    article, so that every article has one: ``linked_with`` is empty while it has never
    been linked, and a load finds such articles through ``derived_linked_with_idx`` as it
    finds those linked with older names, without a pass over every article.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="derived_state"
    )
    linked_with = models.CharField(
        max_length=64, blank=True, help_text="Version of the names and rules last linked with."
    )
    quotes_clustered = models.BooleanField(
        default=False, help_text="The article's quotes are in the current clusters."
    )

    class Meta:
        indexes = [
            # A load finds the few articles linked with other names than the current ones,
            # and the cluster update the few whose quotes are not clustered, without reading
            # every article's state.
            models.Index(fields=["linked_with"], name="derived_linked_with_idx"),
            models.Index(
                fields=["article"],
                name="derived_unclustered_idx",
                condition=models.Q(quotes_clustered=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.linked_with or 'never linked'}"


class Mention(models.Model):
    """One place in an article's body that names a person or a country."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        COUNTRY = "country", "Country"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    method = models.CharField(max_length=32)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="person", person__isnull=False, country__isnull=True)
                    | models.Q(kind="country", country__isnull=False, person__isnull=True)
                ),
                name="mention_exactly_one_entity",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="mention_span"
            ),
            models.UniqueConstraint(fields=["article", "start"], name="mention_unique_start"),
        ]
        indexes = [
            models.Index(fields=["person", "article"], name="mention_person_idx"),
            models.Index(fields=["country", "article"], name="mention_country_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.text} @{self.start} in {self.article_id}"

    @property
    def entity(self) -> Person | Country:
        return self.person if self.kind == self.Kind.PERSON else self.country


class Tag(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    articles = models.ManyToManyField(Article, through="ArticleTag", related_name="tags")

    class Meta:
        ordering = ["name"]
        constraints = [
            # "Energy" and "energy" are one tag: the database refuses the second.
            models.UniqueConstraint(
                Lower("name"),
                name="tag_name_ci_unique",
                violation_error_message="A tag with this name already exists "
                "(tag names ignore case).",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:tag-detail", kwargs={"slug": self.slug})


class ArticleTag(models.Model):
    """A tag on an article, with who added it and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_tags")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="article_tags")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["tag__name"]
        constraints = [
            models.UniqueConstraint(fields=["article", "tag"], name="article_tag_unique"),
        ]
        indexes = [models.Index(fields=["tag", "article"], name="article_tag_tag_idx")]

    def __str__(self) -> str:
        return f"{self.tag_id} on {self.article_id}"


class EditorialLink(models.Model):
    """An editor's typed cross-link between two articles, read from either side."""

    class Relation(models.TextChoices):
        SAME_EVENT = "same_event", "Same event"
        FOLLOW_UP = "follow_up", "Follow-up"
        RESPONDS_TO = "responds_to", "Responds to"
        CONTRADICTS = "contradicts", "Contradicts"
        TRANSLATION = "translation", "Translation"
        REPUBLICATION = "republication", "Republication"

    # (wording on the source article's page, wording on the target article's page)
    WORDING = {
        Relation.SAME_EVENT: ("Covers the same event as", "Covers the same event as"),
        Relation.FOLLOW_UP: ("Follow-up to", "Followed up by"),
        Relation.RESPONDS_TO: ("Responds to", "Responded to by"),
        Relation.CONTRADICTS: ("Contradicts", "Contradicted by"),
        Relation.TRANSLATION: ("Translation of", "Translated as"),
        Relation.REPUBLICATION: ("Republication of", "Republished as"),
    }

    from_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links_out")
    to_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(max_length=16, choices=Relation.choices)
    note = models.TextField(blank=True, max_length=LINK_NOTE_MAX_LENGTH)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["relation", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article", "relation"], name="editorial_link_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_article=models.F("to_article")),
                name="editorial_link_not_self",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), LINK_NOTE_MAX_LENGTH),
                name="editorial_link_note_length",
                violation_error_message=f"A note has at most {LINK_NOTE_MAX_LENGTH} characters.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_article_id} {self.relation} {self.to_article_id}"

    def wording_from(self, article: Article) -> str:
        outgoing, incoming = self.WORDING[self.Relation(self.relation)]
        return outgoing if article.pk == self.from_article_id else incoming


class Fact(models.Model):
    """A figure an article reports (money, a vote, a percentage, a quantity, a date)."""

    class Kind(models.TextChoices):
        MONEY = "money", "Money"
        VOTE = "vote", "Vote count"
        PERCENT = "percent", "Percentage"
        QUANTITY = "quantity", "Quantity"
        DATE = "date", "Date"

    # Indexed by ``fact_article_idx`` (the article first), not by a plain index.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="facts", db_index=False
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    value = models.CharField(max_length=100, help_text="Normalised value used for grouping.")
    context = models.TextField(blank=True)
    subject = models.CharField(
        max_length=200, blank=True, help_text="What the figure is about, from its sentence."
    )

    class Meta:
        ordering = ["article", "start"]
        indexes = [
            models.Index(fields=["kind", "value", "article"], name="fact_kind_value_idx"),
            # An article's figures with the columns the figures page counts and numbers over a
            # scope's keys: read from the index alone, three pages a key.
            models.Index(
                fields=["article", "kind", "value", "start", "id"], name="fact_article_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.get_kind_display()})"
