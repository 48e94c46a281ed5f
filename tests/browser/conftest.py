"""Headless Chromium (Debian's, never a downloaded one) driven by Playwright, with axe-core."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(items):
    found = {"chromium": shutil.which(CHROMIUM) or Path(CHROMIUM).exists(),
             "axe-core": AXE.exists()}
    missing = [what for what, ok in found.items() if not ok]
    if missing and not os.environ.get("CI"):
        skip = pytest.mark.skip(reason=f"missing {', '.join(missing)}: run `make test`")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets the test inject axe-core; the site itself keeps its strict policy.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe(page):
    source = AXE.read_text(encoding="utf-8")

    def check(label):
        page.evaluate(source)
        result = page.evaluate(
            """async () => await axe.run(document, {runOnly: {type: 'tag',
               values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
        )
        problems = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                    for v in result["violations"]]
        assert problems == [], f"WCAG 2.1 AA issues on {label}: {problems}"
        return result

    return check
