"""The editors' admin: every model, with provenance read-only and an audit trail.

Rules that keep editors' work safe from the loader:
- only ``EDITOR_OWNED_FIELDS`` of an article are editable, and a change to one
  is recorded in ``Article.edited_fields`` so the loader leaves it alone;
- name variants an editor adds or edits are ``origin=editor``; gazetteer
  variants cannot be deleted here, because the next load would restore them;
- candidate reviews (accept/dismiss) are never changed by the loader;
- mentions, quotes and facts are derived by the linker and are read-only.
Tag and link changes are logged against their article(s) through
``articles.services.editorial``, so an article's history shows them all.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse

from articles.forms import AdminTagChoiceForm, TagAddForm
from articles.models import (
    Article,
    ArticleTag,
    Country,
    CountryName,
    EditorialLink,
    Fact,
    Mention,
    Origin,
    Person,
    PersonCandidate,
    PersonName,
    Quote,
    QuoteCluster,
    Source,
    SourceAlias,
    Tag,
)
from articles.services.editorial import (
    article_record_edited_fields,
    article_tag_add,
    article_tag_remove,
    candidate_accept,
    candidate_dismiss,
    describe_link,
    editorial_link_record,
    record_change,
    tag_deletion_record,
    tag_find,
)
from articles.services.outlets import source_record_edited_fields

RELINK_NOTE = (
    "New or changed name variants take effect when articles are re-linked: use the action "
    "“Re-link all articles” on the list page, or run “python manage.py relink”."
)


def relink_articles(articles=None) -> int:
    """Re-link the given articles (all when None) so name changes reach them."""
    # Imported here: the text pipeline loads only when someone asks for a re-link.
    from articles.services.linking import relink_all

    return relink_all(articles=articles)


class ArchiveAdmin(admin.ModelAdmin):
    """Shared behaviour: a page size, and prefetching of what ``list_display`` shows."""

    list_per_page = 50
    list_prefetch: tuple[str, ...] = ()
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.prefetch_related(*self.list_prefetch) if self.list_prefetch else queryset


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


# --- Names: people and countries ---------------------------------------------------


class NameVariantFormSet(BaseInlineFormSet):
    """Saves variants as the editor's, and refuses to delete gazetteer variants."""

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.origin == Origin.GAZETTEER:
                raise ValidationError(
                    f"“{form.instance.name}” comes from the gazetteer and the next load would "
                    "restore it: remove it from the gazetteer file instead."
                )

    def save_new(self, form, commit=True):
        form.instance.origin = Origin.EDITOR
        return super().save_new(form, commit=commit)

    def save_existing(self, form, obj, commit=True):
        obj.origin = Origin.EDITOR  # The edited spelling is the editor's now.
        return super().save_existing(form, obj, commit=commit)


class NameVariantAdmin(ArchiveAdmin):
    """Stand-alone admin for variants: same rules as the inlines."""

    readonly_fields = ("origin",)
    list_filter = ("origin",)

    def save_model(self, request, obj, form, change):
        obj.origin = Origin.EDITOR
        super().save_model(request, obj, form, change)

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
class CountryAdmin(RelinkActionMixin, ArchiveAdmin):
    list_display = ("code", "name", "official_name", "name_count")
    search_fields = ("code", "name", "official_name", "names__name")
    fieldsets = (
        (None, {"fields": ("code", "name", "official_name", "slug"), "description": RELINK_NOTE}),
    )
    inlines = (CountryNameInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(name_count=Count("names"))

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


@admin.register(Person)
class PersonAdmin(RelinkActionMixin, ArchiveAdmin):
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
                "fields": ("name", "slug", "role", "country", "description", "origin"),
                "description": RELINK_NOTE,
            },
        ),
    )
    inlines = (PersonNameInline,)

    @admin.display(description="variants")
    def variant_list(self, obj):
        return ", ".join(n.name for n in obj.names.all())


@admin.register(PersonName)
class PersonNameAdmin(NameVariantAdmin):
    list_display = ("name", "person", "origin")
    list_select_related = ("person",)
    search_fields = ("name", "person__name")
    autocomplete_fields = ("person",)


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    fields = ("name", "origin")
    readonly_fields = ("origin",)
    extra = 1


@admin.register(Source)
class SourceAdmin(ArchiveAdmin):
    """Outlets: what the data file says, corrected by editors; a correction is kept on sync."""

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

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    def save_model(self, request, obj, form, change):
        source_record_edited_fields(source=obj, changed=form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for alias_form in formset.forms:
            if alias_form.has_changed():
                alias_form.instance.origin = Source.Origin.EDITOR  # the sync never removes it
        super().save_formset(request, form, formset, change)


@admin.register(SourceAlias)
class SourceAliasAdmin(ArchiveAdmin):
    list_display = ("name", "source", "origin")
    list_filter = ("origin",)
    list_select_related = ("source",)
    search_fields = ("name", "source__name")
    autocomplete_fields = ("source",)
    readonly_fields = ("origin",)

    def save_model(self, request, obj, form, change):
        obj.origin = Source.Origin.EDITOR
        super().save_model(request, obj, form, change)


# --- Person candidates ------------------------------------------------------------


@admin.register(PersonCandidate)
class PersonCandidateAdmin(ArchiveAdmin):
    list_display = ("name", "status", "article_count", "person", "reviewed_by", "reviewed_at")
    list_filter = ("status",)
    list_select_related = ("person", "reviewed_by")
    search_fields = ("name", "key", "context")
    fields = (
        "name",
        "key",
        "context",
        "articles",
        "status",
        "person",
        "reviewed_by",
        "reviewed_at",
    )
    readonly_fields = fields  # Reviews happen through the actions, which record who and when.
    actions = ["accept", "dismiss"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

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
            relink_articles(articles=articles)
        names = ", ".join(p.name for p in people)
        self.message_user(
            request, f"Created or kept {len(people)} people: {names}.", messages.SUCCESS
        )

    @admin.action(description="Dismiss", permissions=["change"])
    def dismiss(self, request, queryset):
        for candidate in queryset:
            candidate_dismiss(candidate=candidate, user=request.user)
        self.message_user(request, f"Dismissed {len(queryset)} candidates.", messages.SUCCESS)


# --- Articles, tags and editorial links -------------------------------------------


class ArticleTagInline(admin.TabularInline):
    model = ArticleTag
    fields = ("tag", "added_by", "added_at")
    readonly_fields = ("added_by", "added_at")
    autocomplete_fields = ("tag",)
    extra = 1


class EditorialLinkFormSet(BaseInlineFormSet):
    """Refuses a link from the article to itself.

    Django leaves the inline's own foreign key out of model validation, so the
    database constraint alone would turn this into a server error.
    """

    def clean(self):
        super().clean()
        for form in self.forms:
            if self._should_delete_form(form) or not form.has_changed():
                continue
            if form.cleaned_data.get("to_article") == self.instance:
                form.add_error("to_article", "An article cannot be linked to itself.")


class EditorialLinkInline(admin.TabularInline):
    model = EditorialLink
    formset = EditorialLinkFormSet
    fk_name = "from_article"
    verbose_name = "editorial link from this article"
    verbose_name_plural = "editorial links from this article"
    fields = ("relation", "to_article", "note", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")
    autocomplete_fields = ("to_article",)
    extra = 0


class IncomingLinkInline(admin.TabularInline):
    """Links other articles make to this one: shown for context, edited from their side."""

    model = EditorialLink
    fk_name = "to_article"
    verbose_name = "editorial link to this article"
    verbose_name_plural = "editorial links to this article"
    fields = ("from_article", "relation", "note", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(RelinkActionMixin, ArchiveAdmin):
    list_display = ("title", "source", "published", "language", "tag_list", "edited", "updated_at")
    list_filter = (
        ("source", admin.RelatedOnlyFieldListFilter),
        "language",
        "title_derived",
        ("tags", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("source",)
    list_prefetch = ("tags",)
    date_hierarchy = "published"
    search_fields = ("title", "slug", "seed_file", "url")
    autocomplete_fields = ("source",)
    fieldsets = (
        (
            "Editorial metadata",
            {
                "fields": ("title", "source", "published", "url", "language"),
                "description": "A field you change here is kept: the loader no longer updates it.",
            },
        ),
        (
            "From the document",
            {
                "fields": ("slug", "title_derived", "authors", "dek", "body", "notes"),
                "description": "Set by the loader from the seed file and catalog on every load.",
                "classes": ("collapse",),
            },
        ),
        (
            "Provenance",
            {
                "fields": (
                    "seed_file",
                    "content_hash",
                    "encoding",
                    "edited_fields",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )
    readonly_fields = (
        "slug",
        "title_derived",
        "authors",
        "dek",
        "body",
        "notes",
        "seed_file",
        "content_hash",
        "encoding",
        "edited_fields",
        "created_at",
        "updated_at",
    )
    inlines = (ArticleTagInline, EditorialLinkInline, IncomingLinkInline)
    actions = ["add_tag", "remove_tag", "relink_selected"]

    @admin.display(description="tags")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    @admin.display(description="edited", boolean=True)
    def edited(self, obj):
        return bool(obj.edited_fields)

    def has_add_permission(self, request):
        return False  # Articles come from seed files through the loader.

    def save_model(self, request, obj, form, change):
        if change:
            article_record_edited_fields(article=obj, changed=form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if obj.pk is None and isinstance(obj, ArticleTag):
                obj.added_by = request.user
            if obj.pk is None and isinstance(obj, EditorialLink):
                obj.created_by = request.user
            obj.save()
        formset.save_m2m()

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's message, with tags and links named readably instead of by ids."""
        message = super().construct_change_message(request, form, formsets, add)
        article = form.instance
        labels = [
            obj.tag.name if isinstance(obj, ArticleTag) else describe_link(obj, article)
            for formset in formsets
            for obj in (
                *formset.new_objects,
                *(changed for changed, _ in formset.changed_objects),
                *formset.deleted_objects,
            )
        ]
        entries = [detail for entry in message for detail in entry.values() if "object" in detail]
        for detail, label in zip(entries, labels, strict=True):
            detail["object"] = label
        return message

    # Bulk tagging from the list page, through an intermediate form.

    def has_tag_permission(self, request) -> bool:
        return request.user.has_perm("articles.add_articletag")

    def has_untag_permission(self, request) -> bool:
        return request.user.has_perm("articles.delete_articletag")

    @admin.action(description="Add tag…", permissions=["tag"])
    def add_tag(self, request, queryset):
        form = TagAddForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            name = form.cleaned_data["tag"]
            if tag_find(name) is None and not request.user.has_perm("articles.add_tag"):
                self.message_user(request, "You may only use existing tags.", messages.ERROR)
                return None
            for article in queryset:
                article_tag = article_tag_add(article=article, tag_name=name, user=request.user)
            self.message_user(
                request,
                f"Tagged {len(queryset)} articles “{article_tag.tag.name}”.",
                messages.SUCCESS,
            )
            return None
        return self._tag_action_page(request, queryset, form, "Add a tag to these articles")

    @admin.action(description="Remove tag…", permissions=["untag"])
    def remove_tag(self, request, queryset):
        form = AdminTagChoiceForm(request.POST if "apply" in request.POST else None)
        form.fields["tag"].queryset = Tag.objects.filter(
            article_tags__article__in=queryset
        ).distinct()
        if form.is_valid():
            tag = form.cleaned_data["tag"]
            removed = sum(
                article_tag_remove(article=article, tag=tag, user=request.user)
                for article in queryset
            )
            self.message_user(
                request, f"Removed “{tag.name}” from {removed} articles.", messages.SUCCESS
            )
            return None
        if not form.fields["tag"].queryset.exists():
            self.message_user(request, "The selected articles have no tags.", messages.WARNING)
            return None
        return self._tag_action_page(request, queryset, form, "Remove a tag from these articles")

    def _tag_action_page(self, request, queryset, form, title):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "tag_names": Tag.objects.values_list("name", flat=True),
        }
        return TemplateResponse(request, "admin/articles/article/tag_action.html", context)

    @admin.action(description="Re-link selected articles", permissions=["relink"])
    def relink_selected(self, request, queryset):
        count = relink_articles(articles=queryset.order_by("pk"))
        self.message_user(request, f"Re-linked {count} articles.", messages.SUCCESS)


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


# --- Derived data: read-only ------------------------------------------------------


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

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_count=Count("quotes"))

    @admin.display(description="quotes", ordering="quote_count")
    def quote_count(self, obj):
        return obj.quote_count


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
