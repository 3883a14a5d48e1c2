"""People, countries and their name variants."""

from django.contrib import admin
from django.db.models import Count
from django.forms.models import BaseInlineFormSet

from articles.models import Country, CountryName, Origin, Person, PersonName, PersonRole
from articles.services.names import (
    name_variant_check_delete,
    name_variant_delete,
    name_variant_save,
)

from .base import (
    RELINK_NOTE,
    ArchiveAdmin,
    InlineServiceWritesMixin,
    RelinkActionMixin,
    ServiceWritesMixin,
    save_inline_rows,
)


class NameVariantFormSet(BaseInlineFormSet):
    """Refuses to delete gazetteer variants (the rows are saved by the names service)."""

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            name_variant_check_delete(form.instance)


class NameVariantsInlineMixin(InlineServiceWritesMixin):
    """A person's or country's inline variants are saved through the names service."""

    def save_formset(self, request, form, formset, change):
        if formset.model not in (PersonName, CountryName):
            return super().save_formset(request, form, formset, change)
        save_inline_rows(
            formset,
            save=lambda row: name_variant_save(variant=row, user=request.user),
            delete=lambda row: name_variant_delete(variant=row, user=request.user),
        )


class NameVariantAdmin(ServiceWritesMixin, ArchiveAdmin):
    """Stand-alone admin for variants: same rules and the same service as the inlines."""

    readonly_fields = ("origin",)
    list_filter = ("origin",)

    def save_model(self, request, obj, form, change):
        name_variant_save(variant=obj, user=request.user)

    def delete_object(self, request, obj):
        name_variant_delete(variant=obj, user=request.user)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.origin == Origin.GAZETTEER:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Bulk delete would bypass the per-variant gazetteer check.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class CountryNameInline(admin.TabularInline):
    model = CountryName
    formset = NameVariantFormSet
    fields = ("name", "kind", "origin")
    readonly_fields = ("origin",)
    extra = 1


@admin.register(Country)
class CountryAdmin(NameVariantsInlineMixin, RelinkActionMixin, ArchiveAdmin):
    list_display = ("code", "name", "official_name", "name_count")
    search_fields = ("code", "name", "official_name", "names__name")
    fieldsets = (
        (None, {"fields": ("code", "name", "official_name", "slug"), "description": RELINK_NOTE}),
    )
    inlines = (CountryNameInline,)

    def get_queryset(self, request):
        # A count groups rows, and grouped queries drop Meta.ordering: restore it.
        rows = super().get_queryset(request).annotate(name_count=Count("names"))
        return rows.order_by(*self.model._meta.ordering)

    @admin.display(description="variants", ordering="name_count")
    def name_count(self, obj):
        return obj.name_count


@admin.register(CountryName)
class CountryNameAdmin(NameVariantAdmin):
    list_display = ("name", "country", "kind", "origin")
    list_filter = ("kind", "origin")
    list_select_related = ("country",)
    search_fields = ("name", "country__name", "country__code")
    autocomplete_fields = ("country",)


class PersonNameInline(admin.TabularInline):
    model = PersonName
    formset = NameVariantFormSet
    fields = ("name", "origin")
    readonly_fields = ("origin",)
    extra = 1


class PersonRoleInline(admin.TabularInline):
    """Offices with their dates; the gazetteer only adds offices it does not find here."""

    model = PersonRole
    fields = ("title", "start", "end", "date_precision", "origin")
    readonly_fields = ("origin",)
    extra = 0


@admin.register(Person)
class PersonAdmin(NameVariantsInlineMixin, RelinkActionMixin, ArchiveAdmin):
    list_display = ("name", "slug", "role", "country", "origin", "variant_list")
    list_filter = ("origin", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("country",)
    list_prefetch = ("names",)
    search_fields = ("name", "slug", "role", "names__name")
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("origin",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "slug",
                    "role",
                    "country",
                    "organization",
                    "description",
                    "origin",
                ),
                "description": RELINK_NOTE,
            },
        ),
    )
    inlines = (PersonNameInline, PersonRoleInline)

    @admin.display(description="variants")
    def variant_list(self, obj):
        return ", ".join(n.name for n in obj.names.all())


@admin.register(PersonName)
class PersonNameAdmin(NameVariantAdmin):
    list_display = ("name", "person", "origin")
    list_select_related = ("person",)
    search_fields = ("name", "person__name")
    autocomplete_fields = ("person",)


@admin.register(PersonRole)
class PersonRoleAdmin(ArchiveAdmin):
    list_display = ("title", "person", "start", "end", "date_precision", "origin")
    list_filter = ("origin", "date_precision")
    list_select_related = ("person",)
    search_fields = ("title", "person__name")
    autocomplete_fields = ("person",)
    readonly_fields = ("origin",)
