"""The editorial workflow in a real browser: sign in, tag an article, see it on the tag page.

Drives the Chromium the machine provides; skipped, with the reason, when it is missing.
Screenshots go to test-artifacts/ for a human to look at.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Article
from tests.chromium import (
    ARTIFACTS,
    BROWSER_MARKS,
    PASSWORD,
    by_css,
    chromium,
    editors_group,
    wait_for_url,
)
from tests.factories import ArticleFactory

pytestmark = [
    *BROWSER_MARKS,
    # The live server runs in another thread, so the data must be committed.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def browser():
    with chromium(width=1280, height=1600, implicit_wait=2) as driver:
        yield driver


@pytest.fixture
def article() -> Article:
    return ArticleFactory(
        source=None,
        published=None,
        slug="talks-in-astana",
        title="Talks in Astana",
        body="The ministers met in Astana.\n\nThey discussed water.",
    )


def test_editor_signs_in_tags_an_article_and_finds_it_on_the_tag_page(
    browser, live_server, article
):
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(editors_group())
    article_url = live_server.url + article.get_absolute_url()

    browser.get(f"{live_server.url}{reverse('login')}?next={article.get_absolute_url()}")
    by_css(browser, "input[name=username]")[0].send_keys("editor")
    by_css(browser, "input[name=password]")[0].send_keys(PASSWORD)
    browser.save_screenshot(str(ARTIFACTS / "editorial-01-login.png"))
    by_css(browser, "form.auth-form button[type=submit]")[0].click()

    wait_for_url(browser, article_url)
    panel = by_css(browser, "#editorial")
    assert panel, "the editor sees the editorial panel"
    by_css(browser, "#editorial-tag")[0].send_keys("Water rights")
    browser.save_screenshot(str(ARTIFACTS / "editorial-02-panel.png"))
    by_css(browser, "#editorial-tag-add button[type=submit]")[0].click()

    wait_for_url(browser, f"{article_url}#editorial")
    assert "Tagged “Water rights”." in browser.page_source
    browser.save_screenshot(str(ARTIFACTS / "editorial-03-tagged.png"))

    history_url = reverse("articles:article-history", args=[article.slug])
    by_css(browser, f"a[href='{history_url}']")[0].click()
    wait_for_url(browser, live_server.url + history_url)
    assert "Added tag “Water rights”." in browser.page_source
    browser.save_screenshot(str(ARTIFACTS / "editorial-04-history.png"))

    browser.get(live_server.url + reverse("articles:tag-detail", args=["water-rights"]))
    assert "Talks in Astana" in browser.page_source
    browser.save_screenshot(str(ARTIFACTS / "editorial-05-tag-page.png"))


def test_reader_sees_no_editing_controls(browser, live_server, article):
    browser.get(live_server.url + article.get_absolute_url())

    assert "Talks in Astana" in browser.page_source
    assert not by_css(browser, "#editorial")
    assert not by_css(
        browser, f"form[action='{reverse('articles:article-tags', args=[article.slug])}']"
    )
    assert not by_css(
        browser, f"form[action='{reverse('articles:article-links', args=[article.slug])}']"
    )
    browser.save_screenshot(str(ARTIFACTS / "editorial-06-reader.png"))
