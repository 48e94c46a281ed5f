"""Every public page of the demo, in French, English and Spanish, on a phone (390×844) and on
a laptop (1366×900): no page is wider than the screen, axe-core finds no WCAG 2.1 AA issue,
and no rule of the handbook is shown by its code alone.

The pages are found by following links from the home page. Pages made from one template with
other records (the 14th document, the 9th commitment) add time and no coverage: two of each
kind are checked.
"""

import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest

from opengov.demo.loader import load_demo
from opengov.rules.registry import BY_ID
from tests.conftest import DEMO_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SKIP = re.compile(r"/(admin|api)/|/feeds/|\.(ics|csv|pdf|zip|xlsx|docx|json)$|/download/"
                  r"|/compliance/dashboard|/sign-in/|/workspace/")
SIZES = [(390, 844), (1366, 900)]
# A rule code on its own ("CC9", "W3") tells a citizen nothing: pages show the rule's name,
# with the code beside it in an element of class "rule-code".
RULE_CODE = re.compile(r"\b(" + "|".join(sorted(BY_ID, key=len, reverse=True)) + r")\b")
KINDS = re.compile(r"/(documents|meetings|updates|versions|self-assessment|pages|contributions"
                   r"|commitments)/[^/]+/|^/\w\w/(repository|report)/[^/]+/[^/]+/")
PER_KIND = 2


@pytest.fixture
def site(live_server):
    load_demo(today=DEMO_TODAY)
    return live_server.url


def kind_of(path, query):
    return KINDS.sub(lambda m: (m.group(1) or m.group(2)) + "/*/", path) + "?" + ",".join(
        sorted(key for key, _value in parse_qsl(query)))


def public_pages(page, site, lang):
    """The public pages reachable from the home page in one language, two of each kind."""
    seen, kinds, queue = set(), Counter(), [f"/{lang}/"]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(site + path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if (not href.startswith(site) or not parts.path.startswith(f"/{lang}/")
                    or SKIP.search(parts.path) or target in seen or target in queue):
                continue
            kind = kind_of(parts.path, parts.query)
            if kinds[kind] < PER_KIND:
                kinds[kind] += 1
                queue.append(target)
    return sorted(seen)


def codes_without_names(page):
    text = page.evaluate("""() => {
        const main = document.querySelector('main').cloneNode(true);
        main.querySelectorAll('.rule-code').forEach(e => e.remove());
        return main.innerText; }""")
    return sorted({match.group(0) for match in RULE_CODE.finditer(text)})


@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_every_public_page_fits_the_screen_and_passes_axe(site, page, axe, lang):
    page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
    pages = public_pages(page, site, lang)
    assert len(pages) > 35
    problems = []
    for path in pages:
        response = page.goto(site + path)
        assert response.status == 200, path
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{path} is {scroll} px wide at {width} px")
            axe(f"{path} at {width} px")
        if codes := codes_without_names(page):
            problems.append(f"{path} shows rule codes without their names: {codes}")
    assert problems == []
