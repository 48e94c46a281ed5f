"""The main public journeys in a real browser, each page checked for WCAG 2.1 AA with axe."""

import re

import pytest
from playwright.sync_api import expect

from opengov.demo.loader import DEMO_PASSWORD, load_demo
from opengov.forum.models import Meeting
from tests.conftest import DEMO_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    load_demo(today=DEMO_TODAY)
    return live_server.url


def test_visitor_reads_the_plan_and_a_commitment_in_french_then_english(site, page, axe):
    page.goto(f"{site}/fr/")
    expect(page.locator("h1")).to_contain_text("République de Valmerre")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    axe("home (fr)")

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("link", name="Read the plan and follow its progress").click()
    expect(page.locator("h1")).to_have_text("Third National Open Government Action Plan")
    axe("plan (en)")

    page.get_by_role("link", name=re.compile(r"^1\. Open data on public procurement")).click()
    expect(page.get_by_role("heading", name="Commitment template")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Planned milestones"))).to_be_visible()
    axe("commitment (en)")


def test_visitor_finds_the_forum_its_rules_and_a_meetings_minutes(site, page, axe):
    page.goto(f"{site}/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forum").click()
    expect(page.get_by_role("heading", name="Members by constituency")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^Civil society"))).to_be_visible()
    axe("forum (en)")
    latest = (Meeting.objects.filter(kind="forum", is_public=True, minutes__gt="")
              .order_by("-starts_at").first())
    page.get_by_role("link", name=latest.title_en, exact=True).click()
    expect(page.get_by_role("heading", name="Minutes")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Present: 14 members out of 16")
    axe("meeting (en)")


def test_co_creation_page_in_spanish_is_accessible(site, page, axe):
    page.goto(f"{site}/es/plans/valmerre-plan-3/co-creation/")
    expect(page.get_by_role("heading", name="Cronograma").first).to_be_visible()
    axe("co-creation (es)")


def test_keyboard_user_skips_to_the_content(site, page):
    page.goto(f"{site}/en/plans/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_visitor_reads_how_the_plan_meets_the_standards_and_the_calendar(site, page, axe):
    page.goto(f"{site}/fr/plans/valmerre-plan-3/")
    page.get_by_role("link", name="Comment nous respectons les normes du PGO").click()
    expect(page.get_by_role("table")).to_contain_text("Règle F1")
    expect(page.get_by_role("table")).to_contain_text("À risque")
    axe("standards (fr)")
    page.get_by_role("navigation", name="Principale").get_by_role("link",
                                                                  name="Calendrier").click()
    expect(page.get_by_role("heading", name="Calendrier des échéances")).to_be_visible()
    axe("calendar (fr)")


def test_point_of_contact_signs_in_and_reads_the_compliance_dashboard(site, page, axe):
    page.goto(f"{site}/en/compliance/")
    page.get_by_label("Username").fill("poc")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Compliance dashboard")).to_be_visible()
    row = page.locator("#rule-F1-plan")
    expect(row).to_contain_text("At risk")
    expect(row).to_contain_text("Hold a forum meeting")
    axe("compliance dashboard (en)")
