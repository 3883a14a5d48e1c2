"""Editorial forms: tagging and cross-linking articles, on the site and in the admin.

Also the permissions each editorial action needs and the editors' panel on the article
page, so the article view and the editorial views read them from one place.
"""

from django import forms

from articles.models import Article, EditorialLink, Tag
from articles.services.editorial import (
    LINK_NOTE_MAX_LENGTH,
    TAG_NAME_MAX_LENGTH,
    clean_tag_name,
    editorial_link_validate,
)

TAG_PERMISSIONS = {"add": "articles.add_articletag", "remove": "articles.delete_articletag"}
LINK_PERMISSIONS = {
    "create": "articles.add_editoriallink",
    "delete": "articles.delete_editoriallink",
}
EDITORIAL_PERMISSIONS = (*TAG_PERMISSIONS.values(), *LINK_PERMISSIONS.values())


def is_editor(user) -> bool:
    """Whether the user may make any editorial change on the article page."""
    return user.is_authenticated and any(user.has_perm(p) for p in EDITORIAL_PERMISSIONS)


class TagAddForm(forms.Form):
    """A tag by name: an existing one (any case) or a new one, created with a slug."""

    tag = forms.CharField(
        label="Tag",
        max_length=TAG_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"list": "editorial-tag-names", "autocomplete": "off"}),
    )

    def clean_tag(self) -> str:
        return clean_tag_name(self.cleaned_data["tag"])


class TagRemoveForm(forms.Form):
    """One of the article's tags, by slug."""

    tag = forms.ModelChoiceField(queryset=Tag.objects.none(), to_field_name="slug")

    def __init__(self, *args, article: Article, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].queryset = Tag.objects.filter(article_tags__article=article)


class AdminTagChoiceForm(forms.Form):
    """The admin's intermediate form for the bulk tag actions: which tag."""

    tag = forms.ModelChoiceField(queryset=Tag.objects.all(), empty_label=None)


class EditorialLinkForm(forms.Form):
    """A typed link from this article to another, chosen by slug."""

    to_article = forms.SlugField(
        label="Other article (slug)",
        max_length=Article._meta.get_field("slug").max_length,
        widget=forms.TextInput(attrs={"list": "editorial-article-slugs", "autocomplete": "off"}),
    )
    relation = forms.ChoiceField(choices=EditorialLink.Relation.choices)
    note = forms.CharField(
        required=False,
        max_length=LINK_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 28}),
    )

    def __init__(self, *args, article: Article, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)

    def clean_to_article(self) -> Article:
        slug = self.cleaned_data["to_article"]
        other = Article.objects.filter(slug=slug).first()
        if other is None:
            raise forms.ValidationError(f"There is no article “{slug}”.", code="not_found")
        if other.pk == self.article.pk:
            raise forms.ValidationError("An article cannot be linked to itself.", code="self_link")
        return other


class EditorialLinkDeleteForm(forms.Form):
    """One of the editorial links touching the article, from either side."""

    link = forms.ModelChoiceField(queryset=EditorialLink.objects.none())

    def __init__(self, *args, article: Article, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].queryset = EditorialLink.objects.filter(
            from_article=article
        ) | EditorialLink.objects.filter(to_article=article)


def editorial_panel(*, user, article: Article) -> dict:
    """Context for ``editorial/article_panel.html`` on the article page (empty for readers).

    Existing tag names and the other articles' slugs feed the forms' suggestions.
    """
    if not is_editor(user):
        return {}
    return {
        "editorial": {
            "tag_names": list(Tag.objects.values_list("name", flat=True)),
            "articles": list(
                Article.objects.exclude(pk=article.pk).order_by("title").values("slug", "title")
            ),
            "tag_form": TagAddForm(),
            "link_form": EditorialLinkForm(article=article),
        }
    }


class TagAdminForm(forms.ModelForm):
    """The admin's tag form: the same name rules as tagging on the site."""

    class Meta:
        model = Tag
        fields = ["name", "slug", "description"]

    def clean_name(self) -> str:
        return clean_tag_name(self.cleaned_data["name"])


class EditorialLinkAdminForm(forms.ModelForm):
    """The admin's link form, checked by the same rules as links made on the site."""

    class Meta:
        model = EditorialLink
        fields = ["from_article", "to_article", "relation", "note"]

    def clean(self):
        data = super().clean()
        from_article = data.get("from_article") or getattr(self.instance, "from_article", None)
        to_article, relation = data.get("to_article"), data.get("relation")
        if from_article is not None and to_article is not None and relation:
            try:
                editorial_link_validate(
                    from_article=from_article,
                    to_article=to_article,
                    relation=relation,
                    note=data.get("note", ""),
                    exclude=self.instance if self.instance.pk else None,
                )
            except forms.ValidationError as error:
                field = {"self_link": "to_article", "max_length": "note"}.get(error.code)
                self.add_error(field, error)
        return data

    def validate_unique(self):
        # The model's constraints (one link per pair and relation, no self-link, note
        # length) are exactly what clean() checked, in the site's words.
        pass
