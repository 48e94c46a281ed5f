"""Two-step sign-in in a real browser, in French: a Point of Contact who must use it signs in,
is taken to its setup, mistypes the code, then sets it up with the app's code; every page
passes axe-core (WCAG 2.1 AA) and fits a phone."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from opengov.demo.loader import DEMO_PASSWORD, load_demo
from tests.conftest import DEMO_TODAY
from tests.helpers import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_poc_team_sets_up_two_step_sign_in_in_french(live_server, page, axe, settings):
    from playwright.sync_api import expect

    settings.OTP_REQUIRED_FOR_STAFF = True
    load_demo(today=DEMO_TODAY)
    site = live_server.url
    page.goto(f"{site}/fr/sign-in/")
    page.locator("#id_username").fill("poc")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page).to_have_url(f"{site}/fr/workspace/two-step/set-up/?next=/fr/workspace/")
    assert page.locator("html").get_attribute("lang") == "fr"
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        axe(f"two-step setup at {width} px")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    # A crafted address leads back here until it is set up.
    page.goto(f"{site}/fr/workspace/plans/")
    expect(page).to_have_url(f"{site}/fr/workspace/two-step/set-up/?next=/fr/workspace/plans/")
    secret = page.locator("code.secret").inner_text()
    page.locator("#id_otp_token").fill("000000")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_focused()
    axe("two-step setup with a wrong code")
    # Past django-otp's pause after a wrong code, the app's code turns it on.
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=True):
        page.locator("#id_otp_token").fill(totp(secret))
        page.locator("form.stacked-form button[type=submit]").click()
        expect(page.locator(".backup-codes li")).to_have_count(10)
    axe("backup codes")
    page.locator("a.button").click()
    expect(page).to_have_url(f"{site}/fr/workspace/plans/")
    page.goto(f"{site}/fr/workspace/two-step/")
    axe("two-step sign-in page, on")
