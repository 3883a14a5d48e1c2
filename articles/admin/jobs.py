"""Background jobs: read-only, written only by the tasks that run them."""

from django.contrib import admin

from articles.models import Job, JobFileResult

from .base import DerivedAdmin


class JobFileResultInline(admin.TabularInline):
    model = JobFileResult
    fields = ("position", "name", "status", "slug", "reason", "record")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(DerivedAdmin):
    list_display = ("pk", "kind", "status", "started_by", "created_at", "done", "total", "summary")
    list_filter = ("kind", "status")
    list_select_related = ("started_by",)
    search_fields = ("summary", "collection", "started_by__username")
    inlines = [JobFileResultInline]

    @admin.display(description="progress page")
    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(JobFileResult)
class JobFileResultAdmin(DerivedAdmin):
    list_display = ("name", "status", "job", "slug", "reason")
    list_filter = ("status",)
    list_select_related = ("job",)
    search_fields = ("name", "slug", "reason")
