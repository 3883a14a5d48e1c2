"""Quotations: each quote an article reports, and the clusters of one statement across outlets."""

from django.db import models
from django.urls import reverse

from .coverage import Article
from .entities import Person


class QuoteCluster(models.Model):
    """The same statement as reported by several articles."""

    key = models.CharField(max_length=64, unique=True)
    speaker = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quote_clusters"
    )
    representative = models.TextField()
    # A member left (a re-link replaced or dropped it, its article was deleted): the next
    # update regroups the remaining members instead of trusting the cluster as it is.
    stale = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["speaker__name", "representative"]
        indexes = [
            models.Index(
                fields=["stale"], condition=models.Q(stale=True), name="quotecluster_stale_idx"
            )
        ]

    def __str__(self) -> str:
        return self.representative[:80]

    def get_absolute_url(self) -> str:
        return reverse("articles:quote-cluster", kwargs={"key": self.key})


class QuoteClusterAlias(models.Model):
    """A key a cluster used to have (before a merge): its old URL redirects to the cluster."""

    key = models.CharField(max_length=64, unique=True)
    cluster = models.ForeignKey(QuoteCluster, on_delete=models.CASCADE, related_name="aliases")

    def __str__(self) -> str:
        return f"{self.key} -> {self.cluster.key}"


class Quote(models.Model):
    """A quotation in an article's headline, standfirst or body; ``start`` and ``end`` are
    offsets into that part."""

    class SpeakerKind(models.TextChoices):
        NONE = "", "No speaker"
        PERSON = "person", "Person"
        # A country, capital, ministry or office speaking ("Washington said").
        INSTITUTION = "institution", "Institution"
        # A person the text does not name ("an Elysee official", "a Western diplomat").
        ANONYMOUS = "anonymous", "Unnamed person"

    class Part(models.IntegerChoices):
        TITLE = 1, "Headline"
        STANDFIRST = 2, "Standfirst"
        BODY = 3, "Body"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    part = models.PositiveSmallIntegerField(choices=Part.choices, default=Part.BODY)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    speaker_text = models.CharField(max_length=300, blank=True)
    speaker_kind = models.CharField(
        max_length=16, choices=SpeakerKind.choices, blank=True, default=SpeakerKind.NONE
    )
    speaker = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    cluster = models.ForeignKey(
        QuoteCluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )

    class Meta:
        ordering = ["article", "part", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "part", "start"], name="quote_unique_part_start"
            ),
        ]
        indexes = [
            models.Index(fields=["cluster", "article"], name="quote_cluster_article_idx"),
            # A person's quotes in the articles added most recently (their page).
            models.Index(fields=["speaker", "article"], name="quote_speaker_article_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class QuoteWord(models.Model):
    """One distinctive word (``pipeline.cluster_update.index_words``) of a quote in no
    cluster: the index through which the cluster update finds the quotes a new one may pair
    with. A quote of formula words only has one row with an empty word."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="index_words")
    word = models.CharField(max_length=64)

    class Meta:
        ordering = ["quote", "word"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "word"], name="quoteword_unique_quote_word")
        ]
        indexes = [models.Index(fields=["word", "quote"], name="quoteword_word_quote_idx")]

    def __str__(self) -> str:
        return f"{self.quote_id}: {self.word}"


class QuoteClusterWord(models.Model):
    """One distinctive word of a cluster's representative wording: the index through which
    the cluster update finds the clusters a new quote may join."""

    cluster = models.ForeignKey(QuoteCluster, on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=64)

    class Meta:
        ordering = ["cluster", "word"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "word"], name="quoteclusterword_unique_cluster_word"
            )
        ]
        indexes = [models.Index(fields=["word", "cluster"], name="quoteclusterword_word_idx")]

    def __str__(self) -> str:
        return f"{self.cluster_id}: {self.word}"
