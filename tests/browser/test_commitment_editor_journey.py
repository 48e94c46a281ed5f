"""The commitment editor in a real browser: axe at 1280 and 390 px, no sideways scroll, the
save bar in view, the live character count, the kept evidence file."""

import re

import pytest
from django.urls import reverse

from opengov.demo.loader import DEMO_PASSWORD, load_demo
from opengov.plans.models import Commitment
from tests.conftest import DEMO_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def test_editor_pages_pass_axe_and_work_at_390_px(live_server, page, axe):
    from playwright.sync_api import expect

    load_demo(today=DEMO_TODAY)
    site = live_server.url
    own = Commitment.objects.get(plan__number=3, slug="open-contracting")
    page.goto(f"{site}/en/sign-in/")
    page.get_by_label("Username").fill("agence")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    editor = f"{site}{reverse('workspace:commitment_edit', args=[own.pk])}"
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(editor)
        axe(f"commitment editor at {width} px")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The save bar stays in view at the bottom while the long form scrolls.
        bar = page.locator(".save-bar")
        for part in ("identification", "values", "stakeholders"):
            page.locator(f"#part-{part}").scroll_into_view_if_needed()
            page.evaluate(f"document.getElementById('part-{part}').scrollIntoView()")
            box = bar.bounding_box()
            assert 800 - box["height"] - 1 <= box["y"] <= 800 - box["height"] + 1, (width, part)
        # Title and short description at the full width of the form.
        form_width = page.locator("form.commitment-form").bounding_box()["width"]
        short = page.get_by_label("Short description (English)")
        assert short.bounding_box()["width"] > form_width * 0.8
        assert page.locator("#id_number").is_disabled()
        assert page.locator("#id_lead_agency").is_disabled()
    # The live count: announced politely, nothing cut.
    short = page.get_by_label("Short description (English)")
    counter = page.locator("#id_short_description_en-count")
    short.fill("x" * 250)
    expect(counter).to_have_text(re.compile(r"^250 characters: 51 too many\."))
    assert len(short.input_value()) == 250
    short.fill("Short and clear.")
    expect(counter).to_have_text("16 characters: 183 left.")
    short.fill("x" * 250)
    page.get_by_role("button", name="Save the commitment").click()
    expect(page.get_by_role("alert").first).to_contain_text("must have fewer than 200 (CM2)")
    axe("commitment editor with errors")
    # The plan page and the amendment page, which now offer only the refresh.
    page.context.clear_cookies()  # signed out
    page.goto(f"{site}/en/sign-in/")
    page.get_by_label("Username").fill("poc")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    for url in (reverse("workspace:plan", args=[own.plan_id]),
                reverse("workspace:plan_amend", args=[own.plan_id])):
        page.goto(f"{site}{url}")
        axe(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.get_by_text("The amendment window closed on")).to_be_visible()
    # A kept evidence file on the progress-update page.
    page.goto(f"{site}{reverse('workspace:commitment', args=[own.pk])}")
    page.get_by_label("Evidence (files)").set_input_files(
        files=[{"name": "preuve.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_label("File kept: preuve.pdf")).to_be_checked()
    axe("progress update with a kept file")
