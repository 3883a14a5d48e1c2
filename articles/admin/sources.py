"""Outlets: what the data file says, corrected by editors; a correction is kept on sync."""

from django.contrib import admin

from articles.models import Source, SourceAlias
from articles.services.outlets import (
    source_alias_delete,
    source_alias_save,
    source_delete,
    source_save,
)

from .base import ArchiveAdmin, ServiceWritesMixin, save_inline_rows


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    fields = ("name", "origin")
    readonly_fields = ("origin",)
    extra = 1


@admin.register(Source)
class SourceAdmin(ServiceWritesMixin, ArchiveAdmin):
    """Outlets and their inline aliases, each written and logged by the outlets services."""

    list_display = ("name", "kind", "country", "city", "origin", "article_count")
    list_filter = ("kind", ("country", admin.RelatedOnlyFieldListFilter), "origin")
    list_select_related = ("country",)
    search_fields = ("name", "slug", "owner", "aliases__name", "notes")
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SourceAliasInline]
    fields = (
        ("name", "slug"),
        "homepage",
        ("country", "country_citation"),
        "city",
        ("kind", "kind_citation"),
        ("owner", "owner_citation"),
        "languages",
        "notes",
        ("origin", "edited_fields"),
    )
    readonly_fields = ("origin", "edited_fields")

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count  # stored, kept as articles are written

    def save_model(self, request, obj, form, change):
        source_save(source=obj, changed=form.changed_data, user=request.user)

    def delete_object(self, request, obj):
        source_delete(source=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        save_inline_rows(
            formset,
            save=lambda row: source_alias_save(alias=row, user=request.user),
            delete=lambda row: source_alias_delete(alias=row, user=request.user),
        )


@admin.register(SourceAlias)
class SourceAliasAdmin(ServiceWritesMixin, ArchiveAdmin):
    list_display = ("name", "source", "origin")
    list_filter = ("origin",)
    list_select_related = ("source",)
    search_fields = ("name", "source__name")
    autocomplete_fields = ("source",)
    readonly_fields = ("origin",)

    def save_model(self, request, obj, form, change):
        source_alias_save(alias=obj, user=request.user)

    def delete_object(self, request, obj):
        source_alias_delete(alias=obj, user=request.user)
