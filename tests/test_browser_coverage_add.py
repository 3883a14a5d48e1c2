"""Adding coverage in a real browser: an editor uploads a saved page and opens its article."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Article, Job
from tests.capture_fixtures import ASTANA
from tests.chromium import (
    ARTIFACTS,
    BROWSER_MARKS,
    PASSWORD,
    by_css,
    chromium,
    editors_group,
    wait_for_url,
)

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _one_event(one_collection):
    """Uploads go into the one collection there is."""


@pytest.fixture
def browser():
    with chromium(width=1280, height=1600, implicit_wait=2) as driver:
        yield driver


def test_editor_uploads_a_saved_page_and_sees_it_created(browser, live_server):
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(editors_group())
    add_url = live_server.url + reverse("articles:coverage-add")

    browser.get(f"{live_server.url}{reverse('login')}?next={reverse('articles:list')}")
    by_css(browser, "input[name=username]")[0].send_keys("editor")
    by_css(browser, "input[name=password]")[0].send_keys(PASSWORD)
    by_css(browser, "form.auth-form button[type=submit]")[0].click()
    wait_for_url(browser, live_server.url + reverse("articles:list"))

    by_css(browser, f"a[href='{reverse('articles:coverage-add')}']")[0].click()
    wait_for_url(browser, add_url)
    by_css(browser, "input[type=file][name=files]")[0].send_keys(str(ASTANA))
    browser.save_screenshot(str(ARTIFACTS / "coverage-add-01-form.png"))
    by_css(browser, "form.coverage-add__form button[type=submit]")[0].click()
    # The upload became a job (run at once by the tests' task backend); its page has the results.
    by_css(browser, "#job-title")
    job = Job.objects.get()
    wait_for_url(browser, live_server.url + job.get_absolute_url())
    assert job.status == Job.Status.SUCCEEDED and job.started_by == editor
    assert "Finished" in by_css(browser, ".job-status")[0].text

    rows = by_css(browser, "tr.upload-result--created")
    assert len(rows) == 1
    assert "astana-c5-ministerial.html" in rows[0].text and "Created" in rows[0].text
    browser.save_screenshot(str(ARTIFACTS / "coverage-add-02-result.png"))

    article = Article.objects.get(seed_file="astana-c5-ministerial.html")
    by_css(browser, "tr.upload-result--created a")[0].click()
    wait_for_url(browser, live_server.url + article.get_absolute_url())
    page = browser.page_source
    assert "Blinken meets Central Asian ministers in Astana" in page
    assert "from the page's metadata" in page and "Original capture" in page
    browser.save_screenshot(str(ARTIFACTS / "coverage-add-03-article.png"))
