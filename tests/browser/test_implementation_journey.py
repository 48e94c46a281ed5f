"""An agency editor posts an update with a PDF; the public finds the PDF by a phrase inside
it, reads the update and comments on it (W2, R1–R4)."""

import re

import pytest
from playwright.sync_api import expect

from opengov.core.models import ModerationState
from opengov.demo.loader import DEMO_PASSWORD, load_demo
from opengov.tracking.models import Comment, ProgressUpdate
from tests.conftest import DEMO_TODAY
from tests.tracking.files import pdf_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHRASE = "Les avenants aux marchés de plus de cent mille euros sont publiés chaque lundi"


@pytest.fixture
def site(live_server):
    load_demo(today=DEMO_TODAY)
    return live_server.url


def test_editor_posts_evidence_then_public_finds_it_and_comments(site, page, axe):
    # 1. The agency editor signs in and reports on the commitment their agency leads.
    page.goto(f"{site}/en/")
    page.get_by_role("link", name="Sign in (agencies and forum team)").click()
    axe("sign-in page")
    page.get_by_label("Username").fill("agence")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Workspace", exact=True)).to_be_visible()
    axe("workspace home")
    page.get_by_role("link", name="1. Open data on public procurement").click()
    axe("commitment workspace")
    page.get_by_role("button", name="Save the update").click()  # empty: errors, nothing lost
    expect(page.get_by_role("alert")).to_contain_text("Please check the form")
    page.get_by_label("Substantial").check()
    page.get_by_label("On time").check()
    page.get_by_label(re.compile(r"^What was done \(français\)")).fill(
        "Les avenants sont désormais publiés chaque semaine sur le portail.")
    page.get_by_label(re.compile(r"^What was done \(English\)")).fill(
        "Contract amendments are now published every week on the portal.")
    page.get_by_label("Evidence (files)").set_input_files([{
        "name": "avenants-publies.pdf", "mimeType": "application/pdf",
        "buffer": pdf_with(PHRASE)}])
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_role("status")).to_contain_text("published on the public website")
    update = ProgressUpdate.objects.filter(summary_en__startswith="Contract amendments").get()
    assert update.evidence.count() == 1
    page.get_by_role("button", name="Sign out").click()

    # 2. The public, in French, searches a phrase that is only inside the PDF.
    page.goto(f"{site}/fr/")
    page.get_by_role("searchbox", name="Rechercher sur le site").fill(
        "avenants cent mille euros lundi")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    result = page.get_by_role("link", name="avenants-publies")
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_role("link", name=re.compile("Télécharger la version 1"))).to_be_visible()

    # 3. ... then reads the update and comments on it, without an account.
    page.goto(f"{site}/fr/updates/{update.pk}/")
    axe("update page (fr)")
    expect(page.get_by_role("link", name="avenants-publies", exact=True)).to_be_visible()
    page.get_by_label("Votre commentaire").fill(
        "Merci ! Pouvez-vous aussi publier les avenants des collectivités ?")
    page.get_by_label("Votre nom (facultatif, publié)").fill("Awa D.")
    page.get_by_role("button", name="Envoyer mon commentaire").click()
    expect(page.get_by_role("status")).to_contain_text("Merci")
    comment = Comment.objects.get(progress_update=update)
    assert comment.moderation_state == ModerationState.PENDING
