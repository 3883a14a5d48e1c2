"""The home page, the article list (filters, facets, sorting, search, paging) and one article."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import Article, Collection, EditorialLink, Mention, Person
from articles.search import MAX_QUERY_LENGTH
from tests.factories import Archive, ArticleFactory, build_archive, slugs

LIST = reverse("articles:list")


@pytest.fixture
def archive(db) -> Archive:
    return build_archive()


def facet(response, param: str) -> dict[str, tuple[int, bool]]:
    (found,) = [f for f in response.context["facets"] if f.param == param]
    return {option.value: (option.count, option.active) for option in found.options}


# --- Home --------------------------------------------------------------------------------


def test_home_shows_the_collection_at_a_glance(client, archive):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.articles == 3
    assert overview.unattributed == 1
    assert overview.sources == 2
    assert overview.people == 3
    assert overview.countries == 4
    assert overview.first_published == datetime.date(2023, 3, 1)
    assert overview.top_people[0]["slug"] == "antony-blinken"
    assert overview.top_countries[0]["articles"] == 3
    content = response.content.decode()
    # The collections come first (the page names no one trip of its own).
    collection = Collection.objects.get()
    assert response.context["collections"] == [collection]
    assert f'href="{collection.get_absolute_url()}">{collection.title}</a>' in content
    assert content.index('id="collections-title"') < content.index('id="totals-title"')
    assert 'href="/articles/?source=unattributed">Unattributed</a>' in content
    assert 'href="/articles/?source=caravanserai"' in content
    assert "C5+1" in content  # recent tags
    assert 'role="search"' in content and 'name="q"' in content


def test_home_empty_state_says_how_to_load(client, db):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert "python manage.py load_seeds" in response.content.decode()


def test_base_layout_has_navigation_search_and_login(client, db):
    content = client.get(reverse("articles:home")).content.decode()
    for name in ("list", "person-list", "country-list", "source-list", "tag-list"):
        assert f'href="{reverse(f"articles:{name}")}"' in content
    assert f'href="{reverse("articles:quote-list")}"' in content
    assert f'href="{reverse("articles:coverage-matrix")}"' in content
    assert f'href="{reverse("login")}">Editor login' in content
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in content


def test_base_layout_for_staff_shows_user_admin_and_logout_form(client, django_user_model, db):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(user)
    content = client.get(reverse("articles:home")).content.decode()
    assert "Signed in as <strong>editor</strong>" in content
    assert f'href="{reverse("admin:index")}">Admin</a>' in content
    assert f'action="{reverse("logout")}"' in content
    assert "csrfmiddlewaretoken" in content
    assert "Editor login" not in content


# --- The list ----------------------------------------------------------------------------


def test_list_shows_every_article_newest_first_with_unknown_dates_last(client, archive):
    response = client.get(LIST)
    assert response.status_code == 200
    assert slugs(response) == ["blinken-meets-tokayev", "blinken-in-tashkent", archive.unknown.slug]
    assert response.context["sort"] == "newest"
    content = response.content.decode()
    assert "Date unknown" in content and "Unattributed" in content


def test_undated_articles_sort_last_in_the_default_order_on_every_database(archive):
    # "Aaa" sorts first by title: only the date rule can put it after the dated articles.
    undated = ArticleFactory(title="Aaa undated", published=None)
    expected = ["blinken-meets-tokayev", "blinken-in-tashkent", undated.slug, archive.unknown.slug]
    assert [article.slug for article in Article.objects.all()] == expected
    assert [article.slug for article in Article.objects.newest()] == expected
    pair = Article.objects.filter(pk__in=[undated.pk, archive.tashkent.pk]).newest()
    assert [article.slug for article in pair] == ["blinken-in-tashkent", undated.slug]


def test_filter_by_person_lists_articles_naming_them_with_facet_counts(client, archive):
    response = client.get(LIST, {"person": "kassym-jomart-tokayev"})
    assert slugs(response) == ["blinken-meets-tokayev"]
    assert facet(response, "person")["kassym-jomart-tokayev"] == (1, True)
    assert facet(response, "person")["antony-blinken"] == (1, False)
    assert 'Kassym-Jomart Tokayev <span class="count">(1)</span>' in response.content.decode()


def test_facets_count_within_the_current_result(client, archive):
    response = client.get(LIST)
    assert facet(response, "person") == {
        "antony-blinken": (3, False),
        "kassym-jomart-tokayev": (1, False),
        "shavkat-mirziyoyev": (1, False),
    }
    assert facet(response, "country")["kz"] == (3, False)
    assert facet(response, "country")["uz"] == (1, False)
    assert facet(response, "source") == {
        "asian-lite": (1, False),
        "caravanserai": (1, False),
        "unattributed": (1, False),
    }
    assert facet(response, "tag") == {"c5-plus-1": (2, False), "diplomacy": (1, False)}


def test_facet_links_keep_other_filters_and_drop_the_page(client, archive):
    response = client.get(LIST, {"country": "kz", "page": "1", "sort": "title"})
    content = response.content.decode()
    assert 'href="?country=kz&amp;sort=title&amp;person=kassym-jomart-tokayev"' in content
    # The active country links to its own removal.
    assert 'href="?sort=title" aria-current="true"' not in content
    assert 'aria-current="true" href="?sort=title"' in content


def test_combined_filters_are_a_shareable_url(client, archive):
    response = client.get(LIST, {"person": "kassym-jomart-tokayev", "country": "kz"})
    assert slugs(response) == ["blinken-meets-tokayev"]
    labels = [item.label for item in response.context["active_filters"]]
    assert labels == ["Kassym-Jomart Tokayev", "Kazakhstan"]


def test_country_filter_is_case_insensitive(client, archive):
    assert slugs(client.get(LIST, {"country": "UZ"})) == ["blinken-in-tashkent"]
    assert slugs(client.get(LIST, {"country": "uz"})) == ["blinken-in-tashkent"]


def test_source_filter_and_unattributed(client, archive):
    assert slugs(client.get(LIST, {"source": "asian-lite"})) == ["blinken-in-tashkent"]
    response = client.get(LIST, {"source": "unattributed"})
    assert slugs(response) == [archive.unknown.slug]
    assert facet(response, "source") == {"unattributed": (1, True)}


def test_tag_filter(client, archive):
    assert slugs(client.get(LIST, {"tag": "diplomacy"})) == ["blinken-meets-tokayev"]
    assert set(slugs(client.get(LIST, {"tag": "c5-plus-1"}))) == {
        "blinken-meets-tokayev",
        "blinken-in-tashkent",
    }


def test_date_range_filters(client, archive):
    response = client.get(LIST, {"published_after": "2023-03-02"})
    assert slugs(response) == ["blinken-meets-tokayev"]
    response = client.get(LIST, {"published_before": "2023-03-02"})
    assert slugs(response) == ["blinken-in-tashkent"]
    response = client.get(LIST, {"published_after": "2023-03-01", "published_before": "2023-03-03"})
    assert slugs(response) == ["blinken-meets-tokayev", "blinken-in-tashkent"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["blinken-meets-tokayev", "blinken-in-tashkent", "we-do-not-need-protection"]),
        ("oldest", ["blinken-in-tashkent", "blinken-meets-tokayev", "we-do-not-need-protection"]),
        ("title", ["blinken-in-tashkent", "blinken-meets-tokayev", "we-do-not-need-protection"]),
        ("mentions", ["blinken-meets-tokayev", "blinken-in-tashkent", "we-do-not-need-protection"]),
    ],
)
def test_sorts(client, archive, sort, expected):
    response = client.get(LIST, {"sort": sort})
    assert response.context["sort"] == sort
    assert slugs(response) == expected


def test_mentions_sort_counts_every_mention_even_when_filtered_by_person(client, archive):
    response = client.get(LIST, {"sort": "mentions", "person": "antony-blinken"})
    counts = {a.slug: a.mention_count for a in response.context["articles"]}
    assert counts["blinken-meets-tokayev"] == Mention.objects.filter(article=archive.astana).count()


def test_relevance_is_offered_and_default_only_with_a_query(client, archive):
    response = client.get(LIST, {"sort": "relevance"})
    assert response.context["sort"] == "newest"
    assert "relevance" not in [key for key, _ in response.context["sorts"]]
    response = client.get(LIST, {"q": "Tokayev"})
    assert response.context["sort"] == "relevance"
    assert "relevance" in [key for key, _ in response.context["sorts"]]


def test_pagination_keeps_filters_and_clamps_bad_pages(client, archive, settings):
    settings.ARCHIVE_PAGE_SIZE = 1
    response = client.get(LIST, {"country": "kz", "page": "2"})
    assert response.context["page_obj"].number == 2
    content = response.content.decode()
    assert 'href="?country=kz&amp;page=3"' in content
    assert 'rel="prev" href="?country=kz&amp;page=1"' in content
    for page, expected in [("999", 3), ("0", 1), ("-4", 1), ("abc", 1), ("", 1), ("2.5", 1)]:
        response = client.get(LIST, {"country": "kz", "page": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == expected, page


# --- Robustness --------------------------------------------------------------------------


def test_unknown_filter_values_show_errors_and_keep_the_rest(client, archive):
    response = client.get(LIST, {"person": "nobody-at-all", "country": "kz"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "No person matches “nobody-at-all”." in content
    assert 'role="alert"' in content
    assert len(slugs(response)) == 3  # the valid country filter still applies


def test_malformed_dates_and_sorts_are_form_errors(client, archive):
    response = client.get(LIST, {"published_after": "2023-02-30", "sort": "pk; drop table"})
    assert response.status_code == 200
    errors = response.context["filterset"].form.errors
    assert "published_after" in errors and "sort" in errors
    assert response.context["sort"] == "newest"
    assert "Enter a valid date." in response.content.decode()


def test_inverted_date_range_is_explained(client, archive):
    response = client.get(LIST, {"published_after": "2023-04-01", "published_before": "2023-01-01"})
    assert response.status_code == 200
    assert "is later than" in response.content.decode()
    assert slugs(response) == []


def test_empty_result_says_so_and_offers_to_clear(client, archive):
    response = client.get(LIST, {"person": "shavkat-mirziyoyev", "tag": "diplomacy"})
    content = response.content.decode()
    assert slugs(response) == []
    assert "No articles match these filters." in content
    assert f'href="{LIST}">Clear all filters' in content


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"country": "k" * 500},
        {"source": "a" * 10_000},
        {"tag": "'; select 1; --"},
        {"published_before": "99999-01-01"},
        {"page": "9" * 400},
        {"sort": "-published"},
        {"q": '"unclosed phrase or -'},
        {"q": "NEAR(a b) OR * ^ :"},
    ],
)
def test_hostile_parameters_never_fail(client, archive, params):
    response = client.get(LIST, params)
    assert response.status_code == 200


def test_very_long_query_is_truncated_with_a_note(client, archive):
    response = client.get(LIST, {"q": "Tokayev " * 1_250})  # 10,000 characters
    assert response.status_code == 200
    assert len(response.context["query"]) == MAX_QUERY_LENGTH
    assert f"only the first {MAX_QUERY_LENGTH} were used" in response.content.decode()
    assert slugs(response) == ["blinken-meets-tokayev"]


# --- One article -------------------------------------------------------------------------


def test_detail_context_and_metadata(client, archive):
    response = client.get(archive.astana.get_absolute_url())
    assert response.status_code == 200
    context = response.context
    assert context["article"] == archive.astana
    assert [(t.entity.slug, t.count) for t in context["people"]] == [
        ("antony-blinken", 2),  # ties in name order
        ("kassym-jomart-tokayev", 2),
    ]
    assert ("kz", 2) in [(t.entity.slug, t.count) for t in context["countries"]]
    assert [tag.slug for tag in context["tags"]] == ["c5-plus-1", "diplomacy"]
    assert len(context["paragraphs"]) == 3
    assert [q.cluster for q in context["quotes"]] == [archive.cluster]
    content = response.content.decode()
    assert (
        '<bdi class="outlet"><a href="/sources/caravanserai/">Caravanserai · Kazakhstan</a></bdi>'
        in content
    )
    assert 'href="/people/kanat-altynbayev/">Kanat Altynbayev</a>' in content
    assert "3 March 2023" in content and "English" in content
    assert 'href="https://example.org/astana"' in content


def test_detail_links_each_mention_to_its_page(client, archive):
    content = client.get(archive.astana.get_absolute_url()).content.decode()
    assert (
        '<a class="mention mention--person" href="/people/kassym-jomart-tokayev/" '
        'title="Kassym-Jomart Tokayev">Kassym-Jomart Tokayev</a>'
    ) in content
    assert 'href="/countries/kz/" title="Kazakhstan">Kazakhstan</a>' in content
    assert "Astana on Tuesday. " in content  # unlinked text stays as it was


def test_detail_highlights_quotes_with_speaker_and_cluster_link(client, archive):
    content = client.get(archive.astana.get_absolute_url()).content.decode()
    assert '<mark class="quote" title="Quoted: Antony Blinken">' in content
    assert f'href="{archive.cluster.get_absolute_url()}">reported in 2 articles</a>' in content


def test_detail_shows_unknowns_as_unknown(client, archive):
    response = client.get(archive.unknown.get_absolute_url())
    content = response.content.decode()
    assert "Derived title" in content
    assert "Unattributed" in content
    assert "Date unknown" in content
    assert "Original URL unknown" in content
    assert "Russian" in content


def test_detail_escapes_markup_in_the_body(client, archive):
    content = client.get(archive.unknown.get_absolute_url()).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content


def test_detail_editorial_links_are_worded_from_each_side(client, archive):
    astana = client.get(archive.astana.get_absolute_url()).context["editorial_links"]
    tashkent = client.get(archive.tashkent.get_absolute_url()).context["editorial_links"]
    assert [(i["wording"], i["other"], i["note"]) for i in astana] == [
        ("Followed up by", archive.tashkent, "Same trip, next day.")
    ]
    assert [(i["wording"], i["other"]) for i in tashkent] == [("Follow-up to", archive.astana)]
    assert isinstance(astana[0]["link"], EditorialLink)


def test_detail_related_coverage_is_ranked_with_reasons_and_compare_links(client, archive):
    response = client.get(archive.astana.get_absolute_url())
    related = response.context["related"]
    assert [item.article for item in related] == [archive.tashkent, archive.unknown]
    assert related[0].reasons == "1 person, 2 countries, 1 quote, 1 figure, 1 tag in common"
    assert related[1].reasons == "1 person, 2 countries in common"
    compare = reverse("articles:compare")
    assert (
        f'href="{compare}?a=blinken-meets-tokayev&amp;b=blinken-in-tashkent">Compare with…</a>'
        in response.content.decode()
    )


def test_detail_unknown_slug_is_the_404_page(client, archive):
    response = client.get(reverse("articles:detail", kwargs={"slug": "no-such-article"}))
    assert response.status_code == 404
    assert "Not found" in response.content.decode()
    assert "<nav" in response.content.decode()


def test_detail_includes_the_editorial_panel_for_editors(client, archive, django_user_model):
    user = django_user_model.objects.create_user("tagger", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="add_articletag"))
    client.force_login(user)
    content = client.get(archive.astana.get_absolute_url()).content.decode()
    assert 'class="article-editorial"' in content


# --- The five real seeds (the ``seeded`` fixture runs load_seeds) --------------------------


def test_seeds_filter_by_tokayev_lists_the_articles_naming_him(client, seeded):
    tokayev = Person.objects.get(slug="kassym-jomart-tokayev")
    expected = set(Article.objects.mentioning_person(tokayev).values_list("slug", flat=True))
    response = client.get(LIST, {"person": "kassym-jomart-tokayev"})
    assert len(expected) >= 3 and set(slugs(response)) == expected
    person_page = client.get(tokayev.get_absolute_url())
    for article in person_page.context["articles"]:
        assert any("Tok" in context.match for context in article.contexts), article.slug


def test_seeds_every_page_renders(client, seeded):
    assert client.get(reverse("articles:home")).context["overview"].articles == 5
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "".join(p.text for p in response.context["paragraphs"]).strip()
    found = client.get(LIST, {"q": "sanctions"}).context["articles"]
    assert len(found) >= 3
    for article in found:
        marked = [text.lower() for text, highlighted in article.snippet if highlighted]
        assert marked and all(word.startswith("sanction") for word in marked), article.slug
    assert client.get(LIST, {"country": "kz"}).context["page_obj"].paginator.count >= 4
