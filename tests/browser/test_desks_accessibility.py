"""Every page of the workspace that the Point of Contact team reaches from its desks passes
axe-core (WCAG 2.1 AA) in French, and none is wider than a 390 px phone screen."""

import re
from urllib.parse import urlsplit

import pytest

from opengov.demo.loader import DEMO_PASSWORD, load_demo
from tests.conftest import DEMO_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Files, feeds and pages that only answer a form's POST are not pages to read.
SKIP = re.compile(r"/(admin|api)/|/feeds/|\.(ics|csv|pdf|zip|xlsx|docx)$|/download/|"
                  r"/draft-|/sign-out/|/publish/|/change/|/moderation/(contribution|comment)/")


@pytest.fixture
def site(live_server):
    load_demo(today=DEMO_TODAY)
    return live_server.url


def workspace_pages(page, site, limit=120):
    """The workspace pages reachable from its home by following links (a few of each kind:
    one commitment stands for all the others)."""
    seen, queue, kinds = set(), ["/fr/workspace/"], {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        kind = re.sub(r"\d+", "N", urlsplit(path).path)
        kinds[kind] = kinds.get(kind, 0) + 1
        if kinds[kind] > 2:
            continue
        seen.add(path)
        page.goto(site + path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if (href.startswith(site) and parts.path.startswith(("/fr/workspace/",
                                                                 "/fr/compliance/"))
                    and not SKIP.search(parts.path) and target not in seen):
                queue.append(target)
    return sorted(seen)


def test_every_desk_page_passes_axe_and_fits_a_phone(site, page, axe):
    page.goto(f"{site}/fr/sign-in/")
    page.locator("#id_username").fill("poc")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    pages = workspace_pages(page, site)
    desks = {"co-creation", "moderation", "forum", "documents", "self-assessments", "irm",
             "activity", "plans", "tasks"}
    assert {p.split("/")[3] for p in pages if p.count("/") > 3} >= desks, pages
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            response = page.goto(site + path)
            assert response.status == 200, path
            axe(f"{path} at {width} px")
            if width == 390:
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 1, f"{path} is {overflow} px wider than a phone"
