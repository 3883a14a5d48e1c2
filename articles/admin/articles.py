"""Articles: editor-owned metadata, their tags and links (inlines), bulk tagging."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import construct_change_message
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse

from articles.forms import AdminTagChoiceForm, TagAddForm
from articles.models import Article, ArticleTag, EditorialLink, Tag
from articles.selectors.articles import article_languages
from articles.services.editorial import (
    DUPLICATE_LINK_MESSAGE,
    article_editor_save,
    article_tag_add,
    article_tag_remove,
    editorial_link_create,
    editorial_link_delete,
    editorial_link_update,
    editorial_link_validate,
    tag_find,
)

from .base import (
    ArchiveAdmin,
    CountedAheadAdminMixin,
    RelinkActionMixin,
    follow_job,
    relink_articles,
)


class ArticleTagInline(admin.TabularInline):
    model = ArticleTag
    fields = ("tag", "added_by", "added_at")
    readonly_fields = ("added_by", "added_at")
    autocomplete_fields = ("tag",)
    extra = 1


class EditorialLinkFormSet(BaseInlineFormSet):
    """Checks each new or changed link by the editorial services' rules.

    Django leaves the inline's own foreign key out of model validation, so without
    this a self-link or a duplicate would only be caught by the database.
    """

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if self._should_delete_form(form) or not form.has_changed():
                continue
            data = getattr(form, "cleaned_data", {})
            to_article, relation = data.get("to_article"), data.get("relation")
            if to_article is None or not relation:
                continue
            try:
                editorial_link_validate(
                    from_article=self.instance,
                    to_article=to_article,
                    relation=relation,
                    note=data.get("note", ""),
                    exclude=form.instance if form.instance.pk else None,
                )
            except ValidationError as error:
                field = {"self_link": "to_article", "max_length": "note"}.get(error.code)
                form.add_error(field, error)
                continue
            if (to_article.pk, relation) in seen:
                form.add_error(None, DUPLICATE_LINK_MESSAGE)
            seen.add((to_article.pk, relation))


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


class LanguageFilter(admin.SimpleListFilter):
    """The languages articles are in, read from the language index one value at a time."""

    title = "language"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, code) for code in article_languages()]

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset


@admin.register(Article)
class ArticleAdmin(CountedAheadAdminMixin, RelinkActionMixin, ArchiveAdmin):
    list_display = ("title", "source", "published", "language", "tag_list", "edited", "updated_at")
    # Each filter's choices are read without visiting every article: all outlets and tags
    # (few, and pruned when they lose their last article), the languages by a skip over an
    # index, the dates as fixed ranges (a month-by-month hierarchy grouped every article).
    list_filter = (
        ("source", admin.RelatedFieldListFilter),
        LanguageFilter,
        "title_derived",
        ("tags", admin.RelatedFieldListFilter),
        ("published", admin.DateFieldListFilter),
    )
    list_select_related = ("source",)
    list_prefetch = ("tags",)
    # One count, of the rows filtered, and only so far ahead of the page (CountedAheadPaginator).
    show_full_result_count = False
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
            article_editor_save(article=obj, changed=form.changed_data)
        else:
            super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        """Inline tags and links go through the editorial services, as on the site."""
        if formset.model is ArticleTag:
            self._save_tags(request, form.instance, formset)
        elif formset.model is EditorialLink and formset.fk.name == "from_article":
            self._save_links(request, form.instance, formset)
        elif formset.model is not EditorialLink:  # incoming links are read-only here
            super().save_formset(request, form, formset, change)

    def _save_tags(self, request, article, formset):
        formset.save(commit=False)  # sorts the rows into new, changed and deleted
        touched = [obj.pk for obj in formset.deleted_objects] + [
            obj.pk for obj, _ in formset.changed_objects
        ]
        saved = ArticleTag.objects.select_related("tag").in_bulk(touched)
        for obj in formset.deleted_objects:
            article_tag_remove(article=article, tag=saved[obj.pk].tag, user=request.user)
        for obj, _ in formset.changed_objects:
            if obj.tag_id != saved[obj.pk].tag_id:
                article_tag_remove(article=article, tag=saved[obj.pk].tag, user=request.user)
                article_tag_add(article=article, tag=obj.tag, user=request.user)
        for obj in formset.new_objects:
            article_tag_add(article=article, tag=obj.tag, user=request.user)

    def _save_links(self, request, article, formset):
        formset.save(commit=False)
        touched = [obj.pk for obj in formset.deleted_objects] + [
            obj.pk for obj, _ in formset.changed_objects
        ]
        saved = EditorialLink.objects.select_related("from_article", "to_article").in_bulk(touched)
        for obj in formset.deleted_objects:
            editorial_link_delete(link=saved[obj.pk], user=request.user)
        for obj, _ in formset.changed_objects:
            editorial_link_update(
                link=saved[obj.pk],
                to_article=obj.to_article,
                relation=obj.relation,
                note=obj.note,
                user=request.user,
            )
        for obj in formset.new_objects:
            editorial_link_create(
                from_article=article,
                to_article=obj.to_article,
                relation=obj.relation,
                note=obj.note,
                user=request.user,
            )

    def construct_change_message(self, request, form, formsets, add=False):
        """The article's own fields only: the services logged the tag and link changes."""
        return construct_change_message(form, [], add)

    def log_change(self, request, obj, message):
        if not message:  # only tags or links changed, and those are logged already
            return None
        return super().log_change(request, obj, message)

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
        job = relink_articles(articles=queryset, user=request.user)
        return follow_job(self, request, job, f"Re-linking {len(job.article_ids)} articles")
