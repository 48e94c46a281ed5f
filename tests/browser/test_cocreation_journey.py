"""A member of the public sends an idea in French; staff answer it; the public reads it."""

import re

import pytest
from playwright.sync_api import expect

from opengov.cocreation.models import Contribution
from opengov.demo.loader import DEMO_PASSWORD, load_demo
from tests.conftest import DEMO_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IDEA = ("Publier chaque semaine les horaires réels des bus interurbains de la région Sud, "
        "pour que les usagers sachent quand le car passe vraiment.")


@pytest.fixture
def site(live_server):
    load_demo(today=DEMO_TODAY)
    return live_server.url


def test_idea_submitted_in_french_answered_by_staff_then_read_by_the_public(site, page, axe):
    # 1. The public, without an account, from the home page.
    page.goto(f"{site}/fr/")
    page.get_by_role("link", name="Envoyer votre idée").first.click()
    expect(page.get_by_role("heading", name="Envoyer votre idée")).to_be_visible()
    axe("contribution form (fr)")
    page.get_by_role("button", name="Envoyer ma contribution").click()  # empty: an error
    expect(page.get_by_role("alert")).to_contain_text("Veuillez vérifier le formulaire")
    page.get_by_label("Votre idée, ou le problème que vous constatez").fill(IDEA)
    page.get_by_label("Vous êtes").select_option("citizen")
    page.get_by_label("Votre nom (facultatif)").fill("Mariam K.")
    page.get_by_label(re.compile("J'accepte que ma contribution soit publiée")).check()
    page.get_by_role("button", name="Envoyer ma contribution").click()
    expect(page.get_by_role("status")).to_contain_text("Merci")
    reference = Contribution.objects.get(text=IDEA).reference
    expect(page.locator("h1")).to_contain_text(reference)
    axe("receipt (fr)")

    # 2. The Point of Contact team publishes it and answers it from the back office.
    staff = page.context.browser.new_page()
    staff.goto(f"{site}/fr/admin/cocreation/contribution/?answered=no")
    staff.get_by_label("Nom d’utilisateur").fill("poc")
    staff.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    staff.get_by_role("button", name="Connexion").click()
    row = staff.get_by_role("row").filter(has_text=reference)
    row.get_by_role("checkbox").check()
    staff.locator("select[name=action]").select_option("publish_selected")
    staff.get_by_role("button", name="Envoyer").click()
    staff.get_by_role("row").filter(has_text=reference).get_by_role("checkbox").check()
    staff.locator("select[name=action]").select_option("answer_selected")
    staff.get_by_role("button", name="Envoyer").click()
    staff.get_by_label("décision :", exact=True).select_option("amended")
    staff.get_by_label("(1) commentaires reçus").fill("Horaires réels des cars du Sud.")
    staff.get_by_label("(2) comment ils ont été examinés").fill("Examiné avec le ministère.")
    staff.get_by_label("(3) leur influence sur le résultat").fill(
        "Ajouté aux données ouvertes de la région Sud.")
    staff.get_by_label("(4) motifs de la décision").fill("Utile et peu coûteux.")
    staff.get_by_label("Publier maintenant et prévenir les auteurs").check()
    staff.get_by_role("button", name="Enregistrer la réponse").click()
    expect(staff.locator(".messagelist")).to_contain_text("Réponse enregistrée")
    staff.close()

    # 3. The public reads the answer on the feedback page.
    page.goto(f"{site}/fr/plans/valmerre-plan-3/co-creation/feedback/")
    page.get_by_label("Décision").select_option("amended")
    page.get_by_role("button", name="Filtrer").click()
    card = page.locator("article").filter(has_text=reference)
    expect(card).to_contain_text("Ajouté aux données ouvertes de la région Sud.")
    expect(card).to_contain_text("Retenue avec modifications")
    axe("feedback (fr)")
