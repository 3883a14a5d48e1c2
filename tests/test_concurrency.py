"""Several editors doing the same thing at the same moment: one tag, one link, no errors.

Each editor is a thread with its own database connection, posting to the site
as a person would. The race is forced rather than hoped for: every editor
first looks for the tag (or checks the link) and finds nothing, and only when
all of them have looked do they go on to insert it.
"""

import threading

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from model_bakery import baker

from articles.models import Article, ArticleTag, EditorialLink, Tag
from articles.services import editorial

EDITORS = 4

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite lets one writer in at a time (BEGIN IMMEDIATE; the in-memory test "
        "database locks whole tables), so the interleaving this test forces cannot happen",
    ),
]


def all_at_once(work, count: int = EDITORS) -> tuple[list, list[BaseException]]:
    """Run ``work(i)`` in ``count`` threads, each with its own connection."""
    results: list = [None] * count
    errors: list[BaseException] = []

    def run(i):
        try:
            results[i] = work(i)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an editor never finished"
    return results, errors


def after_everyone(function, count: int = EDITORS):
    """``function``, whose first call in each thread returns only once every thread made it."""
    barrier = threading.Barrier(count, timeout=30)
    local = threading.local()

    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        if not getattr(local, "waited", False):
            local.waited = True
            barrier.wait()
        return result

    return wrapper


def editors() -> list[User]:
    return [
        User.objects.create_superuser(f"editor{i}", f"e{i}@example.org", "unused-password-1")
        for i in range(EDITORS)
    ]


def post_as(user: User, url: str, data: dict) -> tuple[int, list[str]]:
    client = Client()
    client.force_login(user)
    response = client.post(url, data)
    return response.status_code, [str(m) for m in get_messages(response.wsgi_request)]


def test_editors_creating_the_same_new_tag_get_one_tag(monkeypatch):
    users = editors()
    articles = [baker.make(Article, slug=f"article-{i}", title=f"Article {i}") for i in range(2)]
    monkeypatch.setattr(editorial, "tag_find", after_everyone(editorial.tag_find))

    def tag(i):
        article = articles[i % 2]
        name = "Race 27" if i % 2 else "RACE 27"
        url = reverse("articles:article-tags", args=[article.slug])
        return post_as(users[i], url, {"action": "add", "tag": name})

    results, errors = all_at_once(tag)

    assert errors == []
    assert [status for status, _ in results] == [302] * EDITORS
    (tag,) = Tag.objects.all()
    assert tag.name in {"Race 27", "RACE 27"}
    assert sorted(ArticleTag.objects.values_list("article__slug", "tag")) == [
        ("article-0", tag.pk),
        ("article-1", tag.pk),
    ]
    assert LogEntry.objects.filter(change_message="Created tag.").count() == 1
    assert LogEntry.objects.filter(change_message=f"Added tag “{tag.name}”.").count() == 2


def test_editors_making_the_same_link_get_one_link(monkeypatch):
    users = editors()
    article = baker.make(Article, slug="astana", title="Talks in Astana")
    other = baker.make(Article, slug="tashkent", title="Talks in Tashkent")
    monkeypatch.setattr(
        editorial, "editorial_link_validate", after_everyone(editorial.editorial_link_validate)
    )
    url = reverse("articles:article-links", args=[article.slug])
    data = {"action": "create", "to_article": other.slug, "relation": "follow_up", "note": ""}

    results, errors = all_at_once(lambda i: post_as(users[i], url, data))

    assert errors == []
    assert [status for status, _ in results] == [302] * EDITORS
    assert EditorialLink.objects.count() == 1
    messages = sorted(message for _, sent in results for message in sent)
    assert messages == [
        "Linked: Follow-up to “Talks in Tashkent” (tashkent).",
        *["These articles are already linked that way."] * (EDITORS - 1),
    ]
    # Only the link that exists is in the histories: once on each article.
    assert LogEntry.objects.filter(change_message__startswith="Added link").count() == 2
