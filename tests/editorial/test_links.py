"""Editorial links: the services and the site's forms."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import (
    EditorialLink,
)
from articles.services.editorial import (
    article_history,
    editorial_link_create,
    editorial_link_delete,
)


def test_link_create_and_delete_are_logged_on_both_articles(article, other, editor):
    link = editorial_link_create(
        from_article=article, to_article=other, relation="follow_up", note="Day two.", user=editor
    )
    assert link.created_by == editor
    assert [e.change_message for e in article_history(article)] == [
        "Added link: Follow-up to “Talks in Tashkent” (tashkent-talks). Note: Day two."
    ]
    assert [e.change_message for e in article_history(other)] == [
        "Added link: Followed up by “Talks in Astana” (astana-talks). Note: Day two."
    ]

    editorial_link_delete(link=link, user=editor)

    assert not EditorialLink.objects.exists()
    assert article_history(other).first().change_message == (
        "Removed link: Followed up by “Talks in Astana” (astana-talks)."
    )


@pytest.mark.parametrize(
    ("relation", "same", "message"),
    [
        ("cites", False, "Unknown relation “cites”."),
        ("follow_up", True, "An article cannot be linked to itself."),
    ],
)
def test_link_create_refuses_bad_links(article, other, editor, relation, same, message):
    with pytest.raises(ValidationError) as error:
        editorial_link_create(
            from_article=article,
            to_article=article if same else other,
            relation=relation,
            note="",
            user=editor,
        )
    assert error.value.messages == [message]
    assert not EditorialLink.objects.exists()
    assert not LogEntry.objects.exists()


def test_link_create_refuses_a_duplicate(article, other, editor):
    kwargs = {"from_article": article, "to_article": other, "relation": "same_event", "note": ""}
    editorial_link_create(**kwargs, user=editor)
    with pytest.raises(ValidationError) as error:
        editorial_link_create(**kwargs, user=editor)
    assert error.value.messages == ["These articles are already linked that way."]
    assert EditorialLink.objects.count() == 1


def test_bad_input_comes_back_as_a_message_and_changes_nothing(client, article, editor):
    client.force_login(editor)
    response = client.post(
        reverse("articles:article-links", args=[article.slug]),
        {"action": "create", "to_article": "no-such-article", "relation": "follow_up"},
        follow=True,
    )
    assert "There is no article “no-such-article”." in [
        str(m) for m in response.context["panel_messages"]
    ]
    assert not EditorialLink.objects.exists()


# --- Note length: a clear message, never a server error --------------------------------


def test_a_too_long_note_on_the_site_is_a_message(client, article, other, editor):
    client.force_login(editor)
    response = client.post(
        reverse("articles:article-links", args=[article.slug]),
        {"action": "create", "to_article": other.slug, "relation": "follow_up", "note": "x" * 1001},
        follow=True,
    )
    assert [str(m) for m in response.context["panel_messages"]] == [
        "Ensure this value has at most 1000 characters (it has 1001)."
    ]
    assert not EditorialLink.objects.exists()


def test_the_service_refuses_a_too_long_note(article, other, editor):
    with pytest.raises(ValidationError) as error:
        editorial_link_create(
            from_article=article,
            to_article=other,
            relation="follow_up",
            note="x" * 1001,
            user=editor,
        )
    assert error.value.messages == ["A note has at most 1000 characters."]


def _inline_form(article, other, note):
    return {
        "title": article.title,
        "source": "",
        "published": "",
        "url": "",
        "language": article.language,
        "article_tags-TOTAL_FORMS": "0",
        "article_tags-INITIAL_FORMS": "0",
        "links_out-TOTAL_FORMS": "1",
        "links_out-INITIAL_FORMS": "0",
        "links_out-0-to_article": other.pk,
        "links_out-0-relation": "follow_up",
        "links_out-0-note": note,
        "links_in-TOTAL_FORMS": "0",
        "links_in-INITIAL_FORMS": "0",
    }


@pytest.mark.parametrize("where", ["inline", "link admin"])
def test_a_too_long_note_in_the_admin_is_a_form_error(client, article, other, editor, where):
    client.force_login(editor)
    if where == "inline":
        url = reverse("admin:articles_article_change", args=[article.pk])
        data = _inline_form(article, other, "x" * 1001)
    else:
        url = reverse("admin:articles_editoriallink_add")
        data = {"from_article": article.pk, "to_article": other.pk, "relation": "follow_up"}
        data["note"] = "x" * 1001

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Ensure this value has at most 1000 characters (it has 1001)." in (
        response.content.decode()
    )
    assert not EditorialLink.objects.exists()


def test_the_inline_refuses_a_link_that_already_exists(client, article, other, editor):
    editorial_link_create(from_article=article, to_article=other, relation="follow_up", user=editor)
    client.force_login(editor)

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        _inline_form(article, other, ""),
    )

    assert response.status_code == 200
    assert "These articles are already linked that way." in response.content.decode()
    assert EditorialLink.objects.count() == 1
