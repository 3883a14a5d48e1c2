"""Tags, tags on articles and editorial links, each written through the editorial services."""

from django.contrib import admin
from django.db.models import Count

from articles.models import ArticleTag, EditorialLink, Tag
from articles.services.editorial import editorial_link_record, record_change, tag_deletion_record

from .base import ArchiveAdmin


@admin.register(Tag)
class TagAdmin(ArchiveAdmin):
    list_display = ("name", "slug", "article_count", "created_by", "created_at")
    list_select_related = ("created_by",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "description", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("article_tags"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def log_deletions(self, request, queryset):
        tag_deletion_record(tags=queryset, user=request.user)
        return super().log_deletions(request, queryset)


@admin.register(ArticleTag)
class ArticleTagAdmin(ArchiveAdmin):
    """Tags on articles; logged against the article so its history shows them."""

    list_display = ("tag", "article", "added_by", "added_at")
    list_filter = (("tag", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("tag", "article", "added_by")
    search_fields = ("tag__name", "article__title", "article__slug")
    autocomplete_fields = ("article", "tag")
    readonly_fields = ("added_by", "added_at")

    def get_readonly_fields(self, request, obj=None):
        return ("article", "tag", *self.readonly_fields) if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        return record_change(
            user=request.user, obj=obj.article, message=f"Added tag “{obj.tag.name}”."
        )

    def log_deletions(self, request, queryset):
        return [
            record_change(
                user=request.user, obj=obj.article, message=f"Removed tag “{obj.tag.name}”."
            )
            for obj in queryset
        ]


@admin.register(EditorialLink)
class EditorialLinkAdmin(ArchiveAdmin):
    """Editorial links; logged against both articles so their histories show them."""

    list_display = ("from_article", "relation", "to_article", "created_by", "created_at")
    list_filter = ("relation",)
    list_select_related = ("from_article", "to_article", "created_by")
    search_fields = ("from_article__title", "to_article__title", "note")
    autocomplete_fields = ("from_article", "to_article")
    readonly_fields = ("created_by", "created_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def log_addition(self, request, obj, message):
        return editorial_link_record(link=obj, user=request.user, verb="Added")

    def log_change(self, request, obj, message):
        return editorial_link_record(link=obj, user=request.user, verb="Changed")

    def log_deletions(self, request, queryset):
        return [
            editorial_link_record(link=obj, user=request.user, verb="Removed") for obj in queryset
        ]
