"""Names the linker could not match: editors accept them as people or dismiss them."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.db.models import Count

from articles.models import Article, Person, PersonCandidate
from articles.services.candidates import candidate_accept, candidate_dismiss, candidate_merge

from .base import ArchiveAdmin, job_queued_message, relink_articles


class CandidateActionForm(ActionForm):
    """The action bar, with the person a candidate is merged into."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.order_by("name"), required=False, label="Merge into"
    )


@admin.register(PersonCandidate)
class PersonCandidateAdmin(ArchiveAdmin):
    list_display = (
        "name",
        "role",
        "context",
        "status",
        "article_count",
        "person",
        "reviewed_by",
        "reviewed_at",
    )
    list_filter = ("status",)
    list_select_related = ("person", "reviewed_by")
    search_fields = ("name", "key", "context", "role")
    action_form = CandidateActionForm
    fields = (
        "name",
        "key",
        "role",
        "context",
        "articles",
        "status",
        "person",
        "reviewed_by",
        "reviewed_at",
    )
    readonly_fields = fields  # Reviews happen through the actions, which record who and when.
    actions = ["accept", "merge", "dismiss"]

    def get_queryset(self, request):
        # A count groups rows, and grouped queries drop Meta.ordering: restore it.
        rows = super().get_queryset(request).annotate(article_count=Count("articles"))
        return rows.order_by(*self.model._meta.ordering)

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    def has_accept_permission(self, request) -> bool:
        return request.user.has_perm("articles.change_personcandidate") and request.user.has_perm(
            "articles.add_person"
        )

    @admin.action(description="Create person from candidate", permissions=["accept"])
    def accept(self, request, queryset):
        people = [candidate_accept(candidate=c, user=request.user) for c in queryset]
        articles = Article.objects.filter(person_candidates__in=queryset).distinct()
        if articles.exists():
            job = relink_articles(articles=articles, user=request.user)
            job_queued_message(self, request, job, "Re-linking their articles")
        names = ", ".join(p.name for p in people)
        self.message_user(
            request, f"Created or kept {len(people)} people: {names}.", messages.SUCCESS
        )

    def has_merge_permission(self, request) -> bool:
        return request.user.has_perm("articles.change_personcandidate") and request.user.has_perm(
            "articles.add_personname"
        )

    @admin.action(description="Merge into the person chosen above", permissions=["merge"])
    def merge(self, request, queryset):
        try:
            person = CandidateActionForm.base_fields["person"].clean(request.POST.get("person"))
        except ValidationError:
            person = None
        if person is None:
            self.message_user(request, "Choose the person to merge into.", messages.ERROR)
            return
        for candidate in queryset:
            candidate_merge(candidate=candidate, person=person, user=request.user)
        articles = Article.objects.filter(person_candidates__in=queryset).distinct()
        if articles.exists():
            job = relink_articles(articles=articles, user=request.user)
            job_queued_message(self, request, job, "Re-linking their articles")
        self.message_user(
            request, f"Merged {len(queryset)} candidates into {person.name}.", messages.SUCCESS
        )

    @admin.action(description="Dismiss", permissions=["change"])
    def dismiss(self, request, queryset):
        for candidate in queryset:
            candidate_dismiss(candidate=candidate, user=request.user)
        self.message_user(request, f"Dismissed {len(queryset)} candidates.", messages.SUCCESS)
