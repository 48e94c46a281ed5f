"""What a citizen sees after acting, on a phone: the confirmation where the eye is, the focus
on what to read next, fields in error that look it, and a menu that folds, with or without
JavaScript."""

import pytest
from playwright.sync_api import expect

from opengov.demo.loader import load_demo
from opengov.tracking.models import ProgressUpdate
from tests.conftest import DEMO_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
ERROR_RED = "rgb(161, 29, 29)"


@pytest.fixture
def site(live_server):
    load_demo(today=DEMO_TODAY)
    return live_server.url


@pytest.fixture
def phone(browser):
    context = browser.new_context(bypass_csp=True, viewport=PHONE)
    yield context.new_page()
    context.close()


def in_view(page, selector):
    top = page.eval_on_selector(selector, "el => el.getBoundingClientRect().top")
    assert -1 <= top < PHONE["height"], (selector, top)  # at the top, to a fraction of a pixel
    return True


def test_a_sent_comment_shows_its_confirmation_in_view_with_the_focus(site, phone):
    update = ProgressUpdate.objects.public().order_by("pk").first()
    phone.goto(f"{site}/fr/updates/{update.pk}/")
    phone.get_by_label("Votre commentaire").fill(
        "Merci pour ce point : les avenants seront-ils publiés aussi ?")
    phone.get_by_role("button", name="Envoyer mon commentaire").click()
    expect(phone).to_have_url(f"{site}/fr/updates/{update.pk}/#messages")
    expect(phone.locator("#messages")).to_be_focused()
    expect(phone.locator("#messages")).to_contain_text("Merci")
    assert in_view(phone, "#messages")
    expect(phone.get_by_label("Votre commentaire")).to_have_value("")


def test_a_refused_contribution_moves_the_focus_to_what_to_fix(site, phone):
    phone.goto(f"{site}/fr/plans/valmerre-plan-3/co-creation/contribute/")
    note = "Les champs marqués d'une étoile (*) sont obligatoires."
    expect(phone.get_by_text(note)).to_be_visible()
    phone.get_by_label("Un titre court (facultatif)").fill("Horaires des cars")
    phone.get_by_role("button", name="Envoyer ma contribution").click()
    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    assert in_view(phone, "#error-summary")
    text = phone.locator("#id_text")
    expect(text).to_have_attribute("aria-invalid", "true")
    assert text.evaluate("el => getComputedStyle(el).borderTopColor") == ERROR_RED
    # What was typed is kept; the link of the summary leads to the field.
    expect(phone.get_by_label("Un titre court (facultatif)")).to_have_value("Horaires des cars")
    summary.get_by_role("link").first.click()
    expect(text).to_be_focused()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_menu_folds_on_a_phone_and_opens_with_its_button(site, browser, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{site}/en/plans/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    assert page.evaluate("document.querySelector('.site-header').offsetHeight") < 140
    page.get_by_text("Menu", exact=True).click()
    expect(nav).to_be_visible()
    nav.get_by_role("link", name="Forum").click()
    expect(page).to_have_url(f"{site}/en/forum/")
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.url.endswith("/es/forum/")
    context.close()
