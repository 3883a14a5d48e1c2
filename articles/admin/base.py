"""What the archive's admins share: page size, prefetching, re-linking, service writes."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import PAGE_VAR
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.html import format_html

from articles.selectors.paging import CountedAheadPaginator, counted_ahead, page_number

RELINK_NOTE = (
    "New or changed name variants take effect when articles are re-linked: use the action "
    "“Re-link all articles” on the list page, or run “python manage.py relink”."
)


def relink_articles(articles=None, *, user=None):
    """Queue a re-link of the given articles (all when None) so name changes reach them;
    returns the job, which a worker runs (never this request)."""
    # Imported here: the text pipeline loads only when someone asks for a re-link.
    from articles.models import Job
    from articles.services.jobs import job_create
    from articles.tasks import job_enqueue

    ids = None if articles is None else sorted(set(articles.values_list("pk", flat=True)))
    return job_enqueue(job_create(kind=Job.Kind.RELINK, user=user, article_ids=ids))


def recluster_quotes(*, user=None):
    """Queue a rebuild of the quote clusters; returns the job."""
    from articles.models import Job
    from articles.services.jobs import job_create
    from articles.tasks import job_enqueue

    return job_enqueue(job_create(kind=Job.Kind.RECLUSTER, user=user))


def may_relink(user) -> bool:
    """Re-linking applies name variants, so whoever may add them may ask for it."""
    return user.has_perm("articles.add_personname") or user.has_perm("articles.add_countryname")


def follow_job(admin_site_model, request, job, what: str) -> HttpResponseRedirect:
    """Tell the editor the job is queued, and take them to its progress page."""
    admin_site_model.message_user(
        request,
        format_html("{} queued as job {}; this page follows its progress.", what, job.pk),
        messages.SUCCESS,
    )
    return HttpResponseRedirect(job.get_absolute_url())


def job_queued_message(admin_site_model, request, job, what: str) -> None:
    """Say a job was queued, with a link to its progress page (the editor stays here)."""
    admin_site_model.message_user(
        request,
        format_html(
            '{} queued: <a href="{}">follow job {}</a>.', what, job.get_absolute_url(), job.pk
        ),
        messages.SUCCESS,
    )


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


class CountedAheadAdminPaginator(CountedAheadPaginator):
    """The changelist's paginator: its rows counted only up to ``COUNT_AHEAD`` past the page
    asked for (``?p=``), so a large table's list costs what a small one's does."""

    def __init__(self, object_list, per_page, *, start: int = 0, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.start = start

    @cached_property
    def count(self) -> int:
        found, self.capped = counted_ahead(self.object_list, self.start)
        return found


class CountedAheadAdminMixin:
    """A changelist counted so far ahead (``articles/article/pagination.html`` shows "1,000+")."""

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        start = (page_number(request.GET.get(PAGE_VAR)) - 1) * per_page
        return CountedAheadAdminPaginator(
            queryset,
            per_page,
            start=start,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
        )


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
        return may_relink(request.user)

    @admin.action(
        description="Re-link all articles (applies new name variants)", permissions=["relink"]
    )
    def relink_all_articles(self, request, queryset):
        job = relink_articles(user=request.user)
        return follow_job(self, request, job, "Re-linking every article")
