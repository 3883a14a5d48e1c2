"""The article page reads like an article: captions, comments and editors' links in their own
places, interviews not repeated, the editing panel's messages beside the panel."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.models import EditorialLink, Tag
from articles.views.browse import quoted_share
from tests.factories import ArticleFactory, EditorialLinkFactory, QuoteFactory

pytestmark = pytest.mark.django_db

INTERVIEW = (
    "Q: What did the visit change?\n\n"
    "“It opened a new chapter for the whole region and for our trade with Europe.”\n\n"
    "Q: And Russia?\n\n"
    "“Russia remains a neighbour and a partner, and nothing about that will change soon.”"
)


@pytest.fixture
def editor(db) -> User:
    user = User.objects.create_user("editor", password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def page(client, article) -> str:
    return client.get(article.get_absolute_url()).content.decode()


def section(html: str, title_id: str) -> str:
    return html.split(f'id="{title_id}"')[1].split("</section>")[0]


def test_captions_and_reader_comments_have_their_own_sections(client):
    article = ArticleFactory(
        captions=["Blinken and Tokayev shake hands. [Press office]"],
        reader_comments=["<script>alert(1)</script> Good visit.", "Leave the union."],
    )
    html = page(client, article)
    body = html.split('id="article-text"')[1].split("</div>")[0]
    assert "shake hands" not in body and "Good visit" not in body
    captions = section(html, "captions-title")
    assert "Photo captions" in captions
    assert "<li>Blinken and Tokayev shake hands. [Press office]</li>" in captions
    comments = section(html, "comments-title")
    assert "Reader comments" in comments and "not part of the article" in comments
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Good visit." in comments
    assert "<script>alert(1)" not in html
    assert html.index('id="article-text"') < html.index('id="captions-title"')


def test_an_article_without_captions_or_comments_has_no_empty_sections(client):
    html = page(client, ArticleFactory())
    assert 'id="captions-title"' not in html and 'id="comments-title"' not in html


def test_an_interview_is_not_repeated_under_its_quotes(client):
    article = ArticleFactory(body=INTERVIEW)
    for text in (
        "“It opened a new chapter for the whole region and for our trade with Europe.”",
        "“Russia remains a neighbour and a partner, and nothing about that will change soon.”",
    ):
        QuoteFactory(article=article, start=INTERVIEW.index(text), text=text)
    assert quoted_share(article.body, article.quotes.all()) > 0.6
    quotes = section(page(client, article), "quotes-title")
    assert "This article is mostly quotation. Its 2 quotes are marked in" in quotes
    assert '<a href="#article-text">the text above</a>' in quotes
    assert "quote-list" not in quotes and "new chapter" not in quotes


def test_an_ordinary_article_lists_its_quotes(client):
    article = ArticleFactory()
    QuoteFactory(article=article, start=0, text="Officials met")
    assert quoted_share(article.body, article.quotes.all()) < 0.6
    quotes = section(page(client, article), "quotes-title")
    assert '<ol class="quote-list">' in quotes and "Officials met" in quotes
    assert "mostly quotation" not in quotes


def test_quoted_share_counts_overlaps_once():
    class Span:
        def __init__(self, start, end):
            self.start, self.end = start, end

    assert quoted_share("x" * 100, [Span(0, 50), Span(25, 75)]) == 0.75
    assert quoted_share("x" * 10, [Span(5, 40)]) == 0.5
    assert quoted_share("", [Span(0, 5)]) == 0.0


def test_editorial_links_come_right_under_the_header(client):
    link = EditorialLinkFactory(relation=EditorialLink.Relation.FOLLOW_UP)
    html = page(client, link.from_article)
    assert (
        html.index("</header>") < html.index('id="links-title"') < html.index('id="article-text"')
    )
    assert "Follow-up to" in section(html, "links-title")


def test_panel_messages_show_beside_the_panel(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.post(
        reverse("articles:article-tags", args=[article.slug]),
        {"action": "add", "tag": "Water rights"},
        follow=True,
    )
    html = response.content.decode()
    panel = html.split('id="editorial-heading"')[1]
    assert "Tagged “Water rights”." in panel.split("</ul>")[0]
    main_top = html.split('<main id="content"')[1].split('<div class="article-layout">')[0]
    assert "Tagged" not in main_top
    assert [str(m) for m in response.context["messages"]] == []


def test_a_failed_tag_keeps_what_was_typed(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    typed = "x" * 101 + " <b>"
    response = client.post(
        reverse("articles:article-tags", args=[article.slug]),
        {"action": "add", "tag": typed},
        follow=True,
    )
    assert not Tag.objects.exists()
    html = response.content.decode()
    assert [m.level_tag for m in response.context["panel_messages"]] == ["error"]
    assert f'value="{"x" * 101} &lt;b&gt;"' in html
    # Shown once: the next visit starts from an empty form.
    assert 'value="xxx' not in page(client, article)


def test_a_failed_link_keeps_what_was_typed(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.post(
        reverse("articles:article-links", args=[article.slug]),
        {
            "action": "create",
            "to_article": "no-such-article",
            "relation": "contradicts",
            "note": "Same numbers, other story",
        },
        follow=True,
    )
    assert not EditorialLink.objects.exists()
    panel = response.content.decode().split('id="editorial-heading"')[1]
    assert "There is no article “no-such-article”." in panel.split("</ul>")[0]
    assert 'value="no-such-article"' in panel
    assert '<option value="contradicts" selected>' in panel
    assert "Same numbers, other story</textarea>" in panel
