"""Collections (events) and their itineraries.

A collection's contents come from its ``collection.toml``: the next ``load_seeds``
of its folder writes them again, so the admin is for reading them and for
collections kept without a file.
"""

from django.contrib import admin

from articles.models import Collection, ItineraryStop

from .base import ArchiveAdmin


class ItineraryStopInline(admin.TabularInline):
    model = ItineraryStop
    extra = 0
    fields = ("date", "time", "place", "country", "description")
    autocomplete_fields = ("country",)


@admin.register(Collection)
class CollectionAdmin(ArchiveAdmin):
    list_display = ("title", "slug", "start_date", "end_date")
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("places", "participants")
    inlines = (ItineraryStopInline,)


@admin.register(ItineraryStop)
class ItineraryStopAdmin(ArchiveAdmin):
    list_display = ("date", "place", "collection")
    list_select_related = ("collection",)
    list_filter = (("collection", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("place", "description", "collection__title")
    autocomplete_fields = ("country",)
