"""Who may change what: every editorial action for every kind of visitor.

Each case asserts both the response and the database afterwards: a refused
request must leave the data exactly as it was.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from model_bakery import baker

from articles.models import (
    Article,
    ArticleTag,
    EditorialLink,
    Job,
    Person,
    PersonCandidate,
    Tag,
)

ROLES = ["anonymous", "reader", "staff_without_group", "editor", "superuser"]
ALLOWED = {"editor", "superuser"}


@pytest.fixture
def users(db) -> dict[str, User | None]:
    editor = baker.make(User, username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return {
        "anonymous": None,
        "reader": baker.make(User, username="reader"),
        "staff_without_group": baker.make(User, username="staff", is_staff=True),
        "editor": editor,
        "superuser": baker.make(User, username="root", is_staff=True, is_superuser=True),
    }


@dataclass
class World:
    article: Article
    other: Article
    tag: Tag
    link: EditorialLink
    candidate: PersonCandidate


@pytest.fixture
def world(db) -> World:
    article = baker.make(Article, slug="talks-in-astana", title="Talks in Astana")
    other = baker.make(Article, slug="talks-in-tashkent", title="Talks in Tashkent")
    tag = baker.make(Tag, name="Energy", slug="energy")
    baker.make(ArticleTag, article=article, tag=tag)
    link = baker.make(
        EditorialLink, from_article=article, to_article=other, relation="same_event", note=""
    )
    candidate = baker.make(PersonCandidate, name="Ivan Petrov", key="ivan petrov")
    return World(article, other, tag, link, candidate)


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


def assert_sent_to_login(response, login_path: str) -> None:
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == login_path


def snapshot() -> dict:
    return {
        "tags": sorted(ArticleTag.objects.values_list("article_id", "tag_id")),
        "tag_names": sorted(Tag.objects.values_list("name", flat=True)),
        "links": sorted(EditorialLink.objects.values_list("from_article_id", "to_article_id")),
        "titles": sorted(Article.objects.values_list("title", flat=True)),
        "people": Person.objects.count(),
        "candidates": sorted(PersonCandidate.objects.values_list("status", flat=True)),
    }


def check_site_refusal(role: str, response, before: dict, next_path: str) -> None:
    """Refused on the site: anonymous to the login page, signed-in users 403; nothing changed."""
    if role == "anonymous":
        assert_sent_to_login(response, reverse("login"))
        assert f"next={next_path}" in response["Location"]
    else:
        assert response.status_code == 403
    assert snapshot() == before


def check_admin_refusal(role: str, response, before: dict) -> None:
    """Refused in the admin: non-staff to the admin login, staff without permission 403."""
    if role in {"anonymous", "reader"}:
        assert_sent_to_login(response, reverse("admin:login"))
    else:
        assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_add_tag(client, users, world, role):
    before = snapshot()
    response = client_for(client, users[role]).post(
        reverse("articles:article-tags", args=[world.article.slug]),
        {"action": "add", "tag": "Sanctions"},
    )
    if role in ALLOWED:
        assert response.status_code == 302
        assert response["Location"] == f"/articles/{world.article.slug}/#editorial"
        assert world.article.tags.filter(name="Sanctions").exists()
        assert ArticleTag.objects.get(tag__name="Sanctions").added_by == users[role]
    else:
        check_site_refusal(role, response, before, world.article.get_absolute_url())


@pytest.mark.parametrize("role", ROLES)
def test_remove_tag(client, users, world, role):
    before = snapshot()
    response = client_for(client, users[role]).post(
        reverse("articles:article-tags", args=[world.article.slug]),
        {"action": "remove", "tag": world.tag.slug},
    )
    if role in ALLOWED:
        assert response.status_code == 302
        assert not world.article.tags.exists()
        assert Tag.objects.filter(pk=world.tag.pk).exists()  # only the tagging goes
    else:
        check_site_refusal(role, response, before, world.article.get_absolute_url())


@pytest.mark.parametrize("role", ROLES)
def test_add_link(client, users, world, role):
    before = snapshot()
    response = client_for(client, users[role]).post(
        reverse("articles:article-links", args=[world.article.slug]),
        {"action": "create", "to_article": world.other.slug, "relation": "follow_up", "note": ""},
    )
    if role in ALLOWED:
        assert response.status_code == 302
        link = EditorialLink.objects.get(relation="follow_up")
        assert (link.from_article, link.to_article, link.created_by) == (
            world.article,
            world.other,
            users[role],
        )
    else:
        check_site_refusal(role, response, before, world.article.get_absolute_url())


@pytest.mark.parametrize("role", ROLES)
def test_delete_link(client, users, world, role):
    before = snapshot()
    response = client_for(client, users[role]).post(
        reverse("articles:article-links", args=[world.article.slug]),
        {"action": "delete", "link": world.link.pk},
    )
    if role in ALLOWED:
        assert response.status_code == 302
        assert not EditorialLink.objects.exists()
    else:
        check_site_refusal(role, response, before, world.article.get_absolute_url())


@pytest.mark.parametrize("role", ROLES)
def test_history_view(client, users, world, role):
    before = snapshot()
    response = client_for(client, users[role]).get(
        reverse("articles:article-history", args=[world.article.slug])
    )
    if role in ALLOWED:
        assert response.status_code == 200
        assert response.context["article"] == world.article
    else:
        check_site_refusal(role, response, before, f"/articles/{world.article.slug}/history/")


@pytest.mark.parametrize("role", ROLES)
def test_admin_article_change(client, users, world, role):
    before = snapshot()
    article = world.article
    response = client_for(client, users[role]).post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            "title": "Talks in Astana (corrected)",
            "source": "",
            "published": "",
            "url": "",
            "language": "en",
            "article_tags-TOTAL_FORMS": "0",
            "article_tags-INITIAL_FORMS": "0",
            "links_out-TOTAL_FORMS": "0",
            "links_out-INITIAL_FORMS": "0",
            "links_in-TOTAL_FORMS": "0",
            "links_in-INITIAL_FORMS": "0",
        },
    )
    if role in ALLOWED:
        assert response.status_code == 302, response.context and response.context.get("errors")
        article.refresh_from_db()
        assert article.title == "Talks in Astana (corrected)"
        assert "title" in article.edited_fields
    else:
        check_admin_refusal(role, response, before)


@pytest.mark.parametrize("role", ROLES)
def test_admin_candidate_accept(client, users, world, role, monkeypatch):
    # The re-link that follows is the linker's business, tested with it.
    monkeypatch.setattr(
        "articles.admin.candidates.relink_articles", lambda articles=None, user=None: Job(pk=1)
    )
    before = snapshot()
    response = client_for(client, users[role]).post(
        reverse("admin:articles_personcandidate_changelist"),
        {"action": "accept", "_selected_action": [world.candidate.pk], "index": 0},
    )
    world.candidate.refresh_from_db()
    if role in ALLOWED:
        assert response.status_code == 302
        assert world.candidate.status == PersonCandidate.Status.ACCEPTED
        assert world.candidate.reviewed_by == users[role]
        assert world.candidate.person.name == "Ivan Petrov"
    elif role == "staff_without_group":
        # Staff without the permission do not get the action at all: the list refuses.
        assert response.status_code == 403
        assert snapshot() == before
    else:
        check_admin_refusal(role, response, before)


@pytest.mark.parametrize("role", ROLES)
def test_admin_tag_create(client, users, world, role):
    before = snapshot()
    response = client_for(client, users[role]).post(
        reverse("admin:articles_tag_add"), {"name": "Sanctions", "slug": "sanctions"}
    )
    if role in ALLOWED:
        assert response.status_code == 302
        assert Tag.objects.get(slug="sanctions").created_by == users[role]
    else:
        check_admin_refusal(role, response, before)


@pytest.mark.parametrize("role", ROLES)
def test_admin_link_delete(client, users, world, role):
    before = snapshot()
    response = client_for(client, users[role]).post(
        reverse("admin:articles_editoriallink_delete", args=[world.link.pk]), {"post": "yes"}
    )
    if role in ALLOWED:
        assert response.status_code == 302
        assert not EditorialLink.objects.exists()
    else:
        check_admin_refusal(role, response, before)


@pytest.mark.parametrize("role", ROLES)
def test_admin_tag_inline(client, users, world, role):
    """Removing a tag in the article's inline needs the right to change the article."""
    before = snapshot()
    article_tag = ArticleTag.objects.get()
    response = client_for(client, users[role]).post(
        reverse("admin:articles_article_change", args=[world.article.pk]),
        {
            "title": world.article.title,
            "source": "",
            "published": "",
            "url": "",
            "language": "en",
            "article_tags-TOTAL_FORMS": "1",
            "article_tags-INITIAL_FORMS": "1",
            "article_tags-0-id": article_tag.pk,
            "article_tags-0-article": world.article.pk,
            "article_tags-0-tag": world.tag.pk,
            "article_tags-0-DELETE": "on",
            "links_out-TOTAL_FORMS": "0",
            "links_out-INITIAL_FORMS": "0",
            "links_in-TOTAL_FORMS": "0",
            "links_in-INITIAL_FORMS": "0",
        },
    )
    if role in ALLOWED:
        assert response.status_code == 302
        assert not world.article.tags.exists()
    else:
        check_admin_refusal(role, response, before)
