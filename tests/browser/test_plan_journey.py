"""The Point of Contact team writes a commitment in French and English, fixes what the
readiness check finds, submits the plan, amends it, and downloads both versions."""

import io
import re

import docx
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from opengov.demo.loader import DEMO_PASSWORD, load_demo
from opengov.members.models import Member
from opengov.plans.models import ActionPlan
from tests.conftest import DEMO_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    load_demo(today=DEMO_TODAY)
    member = Member.objects.get(slug="valmerre")
    sections = {f"{name}_{lang}": f"{name} ({lang})" for name in
                ("introduction", "efforts_to_date", "development_process") for lang in
                ("fr", "en")}
    ActionPlan.objects.create(member=member, number=4, slug="plan-4",
                              title_fr="Quatrième plan d'action",
                              title_en="Fourth action plan", start_year=DEMO_TODAY.year,
                              duration_years=2, delivery_slot="december", **sections)
    return live_server.url


def fill(page, label, text):
    page.get_by_label(re.compile("^" + re.escape(label))).fill(text)


def test_author_submit_amend_download(site, page, axe):
    page.goto(f"{site}/en/sign-in/")
    page.get_by_label("Username").fill("poc")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator(".desk-list").get_by_role("link", name="Action plans", exact=True).click()
    page.get_by_role("link", name="Fourth action plan").click()
    axe("plan workspace")
    page.get_by_role("link", name="Add a commitment").click()
    axe("commitment form")

    page.get_by_label("Lead agency").select_option(label="National Public Procurement "
                                                   "Agency (ANMP)")
    texts = {"Title": ("Registre ouvert des subventions", "Open register of grants"),
             "Short description": ("Publier toutes les subventions publiques.", ""),
             "Problem definition": ("Les subventions sont opaques.", "Grants are opaque."),
             "Causes": ("Pas d'obligation légale.", "No legal duty."),
             "What has been done so far": ("Rien.", "Nothing."),
             "Proposed solution": ("Un registre en ligne.", "An online register."),
             "Expected results": ("Chacun voit qui reçoit quoi.", "Anyone sees who gets what."),
             "How it advances transparency": ("Données ouvertes.", "Open data."),
             "How it advances accountability": ("N/A", "N/A"),
             "How it advances public participation": ("N/A", "N/A")}
    for label, (fr, en) in texts.items():
        fill(page, f"{label} (français)", fr)
        fill(page, f"{label} (English)", en)
    milestones = page.locator("fieldset.milestone-form").filter(has_text="New milestone")
    for index, (title_fr, title_en, due) in enumerate([
            ("Décret publié", "Decree published", f"{DEMO_TODAY.year + 1}-06-30"),
            ("Registre en ligne", "Register online", f"{DEMO_TODAY.year + 2}-06-30")]):
        form = milestones.nth(index)
        form.get_by_label("Number").fill(str(index + 1))
        form.get_by_label("Milestone (français)").fill(title_fr)
        form.get_by_label("Milestone (English)").fill(title_en)
        form.get_by_label("Expected result (français)").fill("Résultat vérifiable")
        form.get_by_label("Expected result (English)").fill("Verifiable result")
        form.get_by_label("Planned completion date").fill(due)
        form.get_by_label("Lead stakeholder").select_option(index=1)
    page.get_by_role("button", name="Save the commitment").click()
    expect(page.get_by_role("status")).to_contain_text("The commitment is saved")

    # The readiness check finds the missing English short description...
    readiness = page.locator("section.readiness")
    expect(readiness).to_contain_text("have no text in en: short description")
    fill(page, "Short description (English)", "Publish every public grant.")
    page.get_by_role("button", name="Save the commitment").click()
    # ... and the finding is gone once fixed.
    expect(readiness).to_contain_text("This commitment meets every check of the template.")
    axe("commitment form, saved")

    # Submit the plan: the original version is frozen.
    page.get_by_role("link", name="Fourth action plan").click()
    page.get_by_role("button", name="Submit the plan").click()
    expect(page.get_by_role("status")).to_contain_text("version 1 is frozen")

    # Amend it: the commitment widens, with notes in both languages.
    page.get_by_role("link", name=re.compile("^Edit.*Open register of grants")).click()
    fill(page, "Expected results (English)", "Anyone sees who gets what, and why.")
    page.get_by_role("button", name="Save the commitment").click()
    page.get_by_role("link", name="Fourth action plan").click()
    page.get_by_role("link", name="Deliver an amended or refreshed version").click()
    axe("amendment form")
    page.get_by_label("Amendment (C7)").check()
    fill(page, "What changed, every change (français)", "Résultats attendus précisés.")
    fill(page, "What changed, every change (English)", "Expected results made precise.")
    page.get_by_role("button", name="Deliver this version").click()
    expect(page.get_by_role("status")).to_contain_text("Version 2 is delivered")

    # The public downloads both versions, as DOCX and PDF.
    page.goto(f"{site}/en/plans/plan-4/")
    expect(page.get_by_role("link", name=re.compile("Version 2 \\(Amendment\\)"))).to_be_visible()
    for number in (1, 2):
        docx_file = page.request.get(f"{site}/en/plans/plan-4/versions/{number}/plan-en.docx")
        text = "\n".join(c.text for t in docx.Document(io.BytesIO(docx_file.body())).tables
                         for r in t.rows for c in r.cells)
        assert "Open register of grants" in text
        assert ("and why" in text) == (number == 2)
        pdf = page.request.get(f"{site}/en/plans/plan-4/versions/{number}/plan-fr.pdf")
        pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
        assert "Registre ouvert des subventions" in pdf_text
    page.get_by_role("link", name=re.compile("Compare the versions")).click()
    expect(page.locator("ins").first).to_contain_text("and why")
    axe("version comparison")
