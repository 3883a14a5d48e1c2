"""One path for writes: a change made on the site and in the admin reads the same.

Each case makes the same editorial change several ways (the article page, the
article's admin page with its inlines, the model's own admin pages, the bulk
actions) and compares what is left: the rows, and the audit trail entry by entry.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from model_bakery import baker

from articles.models import Article, ArticleTag, EditorialLink, Tag


def trail() -> list[tuple]:
    """The audit trail without ids and times: (model, object, action, message)."""
    return [
        (e.content_type.model, e.object_repr, e.action_flag, e.get_change_message())
        for e in LogEntry.objects.select_related("content_type").order_by("pk")
    ]


def tag_state() -> list[tuple]:
    return sorted(
        ArticleTag.objects.values_list("article__slug", "tag__name", "tag__slug", "added_by")
    )


def link_state() -> list[tuple]:
    return sorted(
        EditorialLink.objects.values_list(
            "from_article__slug", "to_article__slug", "relation", "note", "created_by"
        )
    )


def article_form(article: Article, *, tags=(), links=(), **inline) -> dict:
    """The admin change form of ``article`` as posted, with inline rows."""
    data = {
        "title": article.title,
        "source": "",
        "published": "",
        "url": article.url,
        "language": article.language,
        "article_tags-TOTAL_FORMS": str(len(tags)),
        "article_tags-INITIAL_FORMS": str(sum(1 for row in tags if "id" in row)),
        "links_out-TOTAL_FORMS": str(len(links)),
        "links_out-INITIAL_FORMS": str(sum(1 for row in links if "id" in row)),
        "links_in-TOTAL_FORMS": "0",
        "links_in-INITIAL_FORMS": "0",
    }
    for prefix, rows in (("article_tags", tags), ("links_out", links)):
        for i, row in enumerate(rows):
            data |= {f"{prefix}-{i}-{key}": value for key, value in row.items()}
    return data | inline


def change_article(client, article, **form):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, article_form(article, **form))
    assert response.status_code == 302, response.context and response.context["errors"]


# --- Adding a tag ------------------------------------------------------------------


def add_tag_on_the_site(client, article, tag):
    url = reverse("articles:article-tags", args=[article.slug])
    assert client.post(url, {"action": "add", "tag": tag.name}).status_code == 302


def add_tag_in_the_inline(client, article, tag):
    change_article(client, article, tags=[{"tag": tag.pk}])


def add_tag_in_its_admin(client, article, tag):
    response = client.post(
        reverse("admin:articles_articletag_add"), {"article": article.pk, "tag": tag.pk}
    )
    assert response.status_code == 302


def add_tag_by_bulk_action(client, article, tag):
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "add_tag", "_selected_action": [article.pk], "apply": "1", "tag": tag.name},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "way",
    [add_tag_on_the_site, add_tag_in_the_inline, add_tag_in_its_admin, add_tag_by_bulk_action],
)
def test_adding_a_tag_reads_the_same_every_way(client, article, editor, way):
    tag = baker.make(Tag, name="Energy", slug="energy")
    client.force_login(editor)

    way(client, article, tag)

    assert tag_state() == [("astana-talks", "Energy", "energy", editor.pk)]
    assert trail() == [("article", "Talks in Astana", 2, "Added tag “Energy”.")]


# --- Removing a tag ----------------------------------------------------------------


def remove_tag_on_the_site(client, article, article_tag):
    url = reverse("articles:article-tags", args=[article.slug])
    response = client.post(url, {"action": "remove", "tag": article_tag.tag.slug})
    assert response.status_code == 302


def remove_tag_in_the_inline(client, article, article_tag):
    row = {"id": article_tag.pk, "article": article.pk, "tag": article_tag.tag_id, "DELETE": "on"}
    change_article(client, article, tags=[row])


def remove_tag_in_its_admin(client, article, article_tag):
    url = reverse("admin:articles_articletag_delete", args=[article_tag.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302


def remove_tag_by_bulk_action(client, article, article_tag):
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "remove_tag",
            "_selected_action": [article.pk],
            "apply": "1",
            "tag": article_tag.tag_id,
        },
    )
    assert response.status_code == 302


def remove_tag_by_bulk_delete(client, article, article_tag):
    response = client.post(
        reverse("admin:articles_articletag_changelist"),
        {"action": "delete_selected", "_selected_action": [article_tag.pk], "post": "yes"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "way",
    [
        remove_tag_on_the_site,
        remove_tag_in_the_inline,
        remove_tag_in_its_admin,
        remove_tag_by_bulk_action,
        remove_tag_by_bulk_delete,
    ],
)
def test_removing_a_tag_reads_the_same_every_way(client, article, editor, way):
    tag = baker.make(Tag, name="Energy", slug="energy")
    article_tag = baker.make(ArticleTag, article=article, tag=tag)
    client.force_login(editor)

    way(client, article, article_tag)

    assert tag_state() == []
    assert Tag.objects.filter(pk=tag.pk).exists()
    assert trail() == [("article", "Talks in Astana", 2, "Removed tag “Energy”.")]


# --- Creating a tag ----------------------------------------------------------------


def test_a_tag_created_in_the_admin_is_logged_as_on_the_site(client, article, editor):
    client.force_login(editor)
    add_tag_on_the_site(client, article, Tag(name="Water rights"))
    site_trail = trail()[:1]
    LogEntry.objects.all().delete()

    response = client.post(
        reverse("admin:articles_tag_add"),
        {"name": "  Border   talks ", "slug": "border-talks", "description": ""},
    )

    assert response.status_code == 302
    tag = Tag.objects.get(slug="border-talks")
    assert (tag.name, tag.created_by) == ("Border talks", editor)
    assert site_trail == [("tag", "Water rights", 1, "Created tag.")]
    assert trail() == [("tag", "Border talks", 1, "Created tag.")]


def test_renaming_and_deleting_a_tag_in_the_admin_are_logged(client, article, editor):
    tag = baker.make(Tag, name="Energy", slug="energy")
    baker.make(ArticleTag, article=article, tag=tag)
    client.force_login(editor)

    client.post(
        reverse("admin:articles_tag_change", args=[tag.pk]),
        {"name": "Energy policy", "slug": "energy", "description": "Oil and gas."},
    )
    client.post(reverse("admin:articles_tag_delete", args=[tag.pk]), {"post": "yes"})

    assert not Tag.objects.exists()
    assert trail() == [
        (
            "tag",
            "Energy policy",
            2,
            "Renamed “Energy” to “Energy policy”. Changed name and description.",
        ),
        ("article", "Talks in Astana", 2, "Removed tag “Energy policy” (the tag was deleted)."),
        ("tag", "Energy policy", 3, "Deleted tag."),
    ]


# --- Links -------------------------------------------------------------------------


def link_on_the_site(client, article, other):
    response = client.post(
        reverse("articles:article-links", args=[article.slug]),
        {"action": "create", "to_article": other.slug, "relation": "follow_up", "note": "Day 2"},
    )
    assert response.status_code == 302


def link_in_the_inline(client, article, other):
    row = {"to_article": other.pk, "relation": "follow_up", "note": "Day 2"}
    change_article(client, article, links=[row])


def link_in_its_admin(client, article, other):
    response = client.post(
        reverse("admin:articles_editoriallink_add"),
        {
            "from_article": article.pk,
            "to_article": other.pk,
            "relation": "follow_up",
            "note": "Day 2",
        },
    )
    assert response.status_code == 302


LINK_ADDED = [
    (
        "article",
        "Talks in Astana",
        2,
        "Added link: Follow-up to “Talks in Tashkent” (tashkent-talks). Note: Day 2",
    ),
    (
        "article",
        "Talks in Tashkent",
        2,
        "Added link: Followed up by “Talks in Astana” (astana-talks). Note: Day 2",
    ),
]


@pytest.mark.parametrize("way", [link_on_the_site, link_in_the_inline, link_in_its_admin])
def test_linking_reads_the_same_every_way(client, article, other, editor, way):
    client.force_login(editor)

    way(client, article, other)

    assert link_state() == [("astana-talks", "tashkent-talks", "follow_up", "Day 2", editor.pk)]
    assert trail() == LINK_ADDED


def unlink_on_the_site(client, article, link):
    response = client.post(
        reverse("articles:article-links", args=[article.slug]),
        {"action": "delete", "link": link.pk},
    )
    assert response.status_code == 302


def unlink_in_the_inline(client, article, link):
    row = {
        "id": link.pk,
        "from_article": article.pk,
        "to_article": link.to_article_id,
        "relation": link.relation,
        "note": link.note,
        "DELETE": "on",
    }
    change_article(client, article, links=[row])


def unlink_in_its_admin(client, article, link):
    url = reverse("admin:articles_editoriallink_delete", args=[link.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302


@pytest.mark.parametrize("way", [unlink_on_the_site, unlink_in_the_inline, unlink_in_its_admin])
def test_unlinking_reads_the_same_every_way(client, article, other, editor, way):
    link = baker.make(
        EditorialLink, from_article=article, to_article=other, relation="follow_up", note="Day 2"
    )
    client.force_login(editor)

    way(client, article, link)

    assert link_state() == []
    assert trail() == [
        (
            "article",
            "Talks in Astana",
            2,
            "Removed link: Follow-up to “Talks in Tashkent” (tashkent-talks).",
        ),
        (
            "article",
            "Talks in Tashkent",
            2,
            "Removed link: Followed up by “Talks in Astana” (astana-talks).",
        ),
    ]


def test_changing_a_link_note_in_the_admin_is_logged_on_both_articles(
    client, article, other, editor
):
    link = baker.make(EditorialLink, from_article=article, to_article=other, relation="follow_up")
    client.force_login(editor)
    row = {
        "id": link.pk,
        "from_article": article.pk,
        "to_article": other.pk,
        "relation": "follow_up",
    }

    change_article(client, article, links=[row | {"note": "Same day."}])

    link.refresh_from_db()
    assert link.note == "Same day."
    assert [entry[3] for entry in trail()] == [
        "Changed link: Follow-up to “Talks in Tashkent” (tashkent-talks). Note: Same day.",
        "Changed link: Followed up by “Talks in Astana” (astana-talks). Note: Same day.",
    ]
