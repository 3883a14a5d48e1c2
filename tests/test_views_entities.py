"""People, countries, sources and tags pages, and the error pages."""

from __future__ import annotations

import pytest
from django.template import loader
from django.test import RequestFactory
from django.urls import reverse

from articles.models import ArticleTag
from articles.views.errors import server_error
from tests.factories import Archive, PersonFactory, build_archive


@pytest.fixture
def archive(db) -> Archive:
    return build_archive()


def names(rows) -> list[str]:
    return [row["name"] for row in rows]


# --- People ------------------------------------------------------------------------------


def test_person_list_shows_counts_role_and_country(client, archive):
    response = client.get(reverse("articles:person-list"))
    assert response.status_code == 200
    people = {p.slug: p for p in response.context["people"]}
    assert people["antony-blinken"].article_count == 3
    assert people["kassym-jomart-tokayev"].article_count == 1
    assert people["kanat-altynbayev"].article_count == 0
    assert response.context["people"][0].slug == "antony-blinken"  # most mentioned first
    content = response.content.decode()
    assert "US Secretary of State" in content
    assert 'href="/countries/us/">United States</a>' in content
    assert 'href="/articles/?person=antony-blinken">3</a>' in content


def test_person_list_filters_by_name_and_recorded_variants(client, archive):
    response = client.get(reverse("articles:person-list"), {"q": "tokay"})
    assert [p.slug for p in response.context["people"]] == ["kassym-jomart-tokayev"]
    response = client.get(reverse("articles:person-list"), {"q": "Anthony"})
    assert [p.slug for p in response.context["people"]] == ["antony-blinken"]
    response = client.get(reverse("articles:person-list"), {"q": "zzz"})
    assert "Nobody’s name matches." in response.content.decode()


@pytest.mark.parametrize("value", ["x" * 10_000, "%_"])
def test_person_list_survives_odd_names(client, archive, value):
    assert client.get(reverse("articles:person-list"), {"q": value}).status_code == 200


def test_person_list_paginates(client, db):
    PersonFactory.create_batch(55)
    response = client.get(reverse("articles:person-list"), {"page": "2"})
    assert response.context["page_obj"].number == 2
    assert len(response.context["people"]) == 5
    assert client.get(reverse("articles:person-list"), {"page": "x"}).status_code == 200


def test_person_detail_shows_role_variants_articles_and_co_mentions(client, archive):
    response = client.get(archive.tokayev.get_absolute_url())
    assert response.status_code == 200
    context = response.context
    assert context["person"] == archive.tokayev
    variants = {v["name"]: v for v in context["variants"]}
    assert variants["Kassym-Jomart Tokayev"]["mentions"] == 1
    assert variants["Tokayev thanked"]["mentions"] == 1
    assert [a.slug for a in context["articles"]] == ["blinken-meets-tokayev"]
    (article,) = context["articles"]
    assert [(c.before, c.match, c.after) for c in article.contexts] == [
        (
            "US Secretary of State Antony Blinken met Kazakh President ",
            "Kassym-Jomart Tokayev",
            " in Astana on Tuesday.",
        ),
        ("", "Tokayev thanked", " him."),
    ]
    assert names(context["co_people"]) == ["Antony Blinken"]
    assert [(r["slug"], r["articles"]) for r in context["co_countries"]] == [
        ("kz", 1),
        ("ru", 1),
        ("us", 1),
    ]
    content = response.content.decode()
    assert "President" in content and 'href="/countries/kz/">Kazakhstan</a>' in content
    assert '<strong class="context-match">Kassym-Jomart Tokayev</strong>' in content


def test_person_detail_lists_recorded_name_variants(client, archive):
    response = client.get(archive.blinken.get_absolute_url())
    variants = {v["name"]: v for v in response.context["variants"]}
    assert variants["Anthony Blinken"] == {
        "name": "Anthony Blinken",
        "mentions": 0,
        "recorded": "Recorded variant",
    }
    assert variants["Blinken"]["mentions"] == 5
    assert names(response.context["co_people"]) == ["Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"]


def test_person_detail_lists_articles_the_person_wrote(client, archive):
    response = client.get(archive.author.get_absolute_url())
    assert [a.slug for a in response.context["authored"]] == ["blinken-meets-tokayev"]
    assert "Articles by Kanat Altynbayev" in response.content.decode()
    assert "No article names them yet." in response.content.decode()


def test_person_detail_escapes_context_sentences(client, archive):
    response = client.get(archive.blinken.get_absolute_url())
    content = response.content.decode()
    assert "<script>alert" not in content


def test_unknown_person_is_404(client, archive):
    response = client.get(reverse("articles:person-detail", kwargs={"slug": "nobody"}))
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


# --- Countries ---------------------------------------------------------------------------


def test_country_list_shows_countries_in_use_unless_all(client, archive):
    response = client.get(reverse("articles:country-list"))
    codes = [c.code for c in response.context["countries"]]
    assert codes[0] == "KZ"  # named in the most articles
    assert "FR" not in codes and set(codes) == {"KZ", "RU", "US", "UZ"}
    response = client.get(reverse("articles:country-list"), {"all": "1"})
    assert "FR" in [c.code for c in response.context["countries"]]
    assert 'href="/articles/?country=kz">3</a>' in response.content.decode()


def test_country_list_filters_by_name_code_or_recorded_name(client, archive):
    url = reverse("articles:country-list")
    assert [c.code for c in client.get(url, {"q": "uzbek"}).context["countries"]] == ["UZ"]
    assert [c.code for c in client.get(url, {"q": "kazakh"}).context["countries"]] == ["KZ"]
    assert [c.code for c in client.get(url, {"q": "ru"}).context["countries"]] == ["RU"]


def test_country_detail_by_lower_case_code(client, archive):
    response = client.get(reverse("articles:country-detail", kwargs={"code": "kz"}))
    assert response.status_code == 200
    context = response.context
    assert context["country"] == archive.kz
    assert len(context["articles"]) == 3
    assert names(context["co_people"])[0] == "Antony Blinken"
    assert "Kazakhstan" not in names(context["co_countries"])
    variants = {v["name"]: v for v in context["variants"]}
    assert variants["Kazakh"]["recorded"] == "Demonym"
    assert variants["Kazakhstan"]["mentions"] == 5
    assert [p.slug for p in context["people"]] == ["kassym-jomart-tokayev"]
    assert context["sources"] == [archive.caravanserai]


def test_country_detail_upper_case_redirects_permanently(client, archive):
    response = client.get("/countries/KZ/")
    assert response.status_code == 301
    assert response["Location"] == "/countries/kz/"


@pytest.mark.parametrize("code", ["zz", "kaz", "ZZ"])
def test_unknown_country_is_404(client, archive, code):
    response = client.get(f"/countries/{code}/", follow=True)
    assert response.status_code == 404


# --- Sources -----------------------------------------------------------------------------


def test_source_list_counts_and_unattributed(client, archive):
    response = client.get(reverse("articles:source-list"))
    sources = {s.slug: s.article_count for s in response.context["sources"]}
    assert sources == {"asian-lite": 1, "caravanserai": 1}
    assert response.context["unattributed"] == 1
    assert 'href="/articles/?source=unattributed">Unattributed</a>' in response.content.decode()


def test_source_detail_lists_its_articles_and_who_it_names(client, archive):
    response = client.get(archive.caravanserai.get_absolute_url())
    assert response.status_code == 200
    assert [a.slug for a in response.context["articles"]] == ["blinken-meets-tokayev"]
    assert set(names(response.context["top_people"])) == {
        "Antony Blinken",
        "Kassym-Jomart Tokayev",
    }
    assert 'href="/countries/kz/">Kazakhstan</a>' in response.content.decode()


def test_unknown_source_is_404(client, archive):
    assert client.get(reverse("articles:source-detail", args=["nope"])).status_code == 404


# --- Tags --------------------------------------------------------------------------------


def test_tag_list_counts(client, archive):
    response = client.get(reverse("articles:tag-list"))
    assert {t.slug: t.article_count for t in response.context["tags"]} == {
        "c5-plus-1": 2,
        "diplomacy": 1,
    }


def test_tag_detail_lists_articles_newest_first(client, archive):
    response = client.get(archive.c5.get_absolute_url())
    assert [a.slug for a in response.context["articles"]] == [
        "blinken-meets-tokayev",
        "blinken-in-tashkent",
    ]
    assert not response.context["show_taggers"]
    assert "Tagged " not in response.content.decode()


def test_tag_detail_shows_who_tagged_when_to_staff(client, archive, django_user_model):
    staff = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    ArticleTag.objects.filter(tag=archive.c5).update(added_by=staff)
    client.force_login(staff)
    response = client.get(archive.c5.get_absolute_url())
    assert [a.tagged_by for a in response.context["articles"]] == ["ed", "ed"]
    assert "Tagged " in response.content.decode() and " by ed" in response.content.decode()


def test_unknown_tag_is_404(client, archive):
    assert client.get(reverse("articles:tag-detail", args=["nope"])).status_code == 404


# --- Error pages -------------------------------------------------------------------------


def test_404_page_uses_the_site_layout_and_escapes_the_path(client, db):
    response = client.get("/articles/%3Cb%3Ebold%3C/b%3E/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Not found" in content and 'role="search"' in content
    assert "<b>bold" not in content


def test_500_page_needs_no_request_context_or_database():
    # No db fixture: any query here would raise "Database access not allowed".
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong" in content and 'href="/"' in content
    # The template renders with no context at all.
    assert "Something went wrong" in loader.get_template("500.html").render()
