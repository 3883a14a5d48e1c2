"""What the archive's admins share: page size, prefetching, re-linking, service writes."""

from django.contrib import admin, messages
from django.db import models

RELINK_NOTE = (
    "New or changed name variants take effect when articles are re-linked: use the action "
    "“Re-link all articles” on the list page, or run “python manage.py relink”."
)


def relink_articles(articles=None) -> int:
    """Re-link the given articles (all when None) so name changes reach them."""
    # Imported here: the text pipeline loads only when someone asks for a re-link.
    from articles.services.linking import relink_all

    return relink_all(articles=articles)


def adopt(obj: models.Model, saved: models.Model) -> None:
    """Make the admin's unsaved ``obj`` the row a service saved (for Django's redirect)."""
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False


def save_inline_rows(formset, *, save, delete) -> None:
    """Hand an inline formset's rows to services: ``delete(row)`` for each row removed, then
    ``save(row)`` for each row added or changed (the services log each one)."""
    formset.save(commit=False)  # sorts the rows into new, changed and deleted
    for row in formset.deleted_objects:
        delete(row)
    for row in [*formset.new_objects, *(row for row, _ in formset.changed_objects)]:
        save(row)


class InlineServiceWritesMixin:
    """For admins whose inline rows are written (and logged) by services.

    The parent's own change message leaves the inlines out, since the services logged them;
    a save that only touched inline rows writes no second, empty log row.
    """

    def construct_change_message(self, request, form, formsets, add=False):
        return super().construct_change_message(request, form, [], add)

    def log_change(self, request, obj, message):
        return super().log_change(request, obj, message) if message else None


class ArchiveAdmin(admin.ModelAdmin):
    """Shared behaviour: a page size, and prefetching of what ``list_display`` shows."""

    list_per_page = 50
    list_prefetch: tuple[str, ...] = ()
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.prefetch_related(*self.list_prefetch) if self.list_prefetch else queryset


class ServiceWritesMixin:
    """For admins whose every write goes through ``articles.services.editorial``.

    The services record the change in the audit trail, worded as on the site, so
    Django's own log entries would only repeat them. Subclasses route
    ``save_model`` and ``delete_object`` to the services; bulk deletion calls
    ``delete_object`` for each row, so it is logged row by row too.
    """

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def log_deletions(self, request, queryset):
        return []

    def delete_object(self, request, obj) -> None:
        raise NotImplementedError

    def delete_model(self, request, obj):
        self.delete_object(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_object(request, obj)


class DerivedAdmin(ArchiveAdmin):
    """Rows the linker derives from article text: replaced on each re-link, so read-only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RelinkActionMixin:
    """The "Re-link all articles" action, offered where name variants are edited."""

    actions = ["relink_all_articles"]

    def has_relink_permission(self, request) -> bool:
        return request.user.has_perm("articles.add_personname") or request.user.has_perm(
            "articles.add_countryname"
        )

    @admin.action(
        description="Re-link all articles (applies new name variants)", permissions=["relink"]
    )
    def relink_all_articles(self, request, queryset):
        count = relink_articles()
        self.message_user(request, f"Re-linked {count} articles.", messages.SUCCESS)
