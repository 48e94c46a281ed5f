"""Taking part beyond sending an idea, in a real browser with axe on every page: similar
ideas shown while typing, a text reported with the keyboard alone, the moderator's decision,
and the public statistics."""

import re

import pytest
from playwright.sync_api import expect

from opengov.cocreation.models import Contribution, ProblemReport
from opengov.core.models import ModerationState
from opengov.demo.loader import load_demo
from tests.browser.test_cocreation_journey import axe_on, sign_in, staff_page
from tests.conftest import DEMO_TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PLAN = "valmerre-plan-3"


@pytest.fixture
def site(live_server):
    load_demo(today=DEMO_TODAY)
    return live_server.url


def test_similar_ideas_appear_while_typing_and_are_announced_once(site, page, axe):
    known = next(c for c in Contribution.objects.public().filter(process__plan__slug=PLAN)
                 .order_by("pk") if len(re.findall(r"\w{6,}", c.text)) >= 3)
    words = " ".join(sorted(set(re.findall(r"\w{6,}", known.text)), key=len)[-4:])
    page.goto(f"{site}/fr/plans/{PLAN}/co-creation/contribute/")
    asked = []
    page.on("request", lambda request: asked.append(request.url)
            if "/co-creation/similar/" in request.url else None)
    text = page.locator("#id_text")
    text.click()
    page.keyboard.type(f"Je propose ceci : {words}.", delay=5)
    section = page.locator(".similar-ideas")
    expect(section).to_contain_text("Idées semblables déjà envoyées")
    link = section.get_by_role("link", name=re.compile(re.escape(known.heading[:20])))
    expect(link).to_have_attribute("target", "_blank")
    expect(page.get_by_role("status").filter(has_text="sous votre texte")).to_have_count(1)
    # Under the text field, before the rest of the form; the text typed is untouched.
    assert page.evaluate("""() => {
        const field = document.querySelector('#id_text').closest('.field');
        return field.nextElementSibling.classList.contains('similar-ideas-box');
    }""")
    expect(text).to_have_value(re.compile("Je propose ceci"))
    # Only the telling words leave the page, never the draft as written.
    from urllib.parse import parse_qs, urlsplit

    sent = [parse_qs(urlsplit(url).query)["text"][0] for url in asked]
    assert sent and all("Je propose ceci" not in words and ":" not in words
                        for words in sent)
    axe("contribution form with similar ideas")


def test_a_visitor_reports_a_text_with_the_keyboard_and_the_moderator_decides(site, page, axe):
    page.goto(f"{site}/en/plans/{PLAN}/co-creation/feedback/")
    references = page.locator("a[href*='/report/contribution/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href').split('/').at(-2))")
    contribution = next(c for c in Contribution.objects.filter(reference__in=references)
                        if not c.problem_reports.exists())
    link = page.get_by_role(
        "link", name=f"Report a problem with “{contribution.heading} · {contribution.reference}”")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Report a problem", level=1)).to_be_visible()
    axe("report a problem")
    # Keyboard only: to the first reason, choose another with the arrows, write a note, send.
    page.get_by_label("Spam or advertising").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Abusive, hateful or threatening")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("It insults a named official.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send the report")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#messages")).to_be_focused()
    expect(page.locator("#messages")).to_contain_text("Thank you for your report")
    report = ProblemReport.objects.get(contribution=contribution)
    assert (report.reason, report.note) == ("abuse", "It insults a named official.")

    # The moderator sees it first on the desk, decides with the keyboard, and it is closed.
    desk = staff_page(page)
    sign_in(desk, site, "moderation")
    desk.goto(f"{site}/en/workspace/moderation/")
    item = desk.locator(f"#mr-contribution-{contribution.pk}").locator("xpath=..")
    expect(item).to_contain_text("It insults a named official.")
    expect(item).to_contain_text("Still published")
    item.get_by_label("Publish").check()
    item.get_by_label("Reason").fill("Criticism of a public office, not abuse.")
    item.get_by_role("button", name="Record the decision").click()
    expect(desk.locator("#messages")).to_contain_text("Decision recorded")
    axe_on(desk, "moderation desk")
    report.refresh_from_db()
    assert report.decision is not None and report.decision.state == ModerationState.PUBLISHED
    desk.context.close()

    page.goto(f"{site}/en/moderation/")
    expect(page.get_by_role("table")).to_contain_text("Reports from visitors")
    assert "It insults a named official." not in page.content()
    axe("moderation statistics")


def test_a_visitor_follows_a_commitment_confirms_and_receives_the_digest(site, page, axe):
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.utils import timezone

    from opengov.follow.models import Subscription
    from opengov.follow.tasks import send_due_digests
    from opengov.plans.models import Commitment
    from opengov.tracking.models import ProgressUpdate
    from opengov.tracking.services import progress_update_publish

    commitment = Commitment.objects.get(plan__slug=PLAN, slug="open-contracting")
    page.goto(f"{site}/fr{commitment.get_absolute_url()[3:]}")
    page.get_by_role("link", name="Suivre cet engagement par e-mail").click()
    axe("follow form")
    page.get_by_label("Votre e-mail").fill("lea@example.org")
    page.get_by_label("Un résumé hebdomadaire").check()
    page.get_by_role("button", name="Suivre", exact=True).click()
    expect(page.locator("#messages")).to_be_focused()
    expect(page.locator("#messages")).to_contain_text("Presque terminé")
    assert "lea@example.org" not in page.content()

    (confirmation,) = [m for m in mail.outbox if m.to == ["lea@example.org"]]
    link = re.search(r"https?://\S+/follow/confirm/\S+/", confirmation.body).group(0)
    page.goto(site + link[link.index("/fr/"):])
    page.get_by_role("button", name="Oui, envoyez-moi les nouvelles").click()
    expect(page.get_by_role("heading", name="Votre suivi est confirmé")).to_be_visible()
    axe("following confirmed")

    agency = get_user_model().objects.get(username="agence")
    update = ProgressUpdate.objects.create(commitment=commitment, completion="substantial",
                                           timeliness="on_time", summary="Registre en ligne")
    progress_update_publish(actor=agency, update=update)
    Subscription.objects.filter(email="lea@example.org").update(
        last_digest_at=timezone.now() - timedelta(days=8))
    mail.outbox.clear()
    assert send_due_digests() >= 1
    (digest,) = [m for m in mail.outbox if m.to == ["lea@example.org"]]
    assert "Nouvel avancement" in digest.body and f"/fr/updates/{update.pk}/" in digest.body
    stop = digest.extra_headers["List-Unsubscribe"].strip("<>")
    page.goto(site + stop[stop.index("/fr/"):])
    page.get_by_role("button", name="Arrêter les e-mails").click()
    stopped = page.get_by_role("heading", name="Vous ne recevrez plus d'e-mails à ce sujet")
    expect(stopped).to_be_visible()
    axe("following stopped")
    assert not Subscription.objects.filter(email="lea@example.org").exists()


def test_a_forum_member_scores_two_candidates_and_the_public_sees_aggregates_only(
        site, page, axe):
    from opengov.cocreation.models import PrioritisationRound, Score

    current = PrioritisationRound.objects.get(title_en="Priorities of the refresh")
    desk = staff_page(page)
    sign_in(desk, site, "forum")
    desk.goto(f"{site}/en/workspace/prioritisation/")
    desk.get_by_role("link", name="Priorities of the refresh").click()
    for candidate in current.candidates.order_by("pk"):
        group = desk.get_by_role("group", name=candidate.title_en, exact=True)
        for criterion, value in (("Urgency and size of the problem", "5 – very high"),
                                 ("Political feasibility", "3 – medium"),
                                 ("Operational feasibility", "4 – high"),
                                 ("Potential impact on transparency, accountability and "
                                  "participation", "5 – very high")):
            group.get_by_role("group", name=criterion).get_by_label(value).check()
    axe_on(desk, "scoring form")
    desk.get_by_role("button", name="Record my scores").click()
    expect(desk.locator("#messages")).to_contain_text("Your scores are recorded")
    assert Score.objects.filter(candidate__round=current).count() == 2
    desk.context.close()

    done = PrioritisationRound.objects.get(title_en="Prioritisation of the candidate "
                                                    "commitments")
    page.goto(f"{site}/en/plans/{PLAN}/")
    page.get_by_role("link", name="Prioritisation of the candidate commitments").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Civil society")
    content = page.content()
    for seat_person in ("Ibrahim Diallo",):
        assert seat_person not in page.locator("main").inner_text()
    assert done.candidates.exists() and "score" in content
    axe("published prioritisation")


def test_a_visitor_registers_for_a_hybrid_meeting_and_receives_the_link(site, page, axe):
    """F6: register without an account, confirm, get the invitation, then the link to join
    online the day before; the Point of Contact team then records who came (I5)."""
    from datetime import timedelta

    from django.core import mail

    from opengov.forum.models import Meeting, Registration
    from opengov.forum.registrations import send_due_links

    meeting = Meeting.objects.get(title_en__startswith="Forum plenary", registration_open=True)
    page.goto(f"{site}/fr/forum/meetings/{meeting.pk}/")
    axe("meeting open for registration")
    page.get_by_role("link", name=re.compile("^S'inscrire")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("S'inscrire")
    axe("registration form")
    # Keyboard only, from the name to the button.
    page.get_by_label("Votre nom").focus()
    page.keyboard.type("Léa Martin")
    page.keyboard.press("Tab")
    page.keyboard.type("Association Parole Publique")
    page.get_by_label("Vous venez au titre de (facultatif)").select_option("civil_society")
    page.get_by_label("Votre e-mail").fill("lea@example.org")
    page.get_by_label("Besoins d'accessibilité (facultatif)").fill("Sous-titrage en direct")
    page.get_by_role("button", name="S'inscrire", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#messages")).to_be_focused()
    expect(page.locator("#messages")).to_contain_text("Presque fini")
    assert "lea@example.org" not in page.content()

    (confirmation,) = [m for m in mail.outbox if m.to == ["lea@example.org"]]
    link = re.search(r"https?://\S+/confirm/", confirmation.body).group(0)
    page.goto(site + link[link.index("/fr/"):])
    page.get_by_role("button", name="Confirmer ma place").click()
    expect(page.get_by_role("heading", name="Inscription confirmée")).to_be_visible()
    axe("registration confirmed")
    invitation = [m for m in mail.outbox if m.to == ["lea@example.org"]][-1]
    assert invitation.attachments and meeting.remote_link not in invitation.body
    assert meeting.remote_link not in page.content()

    mail.outbox.clear()
    assert send_due_links(now=meeting.starts_at - timedelta(hours=20)) >= 1
    (reminder,) = [m for m in mail.outbox if m.to == ["lea@example.org"]]
    assert meeting.remote_link in reminder.body

    desk = staff_page(page)
    sign_in(desk, site, "poc")
    desk.goto(f"{site}/en/workspace/forum/meetings/{meeting.pk}/registrations/")
    expect(desk.get_by_role("cell", name="Sous-titrage en direct", exact=True)).to_be_visible()
    axe_on(desk, "registrations desk")
    desk.get_by_label("Léa Martin came").check()
    desk.get_by_label("Also use these counts").check()
    desk.get_by_role("button", name="Save attendance").click()
    expect(desk.locator("#messages")).to_contain_text("Attendance is saved")
    meeting.refresh_from_db()
    assert meeting.attendance_civil_society >= 1
    assert Registration.objects.get(email="lea@example.org").attended


def test_a_citizen_comments_on_a_draft_field_with_the_keyboard_and_reads_the_answer(
        site, page, axe):
    """CC7, CC8: the problem field of a draft commitment, commented on with the keyboard
    alone; the Point of Contact answers from the co-creation desk; the citizen reads it."""
    from django.contrib.auth import get_user_model

    from opengov.cocreation.models import InputMechanism
    from opengov.cocreation.services import contribution_moderate

    draft = InputMechanism.objects.get(process__plan__slug=PLAN, kind="draft_comment",
                                       process__purpose="refresh")
    page.goto(f"{site}/fr/plans/{PLAN}/co-creation/draft/{draft.pk}/")
    axe("draft plan open for comment")
    link = page.get_by_role("link", name=re.compile(
        "^Commenter cette partie : Définition du problème, Transparence de la qualité"))
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name="Ce que dit le projet")).to_be_visible()
    axe("one part of the draft")
    page.get_by_label("Votre commentaire").focus()
    page.keyboard.type("Le problème oublie les communes rurales de montagne.")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # "Vous êtes": the first kind, with the keyboard
    expect(page.get_by_label("Vous êtes")).not_to_have_value("")
    page.get_by_label(re.compile("J'accepte que ma contribution soit publiée")).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Envoyer mon commentaire").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Merci")
    expect(page.locator("main")).to_contain_text("Définition du problème")
    receipt = page.url
    axe("receipt of a draft comment")

    comment = Contribution.objects.get(text__startswith="Le problème oublie les communes")
    assert comment.commitment.slug == "water-transparency" and comment.draft_part == "problem"
    contribution_moderate(actor=get_user_model().objects.get(username="moderation"),
                          contribution=comment, state="published")

    staff = staff_page(page)
    sign_in(staff, site, "poc")
    staff.goto(f"{site}/en/workspace/co-creation/{draft.process_id}/answer/?c={comment.pk}")
    expect(staff.locator("main")).to_contain_text("Comment on the draft")
    staff.locator("#id_decision").select_option("amended")
    for label, text in {"Comments received": "Rural mountain towns",
                        "How they were considered": "Read at the plenary",
                        "How they influenced the outcome": "The problem now names them",
                        "Reasons for the decision": "Outages are longest there"}.items():
        staff.get_by_label(re.compile(rf"^\(\d\) {label} \(English\)")).fill(text)
    staff.get_by_label("Publish now and tell the authors who left an e-mail address").check()
    staff.get_by_role("button", name="Save the response").click()
    expect(staff.get_by_role("status")).to_contain_text("The response to 1 contribution(s)")
    staff.context.close()

    page.goto(receipt.replace("/fr/", "/en/"))
    expect(page.locator("main")).to_contain_text("The problem now names them")
    page.goto(f"{site}/en/plans/{PLAN}/co-creation/draft/{draft.pk}/comment/"
              "?commitment=water-transparency&part=problem")
    expect(page.locator("main")).to_contain_text("The problem now names them")
    axe("answered comment on the draft")
