"""A reader's path through the archive in a real Chromium: home, filter, article, person.

Screenshots of every page at 1280 and 375 pixels wide go to ``test-artifacts/``; no page may
scroll sideways at either width.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.chromium import BROWSER_MARKS, check_widths, chromium, set_width
from tests.factories import build_archive

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser():
    with chromium(width=1280, height=900, implicit_wait=5) as driver:
        yield driver


def test_reader_goes_from_home_to_a_person_through_an_article(
    live_server, browser, transactional_db
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    build_archive()
    browser.get(live_server.url + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Diplomatic coverage archive"
    check_widths(browser, "home")

    # The first Tab lands on the skip link, and focus is visible.
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.text == "Skip to content"
    assert browser.execute_script(
        "return getComputedStyle(arguments[0]).outlineStyle;", focused
    ) not in ("", "none")

    # Filter the list by a person, using the facet link.
    browser.find_element(By.LINK_TEXT, "Articles").click()
    browser.find_element(By.PARTIAL_LINK_TEXT, "Kassym-Jomart Tokayev").click()
    query = parse_qs(urlparse(browser.current_url).query)
    assert query == {"person": ["kassym-jomart-tokayev"]}
    cards = browser.find_elements(By.CSS_SELECTOR, ".results .card")
    assert [card.find_element(By.TAG_NAME, "h3").text for card in cards] == [
        "Blinken meets Tokayev in Astana"
    ]
    check_widths(browser, "list-filtered")

    # Open the article; its body links the mention to the person page.
    browser.find_element(By.LINK_TEXT, "Blinken meets Tokayev in Astana").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Blinken meets Tokayev in Astana"
    check_widths(browser, "article")
    mention = browser.find_element(
        By.CSS_SELECTOR, ".article__body a.mention--person[href$='/kassym-jomart-tokayev/']"
    )
    assert mention.text == "Kassym-Jomart Tokayev"
    mention.click()

    assert urlparse(browser.current_url).path == "/people/kassym-jomart-tokayev/"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Kassym-Jomart Tokayev"
    assert "Kassym-Jomart Tokayev" in browser.find_element(By.CSS_SELECTOR, ".context-match").text
    check_widths(browser, "person")


def test_article_with_long_words_and_unknowns_fits_a_phone(live_server, browser, transactional_db):
    from selenium.webdriver.common.by import By

    archive = build_archive()
    browser.get(live_server.url + archive.unknown.get_absolute_url())
    body = browser.find_element(By.CSS_SELECTOR, ".article__body").text
    assert "<script>alert('x')</script>" in body  # shown as text, never run
    assert browser.execute_script("return window.__xss === undefined;")
    check_widths(browser, "article-unknowns")
    for name, path in (
        ("people", "/people/"),
        ("countries", "/countries/"),
        ("sources", "/sources/"),
        ("search", "/articles/?q=Blinken"),
    ):
        browser.get(live_server.url + path)
        check_widths(browser, name)


def test_filters_fold_away_on_a_phone(live_server, browser, transactional_db):
    from selenium.webdriver.common.by import By

    build_archive()
    set_width(browser, 375)
    browser.get(live_server.url + "/articles/?country=kz")
    panel = browser.find_element(By.ID, "filters-panel")
    assert panel.get_attribute("open") is None
    browser.find_element(By.CSS_SELECTOR, "#filters-panel summary").click()
    assert panel.get_attribute("open") is not None
    assert browser.find_element(By.PARTIAL_LINK_TEXT, "Kassym-Jomart Tokayev").is_displayed()
    set_width(browser, 1280)
    browser.get(live_server.url + "/articles/?country=kz")
    assert browser.find_element(By.ID, "filters-panel").get_attribute("open") is not None
