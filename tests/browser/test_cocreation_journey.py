"""A member of the public sends an idea in French; the moderator publishes it; the POC
answers it with two similar ideas from the co-creation desk, in French and English; the
public reads the answer."""

import re

import pytest
from playwright.sync_api import expect

from opengov.cocreation.models import Contribution, ContributionGroup
from opengov.demo.loader import DEMO_PASSWORD, load_demo
from tests.browser.conftest import AXE
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
    expect(page.locator("h1")).to_have_text("Votre contribution")  # no title was given
    expect(page.locator("main")).to_contain_text(reference)  # kept, in small print
    axe("receipt (fr)")

    # 2. The moderator publishes it from the moderation desk.
    staff = staff_page(page)
    sign_in(staff, site, "moderation")
    staff.get_by_role("link", name="Moderation desk").click()
    axe_on(staff, "moderation desk")
    item = staff.locator("article").filter(has_text=IDEA[:60])
    item.get_by_label("Publish").check()
    item.get_by_role("button", name="Record the decision").click()
    expect(staff.get_by_role("status")).to_contain_text("Decision recorded on")
    expect(staff.get_by_role("status")).to_contain_text(": Published.")
    staff.context.close()

    # 3. Staff had grouped it with two similar ideas; the POC answers the group of three in
    #    French and English from the co-creation desk, after a preview.
    contribution = Contribution.objects.get(text=IDEA)
    others = list(Contribution.objects.filter(process=contribution.process,
                                              moderation_state="published")
                  .exclude(pk=contribution.pk).order_by("pk")[:2])
    group = ContributionGroup.objects.create(process=contribution.process,
                                             name="Horaires des cars", status="accepted")
    group.contributions.set([contribution, *others])
    staff = staff_page(page)
    sign_in(staff, site, "poc")
    staff.get_by_role("link", name="Co-creation desk").click()
    axe_on(staff, "co-creation desk")
    staff.locator("section").filter(has_text=contribution.process.title).get_by_role(
        "link", name="Groups of similar contributions").click()
    axe_on(staff, "groups")
    staff.locator(f"#group-{group.pk}").get_by_role("link", name="Answer this group").click()
    expect(staff.get_by_role("heading", level=1)).to_contain_text("Answer 3 contributions")
    expect(staff.locator("main details")).to_contain_text(IDEA[:60])
    staff.locator("#id_decision").select_option("amended")
    answers = {
        "Comments received": ("Horaires réels des cars du Sud.",
                              "Real timetables of the southern coaches."),
        "How they were considered": ("Examiné avec le ministère.",
                                     "Examined with the ministry."),
        "How they influenced the outcome": ("Ajouté aux données ouvertes de la région Sud.",
                                            "Added to the southern region's open data."),
        "Reasons for the decision": ("Utile et peu coûteux.", "Useful and cheap."),
    }
    for label, (french, english) in answers.items():
        staff.get_by_label(re.compile(rf"^\(\d\) {label} \(français\)")).fill(french)
        staff.get_by_label(re.compile(rf"^\(\d\) {label} \(English\)")).fill(english)
    staff.get_by_role("button", name="Preview").click()
    preview = staff.locator("#preview")
    expect(preview).to_contain_text("Added to the southern region's open data.")
    expect(preview).to_contain_text("Ajouté aux données ouvertes de la région Sud.")
    axe_on(staff, "answer with preview")
    staff.get_by_label("Publish now and tell the authors who left an e-mail address").check()
    staff.get_by_role("button", name="Save the response").click()
    expect(staff.get_by_role("status")).to_contain_text("The response to 3 contribution(s)")
    axe_on(staff, "queue")
    staff.context.close()

    # 4. The public reads the answer on the feedback page, in French and in English.
    page.goto(f"{site}/fr/plans/valmerre-plan-3/co-creation/feedback/")
    page.get_by_label("Décision").select_option("amended")
    page.get_by_role("button", name="Filtrer").click()
    card = page.locator("article").filter(has_text=reference)
    expect(card).to_contain_text("Ajouté aux données ouvertes de la région Sud.")
    expect(card).to_contain_text("Retenue avec modifications")
    axe("feedback (fr)")
    page.goto(f"{site}/en/contributions/{reference}/")
    expect(page.locator("main")).to_contain_text("Added to the southern region's open data.")


def staff_page(page):
    """A page of its own browser context: staff sessions never reach the public's page."""
    context = page.context.browser.new_context(bypass_csp=True,
                                               viewport={"width": 1280, "height": 900})
    return context.new_page()


def sign_in(page, site, username):
    page.goto(f"{site}/en/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Workspace", exact=True)).to_be_visible()


def axe_on(page, label):
    """axe-core on another page of the same browser (the ``axe`` fixture checks ``page``)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
           values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    problems = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                for v in result["violations"]]
    assert problems == [], f"WCAG 2.1 AA issues on {label}: {problems}"
