"""Every public page of the demo, in French and English, passes axe-core (WCAG 2.1 AA)."""

import re
from urllib.parse import urlsplit

import pytest

from opengov.demo.loader import load_demo
from tests.conftest import DEMO_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SKIP = re.compile(r"/(admin|api)/|/feeds/|\.(ics|csv|pdf|zip|xlsx|docx)$|/download/|/compliance/")


@pytest.fixture
def site(live_server):
    load_demo(today=DEMO_TODAY)
    return live_server.url


def public_pages(page, site, lang):
    """Every page reachable from the home page in one language, by following links."""
    seen, queue = set(), [f"/{lang}/"]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(site + path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if (href.startswith(site) and parts.path.startswith(f"/{lang}/")
                    and not SKIP.search(parts.path) and target not in seen):
                queue.append(target)
    return sorted(seen)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_public_page_passes_axe(site, page, axe, lang):
    pages = public_pages(page, site, lang)
    assert len(pages) > 40
    for path in pages:
        response = page.goto(site + path)
        assert response.status == 200, path
        axe(path)
