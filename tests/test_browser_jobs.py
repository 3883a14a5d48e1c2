"""A queued upload in a real browser: the job page waits for the worker, then shows the result
by reloading itself (no script: the Content-Security-Policy allows none inline)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Article, Job
from tests.capture_fixtures import TASHKENT
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


def test_the_job_page_reloads_itself_until_the_worker_is_done(live_server, job_queue):
    from selenium.webdriver.support.wait import WebDriverWait

    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    editor.groups.add(editors_group())
    with chromium(width=1280, height=1200, implicit_wait=2) as browser:
        browser.get(f"{live_server.url}{reverse('login')}?next={reverse('articles:coverage-add')}")
        by_css(browser, "input[name=username]")[0].send_keys("editor")
        by_css(browser, "input[name=password]")[0].send_keys(PASSWORD)
        by_css(browser, "form.auth-form button[type=submit]")[0].click()
        wait_for_url(browser, live_server.url + reverse("articles:coverage-add"))
        by_css(browser, "input[type=file][name=files]")[0].send_keys(str(TASHKENT))
        by_css(browser, "form.coverage-add__form button[type=submit]")[0].click()

        by_css(browser, "#job-title")
        job = Job.objects.get()
        wait_for_url(browser, live_server.url + job.get_absolute_url())
        assert by_css(browser, ".job-status")[0].text == "Waiting for a worker"
        assert "No file has been loaded yet." in browser.page_source
        assert Article.objects.count() == 0
        browser.save_screenshot(str(ARTIFACTS / "job-01-queued.png"))

        job_queue()  # the worker runs the job; nobody touches the browser

        WebDriverWait(browser, 10).until(
            lambda driver: driver.find_element("css selector", ".job-status").text == "Finished"
        )
        rows = by_css(browser, "tr.upload-result--created")
        assert len(rows) == 1 and "tashkent-visit.html" in rows[0].text
        assert Article.objects.get().seed_file == "tashkent-visit.html"
        assert 'http-equiv="refresh"' not in browser.page_source  # done: no more reloading
        browser.save_screenshot(str(ARTIFACTS / "job-02-finished.png"))
