"""The original bytes of a saved web page, kept beside the article made from it."""

from django.db import models
from django.urls import reverse

from .coverage import Article


class Capture(models.Model):
    """The page exactly as saved (an HTML file, or one WARC record's payload).

    Kept in the database rather than in media storage: it is written in the same
    transaction as its article, so a rejected or failed load leaves nothing behind
    and a reload replaces it atomically; it is backed up and restored with the rest
    of the archive; and it is bounded by the document size limit (2 MB). It lives in
    its own table so that reading articles never reads the bytes.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="capture"
    )
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    media_type = models.CharField(max_length=100, default="text/html")
    file_name = models.CharField(
        max_length=255, help_text="The file (or WARC file) it was loaded from."
    )
    record = models.PositiveIntegerField(
        null=True, blank=True, help_text="The record's position in its WARC file."
    )

    class Meta:
        ordering = ["article"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.size:,} bytes)"

    def get_absolute_url(self) -> str:
        return reverse("articles:capture", kwargs={"slug": self.article.slug})
