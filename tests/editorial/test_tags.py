"""Tagging: the services, the site's forms and the tag page."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from model_bakery import baker

from articles.models import (
    ArticleTag,
    Tag,
)
from articles.services import editorial
from articles.services.editorial import (
    article_history,
    article_tag_add,
    article_tag_remove,
)
from tests.editorial import permissions


def test_tag_add_creates_the_tag_with_a_slug_and_records_who(article, editor):
    article_tag = article_tag_add(article=article, tag_name="  Human   rights ", user=editor)

    assert (article_tag.tag.name, article_tag.tag.slug) == ("Human rights", "human-rights")
    assert article_tag.tag.created_by == editor
    assert article_tag.added_by == editor
    assert list(article.tags.all()) == [article_tag.tag]


def test_tag_add_reuses_an_existing_tag_whatever_the_case(article, editor):
    tag = baker.make(Tag, name="Energy", slug="energy")

    article_tag_add(article=article, tag_name="energy", user=editor)
    again = article_tag_add(article=article, tag_name="ENERGY", user=editor)

    assert again.tag == tag
    assert Tag.objects.count() == 1
    assert ArticleTag.objects.count() == 1
    # Tagging twice records one change, not two.
    assert article_history(article).count() == 1


def test_tag_slugs_stay_unique_and_ascii(article, editor):
    baker.make(Tag, name="Energy policy", slug="energy")
    first = article_tag_add(article=article, tag_name="Energy!", user=editor).tag
    cyrillic = article_tag_add(article=article, tag_name="Санкции", user=editor).tag

    assert first.slug == "energy-2"
    assert cyrillic.slug == "tag"


@pytest.mark.parametrize(
    ("name", "message"),
    [("   ", "Enter a tag name."), ("x" * 101, "A tag name has at most 100 characters.")],
)
def test_tag_add_refuses_bad_names(article, editor, name, message):
    with pytest.raises(ValidationError) as error:
        article_tag_add(article=article, tag_name=name, user=editor)
    assert error.value.messages == [message]
    assert not Tag.objects.exists()


def test_tag_remove_keeps_the_tag_and_reports_whether_it_did_anything(article, editor):
    tag = article_tag_add(article=article, tag_name="Energy", user=editor).tag

    assert article_tag_remove(article=article, tag=tag, user=editor) is True
    assert article_tag_remove(article=article, tag=tag, user=editor) is False
    assert not article.tags.exists()
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_tag_added_on_the_site_shows_on_the_tag_page_at_once(client, article, editor):
    client.force_login(editor)
    response = client.post(
        reverse("articles:article-tags", args=[article.slug]),
        {"action": "add", "tag": "Water rights"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/articles/{article.slug}/#editorial"
    assert "Tagged “Water rights”." in [str(m) for m in response.context["panel_messages"]]

    tag_page = client.get(reverse("articles:tag-detail", args=["water-rights"]))

    assert tag_page.status_code == 200
    assert "Talks in Astana" in tag_page.content.decode()


def test_tagging_with_a_new_name_needs_permission_to_create_tags(client, article):
    user = baker.make(User, is_staff=True)
    user.user_permissions.add(*permissions("add_articletag", "view_article"))
    client.force_login(user)
    baker.make(Tag, name="Energy", slug="energy")
    url = reverse("articles:article-tags", args=[article.slug])

    assert client.post(url, {"action": "add", "tag": "New tag"}).status_code == 403
    assert client.post(url, {"action": "add", "tag": "energy"}).status_code == 302
    assert list(article.tags.values_list("name", flat=True)) == ["Energy"]


# --- One tag per name, whatever the case -----------------------------------------------


def test_the_database_refuses_a_second_tag_differing_only_in_case(db):
    baker.make(Tag, name="Energy", slug="energy")
    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(name="ENERGY", slug="energy-2")
    assert list(Tag.objects.values_list("name", flat=True)) == ["Energy"]


def test_a_tag_created_meanwhile_is_fetched_not_duplicated(article, editor, monkeypatch):
    """The race, replayed: the look-up misses a tag another editor has just committed."""
    tag = baker.make(Tag, name="Race 27", slug="race-27")
    real_find = editorial.tag_find
    calls = []

    def find_too_early(name):
        calls.append(name)
        return None if len(calls) == 1 else real_find(name)

    monkeypatch.setattr(editorial, "tag_find", find_too_early)

    article_tag = article_tag_add(article=article, tag_name="RACE 27", user=editor)

    assert article_tag.tag == tag
    assert len(calls) == 2  # looked, failed to insert, looked again
    assert Tag.objects.count() == 1
    assert [e.change_message for e in article_history(article)] == ["Added tag “Race 27”."]


def test_the_admin_refuses_a_tag_differing_only_in_case(client, editor):
    baker.make(Tag, name="Energy", slug="energy")
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_tag_add"), {"name": "energy", "slug": "energy-2"}
    )

    assert response.status_code == 200
    assert "A tag with this name already exists (tag names ignore case)." in (
        response.content.decode()
    )
    assert Tag.objects.count() == 1


# --- Length limits: a clear message, never a server error ------------------------------


def test_a_too_long_tag_name_on_the_site_is_a_message(client, article, editor):
    client.force_login(editor)
    response = client.post(
        reverse("articles:article-tags", args=[article.slug]),
        {"action": "add", "tag": "x" * 101},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["panel_messages"]] == [
        "Ensure this value has at most 100 characters (it has 101)."
    ]
    assert not Tag.objects.exists()


@pytest.mark.parametrize(
    "url_name", ["admin:articles_tag_add", "admin:articles_article_changelist"]
)
def test_a_too_long_tag_name_in_the_admin_is_a_form_error(client, article, editor, url_name):
    client.force_login(editor)
    if url_name == "admin:articles_tag_add":
        data = {"name": "x" * 101, "slug": "x"}
    else:  # the bulk "Add tag…" action
        data = {"action": "add_tag", "_selected_action": [article.pk], "apply": "1"}
        data["tag"] = "x" * 101

    response = client.post(reverse(url_name), data)

    assert response.status_code == 200
    assert "Ensure this value has at most 100 characters (it has 101)." in (
        response.content.decode()
    )
    assert not Tag.objects.exists()
