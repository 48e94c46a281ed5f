"""Take the screenshots of this folder from a running site (``make run``), in Debian's Chromium.

    .venv/bin/python docs/screenshots/take.py [http://127.0.0.1:8000]

Each page is shot at a phone's size (390×844) and a laptop's (1366×900), the top of the page
as a visitor first sees it.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
PAGES = {
    "home": "/en/",
    "plan": "/en/plans/valmerre-plan-3/",
    "commitment": "/en/plans/valmerre-plan-3/commitments/open-contracting/",
    "co-creation": "/en/plans/valmerre-plan-3/co-creation/",
    "feedback": "/en/plans/valmerre-plan-3/co-creation/feedback/",
    "dashboard": "/en/implementation/",
    "standards": "/en/plans/valmerre-plan-3/standards/",
}
SIZES = {"phone": (390, 844), "laptop": (1366, 900)}


def main(site):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox"])
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in PAGES.items():
                page.goto(site + path)
                page.screenshot(path=HERE / f"{name}-{size}.png")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
