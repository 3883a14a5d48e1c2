"""Cross-coverage pages in a real Chromium at 1280 and 375 pixels: compare, facts, a person's
quotes and the coverage matrix. None may scroll sideways; a matrix scrolls inside its own box.
Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import pytest

from tests.chromium import BROWSER_MARKS, check_widths, chromium, set_width
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    FactFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
    build_archive,
    mention_all,
)

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser():
    with chromium(width=1280, height=900, implicit_wait=2) as driver:
        yield driver


def wide_archive():
    """The small archive, plus enough outlets, people and countries to fill a wide matrix."""
    archive = build_archive()
    people = [PersonFactory(name=f"Longnamed Official {chr(65 + i)}son") for i in range(12)]
    countries = [CountryFactory(code=code) for code in ("CN", "DE", "TR", "IN", "TM", "KG")]
    for i in range(8):
        source = SourceFactory(name=f"Regional Broadcasting Service {i}")
        body = " ".join(p.name for p in people) + " " + " ".join(c.name for c in countries)
        article = ArticleFactory(source=source, body=body + ". Tens of thousands of Russians.")
        for person in people:
            mention_all(article, person.name, person)
        for country in countries:
            mention_all(article, country.name, country)
    FactFactory(article=archive.unknown, kind="vote", start=0, text="141 for", value="141-7-32")
    FactFactory(article=archive.tashkent, kind="date", start=5, text="February 24", value="--02-24")
    QuoteFactory(
        article=archive.unknown,
        start=29,
        text="We do not need to be protected from Russia",
        speaker=archive.blinken,
    )
    return archive


def test_cross_coverage_pages_fit_a_phone_and_a_desktop(live_server, browser, transactional_db):
    from selenium.webdriver.common.by import By

    archive = wide_archive()
    compare = f"/compare/?a={archive.astana.slug}&b={archive.tashkent.slug}"
    browser.get(live_server.url + compare)
    assert browser.find_element(By.ID, "cmp-wording").text == "How each quoted the same statements"
    captions = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".quote-pair figcaption")]
    # Each column is labelled by its outlet's label (name first).
    assert [c.split(" · ")[0] for c in captions] == ["Caravanserai", "Asian Lite"]
    check_widths(browser, "compare")

    browser.get(live_server.url + f"/compare/?a={archive.unknown.slug}&b={archive.astana.slug}")
    headings = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".only-side h3")]
    assert headings[0].startswith("Only Unattributed (") and headings[1].startswith(
        "Only Caravanserai"
    )
    check_widths(browser, "compare-unattributed")

    browser.get(live_server.url + "/facts/")
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".fact-group h2 data")]
    assert "141 for, 7 against, 32 abstaining" in labels
    assert "24 February (year not stated)" in labels
    assert browser.find_element(By.LINK_TEXT, "Facts").get_attribute("aria-current") == "page"
    check_widths(browser, "facts")

    browser.get(live_server.url + archive.blinken.get_absolute_url())
    said = browser.find_element(By.ID, "said-title")
    assert said.text == "What they said"
    reports = browser.find_elements(By.CSS_SELECTOR, ".said figcaption")
    assert any(r.text.startswith("Caravanserai") for r in reports)
    assert any(r.text.startswith("Unattributed (") for r in reports)
    check_widths(browser, "person-quotes")

    browser.get(live_server.url + f"/quotes/?speaker={archive.blinken.slug}")
    assert browser.find_element(By.ID, "quote-speaker").get_attribute("value") == "antony-blinken"
    check_widths(browser, "quotes-filtered")

    browser.get(live_server.url + "/coverage/")
    region = browser.find_element(By.CSS_SELECTOR, ".table-scroll")
    set_width(browser, 375)
    inner, outer = browser.execute_script(
        "return [arguments[0].scrollWidth, arguments[0].clientWidth];", region
    )
    assert inner > outer, "the matrix should scroll inside its own box on a phone"
    check_widths(browser, "coverage")
