"""Debian's Chromium for browser tests: never a browser a tool downloads by itself."""

from __future__ import annotations

import importlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
)

# Marks for a module of browser tests: skipped, with the reason, without Chromium.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason=f"browser tests need {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium "
        "chromium-driver)",
    ),
]


@contextmanager
def chromium(*, width: int = 1280, height: int = 900, implicit_wait: float = 5) -> Iterator:
    """A headless Chromium driven by Selenium, with a fresh profile removed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="archive-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(implicit_wait)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


PASSWORD = "a-long-editor-passphrase"


def editors_group() -> Group:
    """The Editors group as the migration defines it.

    Transactional tests empty the tables between tests, so the group the migration
    created may be gone; build it again from the migration's own permission list.
    """
    migration = importlib.import_module("articles.migrations.0003_editors_group")
    group, _ = Group.objects.get_or_create(name=migration.GROUP_NAME)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in migration.permission_keys()
    )
    return group


def by_css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def wait_for_url(driver, url: str) -> None:
    """Wait for the navigation a click started: clicking returns before the next page loads."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(driver, 10).until(expected_conditions.url_to_be(url))
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


WIDTHS = (1280, 375)


def set_width(driver, width: int) -> None:
    """Emulate a viewport ``width`` CSS pixels wide (a phone at 375)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def check_widths(driver, name: str) -> None:
    """Screenshot the page at each width and fail if the page itself scrolls sideways."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        set_width(driver, width)
        scroll, inner = driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth];"
        )
        driver.save_screenshot(str(ARTIFACTS / f"{name}-{width}.png"))
        assert inner == width, f"{name}: viewport is {inner}px, not {width}px"
        assert scroll <= inner, f"{name} scrolls sideways at {width}px: {scroll} > {inner}"
    set_width(driver, WIDTHS[0])  # back to the desktop width for what the test checks next
