"""Filters for the article list: every state is a query string people can share.

Entities are looked up by slug or code, one query each, never listed in a ``<select>``; an
unknown value is a form error shown on the page, and the other filters still apply. Sorting
goes through a fixed table of orderings, so user input never reaches ``order_by``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django_filters.fields import ModelChoiceField

from articles.models import Article, Collection, Country, Person, Source, Tag
from articles.models.querysets import BY_TITLE, OLDEST_FIRST, people_in_query
from articles.search import MAX_QUERY_LENGTH, SEARCH_SCOPE, highlight_words

UNATTRIBUTED = "unattributed"
UNKNOWN = "unknown"  # ?source_kind=unknown, ?source_country=unknown: outlets not yet described
KIND_UNKNOWN = "Kind unknown"
COUNTRY_UNKNOWN = "Country unknown"

# Each sort is a function of the queryset; newest-first is the queryset's own definition.
SORTS = {
    "newest": ("Newest first", lambda articles: articles.newest()),
    "oldest": ("Oldest first", lambda articles: articles.order_by(*OLDEST_FIRST)),
    "title": ("Title A–Z", lambda articles: articles.order_by(*BY_TITLE)),
    "mentions": ("Most mentions", lambda articles: articles.most_mentioned()),
    "relevance": ("Best match", lambda articles: articles.newest(ranked_by="-search_rank")),
}


class LowercaseModelChoiceField(ModelChoiceField):
    """Looks the value up in lower case: ``?country=KZ`` means the same as ``?country=kz``."""

    def to_python(self, value):
        return super().to_python(value.lower() if isinstance(value, str) else value)


class LowercaseModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = LowercaseModelChoiceField


def _lookup_filter(
    model, label: str, noun: str, *, lowercase: bool = False, method="filter_entity", **kwargs
):
    filter_class = LowercaseModelChoiceFilter if lowercase else django_filters.ModelChoiceFilter
    return filter_class(
        queryset=model.objects.all(),
        to_field_name="slug",
        label=label,
        method=method,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": f"No {noun} matches “%(value)s”."},
        **kwargs,
    )


def _source_kind_filter():
    return django_filters.ChoiceFilter(
        label="Kind of outlet",
        choices=Source.Kind.choices,
        null_label=KIND_UNKNOWN,
        null_value=UNKNOWN,
        method="filter_outlet",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "“%(value)s” is not a kind of outlet."},
    )


def _source_country_filter():
    return _lookup_filter(
        Country,
        "Outlet based in",
        "country",
        lowercase=True,
        null_label=COUNTRY_UNKNOWN,
        null_value=UNKNOWN,
        method="filter_outlet",
    )


def _collection_filter():
    return _lookup_filter(Collection, "Collection", "collection", method="filter_collection")


@dataclass(frozen=True)
class ActiveFilter:
    param: str
    value: str
    label: str


class OutletFilterMixin:
    """The outlet filters' behaviour, shared by the article list and the cross-coverage pages."""

    @staticmethod
    def outlet_active(param: str, value) -> ActiveFilter | None:
        """The label of an outlet or collection filter in force (None for another parameter)."""
        if param == "collection":
            return ActiveFilter(param, value.slug, f"the collection “{value}”")
        if param == "source_kind":
            kind = "unknown kind" if value == UNKNOWN else f"kind “{Source.Kind(value).label}”"
            return ActiveFilter(param, value, f"outlets of {kind}")
        if param == "source_country":
            label = f"outlets based in {'an unknown country' if value == UNKNOWN else value}"
            return ActiveFilter(param, getattr(value, "slug", value), label)
        return None

    def refusals(self) -> list[tuple[str | None, str]]:
        """``(parameter, message)`` for each filter that could not be used (``None``: the
        combination as a whole)."""
        self.is_valid()
        return [
            (None if field == "__all__" else field, message)
            for field, messages in self.form.errors.items()
            for message in messages
        ]

    def filter_collection(self, queryset, name, value):
        return queryset.in_collection(value)

    def filter_outlet(self, queryset, name, value):
        if name == "source_kind":
            return queryset.from_outlet_kind("" if value == UNKNOWN else value)
        return queryset.from_outlet_country(None if value == UNKNOWN else value)


class OutletFilter(OutletFilterMixin, django_filters.FilterSet):
    """``?collection=``, ``?source_kind=`` and ``?source_country=`` on the cross-coverage
    pages (quotes, facts, coverage)."""

    collection = _collection_filter()
    source_kind = _source_kind_filter()
    source_country = _source_country_filter()

    class Meta:
        model = Article
        fields: list[str] = []

    @property
    def narrowed(self) -> bool:
        self.is_valid()
        return any(self.form.cleaned_data.get(name) for name in self.filters)

    def articles(self):
        """The articles in scope, or None when nothing narrows them (every article counts)."""
        return self.qs if self.narrowed else None

    @property
    def kind_choices(self) -> list[tuple[str, str]]:
        return [("", "Any kind"), *Source.Kind.choices, (UNKNOWN, KIND_UNKNOWN)]

    @property
    def chosen(self) -> dict[str, str]:
        """The values as given (for the form), whether or not they were valid."""
        return {name: self.data.get(name, "") for name in self.filters}

    def active_filters(self) -> list[ActiveFilter]:
        self.is_valid()
        values = ((name, self.form.cleaned_data.get(name)) for name in self.filters)
        return [self.outlet_active(name, value) for name, value in values if value]


class ArticleFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("published_after"), cleaned.get("published_before")
        if after and before and after > before:
            raise forms.ValidationError(
                "“Published after” is later than “Published before”, so nothing can match."
            )
        return cleaned


class ArticleFilter(OutletFilterMixin, django_filters.FilterSet):
    # At most this many matches of a search, those added most recently (None: every match).
    search_limit: int | None = None

    q = django_filters.CharFilter(
        label="Search", method="filter_search", widget=forms.TextInput(attrs={"type": "search"})
    )
    source = _lookup_filter(
        Source, "Source", "source", null_label="Unattributed", null_value=UNATTRIBUTED
    )
    collection = _collection_filter()
    source_kind = _source_kind_filter()
    source_country = _source_country_filter()
    person = _lookup_filter(Person, "Person", "person")
    country = _lookup_filter(Country, "Country", "country", lowercase=True)
    tag = _lookup_filter(Tag, "Tag", "tag")
    published_after = django_filters.DateFilter(
        field_name="published",
        lookup_expr="gte",
        label="Published on or after",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    published_before = django_filters.DateFilter(
        field_name="published",
        lookup_expr="lte",
        label="Published on or before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        method="filter_nothing",  # ordering is applied last, in filter_queryset
        empty_label=None,
        error_messages={"invalid_choice": "“%(value)s” is not a way to sort; showing the default."},
    )

    class Meta:
        model = Article
        fields: list[str] = []
        form = ArticleFilterForm

    # --- state --------------------------------------------------------------------------

    @property
    def query(self) -> str:
        """The search text as used: stripped and cut to the length search reads."""
        return self._cleaned("q", "")[:MAX_QUERY_LENGTH]

    @property
    def query_truncated(self) -> bool:
        return len(self._cleaned("q", "")) > MAX_QUERY_LENGTH

    @property
    def searching(self) -> bool:
        """Whether the query has a word to look for (``-word`` alone excludes, finds nothing)."""
        return bool(highlight_words(self.query))

    @cached_property
    def people_named(self) -> set[int]:
        """The people the search names (``people_in_query``), read once for the search and for
        the box offering their pages."""
        return people_in_query(self.query) if self.searching else set()

    @cached_property
    def search_keys(self) -> list[int] | None:
        """The keys of the matches the list keeps (``search_limit`` of them at most), read in
        one query; None without a search or without a limit (every match is then kept)."""
        if not self.searching or self.search_limit is None:
            return None
        return Article.objects.search_keys(
            self.query, limit=self.search_limit, people=self.people_named
        )

    @property
    def search_count(self) -> int | None:
        """How many articles the list holds when the search alone narrows it: the matches it
        keeps, known without a COUNT. None when another filter narrows the list too."""
        if self.search_keys is None:
            return None
        others = (name for name in self.filters if name not in ("q", "sort"))
        if any(self._cleaned(name, None) for name in others):
            return None
        return len(self.search_keys)

    @property
    def sort_key(self) -> str:
        """The requested sort if it applies, else relevance for a search and newest otherwise."""
        requested = self._cleaned("sort", "")
        if requested == "relevance" and not self.searching:
            requested = ""
        return requested or ("relevance" if self.searching else "newest")

    @property
    def is_filtered(self) -> bool:
        """Whether anything narrows the list or was refused (sorting does not narrow)."""
        narrowing = [name for name in self.filters if name != "sort"]
        return bool(self.form.errors) or any(self._cleaned(name, None) for name in narrowing)

    def active_filters(self) -> list[ActiveFilter]:
        """The entity filters in force, with the labels to show for them."""
        active = []
        params = ("collection", "source", "source_kind", "source_country", "person", "country")
        for param in (*params, "tag"):
            value = self._cleaned(param, None)
            outlet = self.outlet_active(param, value) if value is not None else None
            if outlet is not None:
                active.append(outlet)
            elif value == UNATTRIBUTED:
                active.append(ActiveFilter(param, UNATTRIBUTED, "Unattributed"))
            elif value is not None:
                active.append(ActiveFilter(param, value.slug, str(value)))
        return active

    def _cleaned(self, name: str, default):
        self.is_valid()
        return self.form.cleaned_data.get(name) or default

    # --- filtering ----------------------------------------------------------------------

    def filter_search(self, queryset, name, value):
        if not self.searching:
            return queryset.none()
        found = {"limit": self.search_limit, "people": self.people_named, "keys": self.search_keys}
        if self.sort_key == "relevance":
            # annotates search_rank for the ordering
            return queryset.search(self.query, **found)
        return queryset.filter(pk__in=Article.objects.search(self.query, **found).values("pk"))

    def filter_entity(self, queryset, name, value):
        if value == UNATTRIBUTED:
            return queryset.unattributed()
        if name == "source":
            return queryset.filter(source=value)
        method = {"person": "mentioning_person", "country": "mentioning_country", "tag": "tagged"}
        return getattr(queryset, method[name])(value)

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        order = SORTS[self.sort_key][1]
        return order(super().filter_queryset(queryset))


class NameFilterForm(forms.Form):
    """The name box on the people and countries lists."""

    q = forms.CharField(label="Name", required=False, max_length=MAX_QUERY_LENGTH)


class ArticleListFilter(ArticleFilter):
    """The article list's filters: a search ranks and pages its ``SEARCH_SCOPE`` matches added
    most recently, so a common word costs what a rare one does. Downloads keep every match."""

    search_limit = SEARCH_SCOPE
