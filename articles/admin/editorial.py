"""Tags, tags on articles and editorial links, each written through the editorial services."""

from django.contrib import admin
from django.db.models import Count

from articles.forms import EditorialLinkAdminForm, TagAdminForm
from articles.models import ArticleTag, EditorialLink, Tag
from articles.services.editorial import (
    article_tag_add,
    article_tag_remove,
    editorial_link_create,
    editorial_link_delete,
    editorial_link_update,
    tag_create,
    tag_delete,
    tag_update,
)

from .base import ArchiveAdmin, ServiceWritesMixin, adopt


@admin.register(Tag)
class TagAdmin(ServiceWritesMixin, ArchiveAdmin):
    form = TagAdminForm
    list_display = ("name", "slug", "article_count", "created_by", "created_at")
    list_select_related = ("created_by",)
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "description", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")

    def get_queryset(self, request):
        # A count groups rows, and grouped queries drop Meta.ordering: restore it.
        rows = super().get_queryset(request).annotate(article_count=Count("article_tags"))
        return rows.order_by(*self.model._meta.ordering)

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    def save_model(self, request, obj, form, change):
        fields = {key: form.cleaned_data[key] for key in ("name", "slug", "description")}
        if change:
            tag_update(tag=obj, user=request.user, **fields)
        else:
            adopt(obj, tag_create(user=request.user, **fields))

    def delete_object(self, request, obj):
        tag_delete(tag=obj, user=request.user)


@admin.register(ArticleTag)
class ArticleTagAdmin(ServiceWritesMixin, ArchiveAdmin):
    """Tags on articles; logged against the article so its history shows them."""

    list_display = ("tag", "article", "added_by", "added_at")
    list_filter = (("tag", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("tag", "article", "added_by")
    search_fields = ("tag__name", "article__title", "article__slug")
    autocomplete_fields = ("article", "tag")
    readonly_fields = ("added_by", "added_at")

    def get_readonly_fields(self, request, obj=None):
        # A tag on an article is added or removed, never edited into another one.
        return ("article", "tag", *self.readonly_fields) if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            adopt(obj, article_tag_add(article=obj.article, tag=obj.tag, user=request.user))

    def delete_object(self, request, obj):
        article_tag_remove(article=obj.article, tag=obj.tag, user=request.user)


@admin.register(EditorialLink)
class EditorialLinkAdmin(ServiceWritesMixin, ArchiveAdmin):
    """Editorial links; logged against both articles so their histories show them."""

    form = EditorialLinkAdminForm
    list_display = ("from_article", "relation", "to_article", "created_by", "created_at")
    list_filter = ("relation",)
    list_select_related = ("from_article", "to_article", "created_by")
    search_fields = ("from_article__title", "to_article__title", "note")
    autocomplete_fields = ("from_article", "to_article")
    readonly_fields = ("created_by", "created_at")

    def get_readonly_fields(self, request, obj=None):
        # Links are edited from their source article's side: its history owns them.
        return ("from_article", *self.readonly_fields) if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        fields = {key: form.cleaned_data[key] for key in ("to_article", "relation", "note")}
        if change:
            editorial_link_update(link=obj, user=request.user, **fields)
        else:
            link = editorial_link_create(from_article=obj.from_article, user=request.user, **fields)
            adopt(obj, link)

    def delete_object(self, request, obj):
        editorial_link_delete(link=obj, user=request.user)
