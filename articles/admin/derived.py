"""What the linker derives from article text, and the audit trail: read-only."""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db.models import Count

from articles.models import (
    ArchiveVersion,
    ArticleDerivedState,
    ArticleEntity,
    ArticleSlugAlias,
    Capture,
    CollectionSourceCount,
    Fact,
    Mention,
    Quote,
    QuoteCluster,
    QuoteClusterAlias,
    QuoteClusterWord,
    QuoteWord,
)

from .base import DerivedAdmin, follow_job, may_relink, recluster_quotes


@admin.register(Mention)
class MentionAdmin(DerivedAdmin):
    list_display = ("text", "kind", "article", "person", "country", "method", "start")
    list_filter = ("kind", "method")
    list_select_related = ("article", "person", "country")
    search_fields = ("text", "article__title", "person__name", "country__name")


@admin.register(QuoteCluster)
class QuoteClusterAdmin(DerivedAdmin):
    list_display = ("representative", "speaker", "quote_count")
    list_select_related = ("speaker",)
    search_fields = ("representative", "speaker__name", "key")
    actions = ["rebuild_clusters"]

    def has_recluster_permission(self, request) -> bool:
        return may_relink(request.user)

    @admin.action(
        description="Rebuild all quote clusters (keys kept, merged keys redirect)",
        permissions=["recluster"],
    )
    def rebuild_clusters(self, request, queryset):
        job = recluster_quotes(user=request.user)
        return follow_job(self, request, job, "Rebuilding the quote clusters")

    def get_queryset(self, request):
        # A count groups rows, and grouped queries drop Meta.ordering: restore it.
        rows = super().get_queryset(request).annotate(quote_count=Count("quotes"))
        return rows.order_by(*self.model._meta.ordering)

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, obj):
        return obj.quote_count


@admin.register(QuoteClusterAlias)
class QuoteClusterAliasAdmin(DerivedAdmin):
    """Keys clusters gave up when they merged; their URLs redirect to the cluster."""

    list_display = ("key", "cluster")
    list_select_related = ("cluster",)
    search_fields = ("key", "cluster__key")


@admin.register(QuoteWord)
class QuoteWordAdmin(DerivedAdmin):
    """The distinctive words of the quotes in no cluster, through which the cluster update
    finds what a new quote may pair with."""

    list_display = ("word", "quote")
    list_select_related = ("quote",)
    search_fields = ("word",)


@admin.register(QuoteClusterWord)
class QuoteClusterWordAdmin(DerivedAdmin):
    """The distinctive words of each cluster's representative wording, through which the
    cluster update finds the clusters a new quote may join."""

    list_display = ("word", "cluster")
    list_select_related = ("cluster",)
    search_fields = ("word", "cluster__key")


@admin.register(ArticleSlugAlias)
class ArticleSlugAliasAdmin(DerivedAdmin):
    """Slugs renamed articles had; their URLs redirect to the article."""

    list_display = ("slug", "article", "created_at")
    list_select_related = ("article",)
    search_fields = ("slug", "article__slug", "article__title")


@admin.register(ArticleEntity)
class ArticleEntityAdmin(DerivedAdmin):
    """Who and where each article names, and how often: what the lists count."""

    list_display = ("article", "kind", "person", "country", "mentions")
    list_filter = ("kind",)
    list_select_related = ("article", "person", "country")
    search_fields = ("article__slug", "person__name", "country__name")


@admin.register(CollectionSourceCount)
class CollectionSourceCountAdmin(DerivedAdmin):
    """How many of each collection's articles each outlet published: what its page shows."""

    list_display = ("collection", "source", "article_count")
    list_select_related = ("collection", "source")
    search_fields = ("collection__title", "source__name")


@admin.register(ArticleDerivedState)
class ArticleDerivedStateAdmin(DerivedAdmin):
    list_display = ("article", "linked_with", "quotes_clustered")
    list_filter = ("quotes_clustered",)
    list_select_related = ("article",)


@admin.register(Quote)
class QuoteAdmin(DerivedAdmin):
    list_display = ("text", "speaker", "speaker_text", "article", "cluster")
    list_filter = (("speaker", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("speaker", "article", "cluster")
    search_fields = ("text", "speaker_text", "speaker__name", "article__title")


@admin.register(Fact)
class FactAdmin(DerivedAdmin):
    list_display = ("text", "kind", "value", "article")
    list_filter = ("kind",)
    list_select_related = ("article",)
    search_fields = ("text", "value", "context", "article__title")


@admin.register(LogEntry)
class LogEntryAdmin(DerivedAdmin):
    """The audit trail: every change made in the admin or on the site, who and when."""

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag", "message")
    list_filter = ("action_flag", "content_type")
    list_select_related = ("user", "content_type")
    search_fields = ("object_repr", "change_message", "user__username")
    date_hierarchy = "action_time"

    @admin.display(description="change")
    def message(self, obj):
        return obj.get_change_message()


@admin.register(ArchiveVersion)
class ArchiveVersionAdmin(DerivedAdmin):
    """The data version cached pages are keyed on: bumped by every committed change."""

    list_display = ("version", "changed_at")


@admin.register(Capture)
class CaptureAdmin(DerivedAdmin):
    """The original saved page of an article: provenance, replaced only by a reload."""

    list_display = ("article", "file_name", "record", "size", "sha256")
    list_select_related = ("article",)
    search_fields = ("article__title", "file_name", "sha256")
    # The bytes are downloaded from the article page, never shown here.
    exclude = ("content",)
