"""The audit trail, the editing panel, editor-owned fields in the admin, and CSRF."""

import datetime as dt

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from model_bakery import baker

from articles.models import (
    Article,
    ArticleTag,
    EditorialLink,
    Person,
    Tag,
)
from articles.services.editorial import (
    article_history,
    article_tag_add,
    editorial_link_create,
    record_change,
)

# --- Audit trail ----------------------------------------------------------------------


def test_every_change_is_a_log_entry_with_who_and_when(article, editor):
    before = timezone.now()
    article_tag_add(article=article, tag_name="Energy", user=editor)

    tag_entry, article_entry = LogEntry.objects.order_by("pk")
    assert (tag_entry.action_flag, tag_entry.object_repr) == (ADDITION, "Energy")
    assert article_entry.action_flag == CHANGE
    assert article_entry.user == editor
    assert article_entry.action_time >= before
    assert article_entry.object_repr == "Talks in Astana"
    assert article_entry.get_change_message() == "Added tag “Energy”."
    assert article_entry.get_edited_object() == article


def test_record_change_accepts_any_object(editor):
    person = baker.make(Person, name="Antony Blinken", slug="antony-blinken")
    entry = record_change(user=editor, obj=person, message="Checked.", action=CHANGE)
    assert (entry.user, entry.object_id, entry.object_repr) == (
        editor,
        str(person.pk),
        "Antony Blinken",
    )


def test_history_collects_site_and_admin_changes_newest_first(client, article, other, editor):
    client.force_login(editor)
    client.post(
        reverse("articles:article-tags", args=[article.slug]), {"action": "add", "tag": "Energy"}
    )
    client.post(
        reverse("articles:article-links", args=[article.slug]),
        {"action": "create", "to_article": other.slug, "relation": "contradicts"},
    )
    editorial_link_create(
        from_article=other, to_article=article, relation="responds_to", note="", user=editor
    )

    response = client.get(reverse("articles:article-history", args=[article.slug]))

    assert response.status_code == 200
    messages = [e.get_change_message() for e in response.context["entries"]]
    assert messages == [
        "Added link: Responded to by “Talks in Tashkent” (tashkent-talks).",
        "Added link: Contradicts “Talks in Tashkent” (tashkent-talks).",
        "Added tag “Energy”.",
    ]
    content = response.content.decode()
    assert "Added tag “Energy”." in content
    assert "editor" in content


def test_unknown_action_is_a_bad_request(client, article, editor):
    client.force_login(editor)
    response = client.post(reverse("articles:article-tags", args=[article.slug]), {"action": "x"})
    assert response.status_code == 400


def test_editing_views_refuse_get(client, article, editor):
    client.force_login(editor)
    assert client.get(reverse("articles:article-tags", args=[article.slug])).status_code == 405
    assert client.get(reverse("articles:article-links", args=[article.slug])).status_code == 405


def test_panel_is_for_editors_only(client, article, editor):
    reader_page = client.get(article.get_absolute_url()).content.decode()
    client.force_login(editor)
    editor_page = client.get(article.get_absolute_url()).content.decode()

    assert 'id="editorial"' not in reader_page
    assert reverse("articles:article-tags", args=[article.slug]) not in reader_page
    assert 'id="editorial"' in editor_page
    assert reverse("articles:article-history", args=[article.slug]) in editor_page


# --- Admin: editor-owned fields -------------------------------------------------------


def _article_form(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "source": article.source_id or "",
        "published": article.published.isoformat() if article.published else "",
        "url": article.url,
        "language": article.language,
        "article_tags-TOTAL_FORMS": "0",
        "article_tags-INITIAL_FORMS": "0",
        "links_out-TOTAL_FORMS": "0",
        "links_out-INITIAL_FORMS": "0",
        "links_in-TOTAL_FORMS": "0",
        "links_in-INITIAL_FORMS": "0",
    }
    return data | changes


def test_admin_records_the_editor_owned_fields_an_editor_changed(client, editor):
    article = baker.make(
        Article, published=dt.date(2023, 3, 1), language="en", url="", edited_fields=["url"]
    )
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])

    response = client.post(url, _article_form(article, published="2023-02-28", language="ru"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.published == dt.date(2023, 2, 28)
    assert article.edited_fields == ["url", "published", "language"]
    entry = article_history(article).first()
    assert (entry.user, entry.get_change_message()) == (editor, "Changed Published and Language.")


def test_admin_saving_without_changes_marks_nothing_edited(client, editor):
    article = baker.make(Article, language="en", url="", edited_fields=[])
    client.force_login(editor)
    client.post(reverse("admin:articles_article_change", args=[article.pk]), _article_form(article))
    article.refresh_from_db()
    assert article.edited_fields == []


def test_admin_tag_inline_records_who_and_names_the_tag(client, article, editor):
    tag = baker.make(Tag, name="Energy", slug="energy")
    client.force_login(editor)
    data = _article_form(article) | {
        "article_tags-TOTAL_FORMS": "1",
        "article_tags-0-tag": tag.pk,
    }

    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 302
    assert ArticleTag.objects.get().added_by == editor
    assert article_history(article).first().get_change_message() == "Added tag “Energy”."


# --- CSRF -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("articles:article-tags", {"action": "add", "tag": "Energy"}),
        ("articles:article-links", {"action": "create", "relation": "follow_up"}),
    ],
)
def test_editing_without_a_csrf_token_is_refused(article, other, editor, name, data):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    data = data | ({"to_article": other.slug} if "relation" in data else {})

    response = client.post(reverse(name, args=[article.slug]), data)

    assert response.status_code == 403
    assert not ArticleTag.objects.exists()
    assert not EditorialLink.objects.exists()
    assert not LogEntry.objects.exists()
