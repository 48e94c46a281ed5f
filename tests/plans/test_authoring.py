"""Authoring, readiness, submission, amendments (C7), refresh (C8) and their pages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opengov.members.models import Organisation
from opengov.plans.models import ActionPlan, Commitment, PlanVersion
from opengov.plans.services import plan_amend, plan_snapshot, plan_submit
from tests.helpers import status

from ..conftest import DEMO_TODAY

Y = DEMO_TODAY.year  # the demo's current plan started in December Y - 2


@pytest.fixture
def draft_plan(demo):
    """A two-year plan in co-creation: nothing delivered yet."""
    return ActionPlan.objects.create(
        member=demo, number=4, slug="plan-4", title_fr="Quatrième plan", title_en="Fourth plan",
        start_year=Y, duration_years=2, delivery_slot="december",
        introduction_fr="Intro", introduction_en="Intro", efforts_to_date_fr="Efforts",
        efforts_to_date_en="Efforts", development_process_fr="Processus",
        development_process_en="Process")


def commitment_post(plan, **extra):
    anmp = Organisation.objects.get(member=plan.member, acronym="ANMP")
    data = {
        "number": 1, "lead_agency": anmp.pk, "period_start": f"{Y + 1}-01-01",
        "period_end": f"{Y + 2}-12-31", "local_kind": "",
        "milestones-TOTAL_FORMS": 2, "milestones-INITIAL_FORMS": 0,
        "stakeholders-TOTAL_FORMS": 0, "stakeholders-INITIAL_FORMS": 0,
        "milestones-0-number": 1, "milestones-0-title_fr": "Décret publié",
        "milestones-0-title_en": "Decree published", "milestones-0-due_on": f"{Y + 1}-06-30",
        "milestones-0-expected_result_fr": "Décret au journal officiel",
        "milestones-0-expected_result_en": "Decree in the official gazette",
        "milestones-0-lead": anmp.pk,
        "milestones-1-number": 2, "milestones-1-title_fr": "Portail ouvert",
        "milestones-1-title_en": "Portal open", "milestones-1-due_on": f"{Y + 2}-06-30",
        "milestones-1-expected_result_fr": "Portail en ligne",
        "milestones-1-expected_result_en": "Portal online", "milestones-1-lead": anmp.pk,
    }
    for field in ("title", "short_description", "problem", "causes", "done_so_far",
                  "solution", "expected_results", "transparency", "accountability",
                  "participation"):
        data[f"{field}_fr"] = f"{field} en français"
        data[f"{field}_en"] = f"{field} in English"
    data["accountability_fr"] = data["accountability_en"] = "N/A"
    data.update(extra)
    return data




@pytest.mark.django_db
def test_who_may_author_what(client, users, draft_plan, own_and_other_commitment):
    own, other = own_and_other_commitment
    plan = own.plan
    urls = {
        "plan": reverse("workspace:plan", args=[plan.pk]),
        "readiness": reverse("workspace:readiness", args=[plan.pk]),
        "sections": reverse("workspace:plan_edit", args=[plan.pk]),
        "new": reverse("workspace:commitment_new", args=[plan.pk]),
        "own": reverse("workspace:commitment_edit", args=[own.pk]),
        "other": reverse("workspace:commitment_edit", args=[other.pk]),
        "amend": reverse("workspace:plan_amend", args=[plan.pk]),
        "draft": reverse("workspace:draft_file", args=[plan.pk, "fr", "docx"]),
    }
    got = {role: {name: status(client, user, url) for name, url in urls.items()}
           for role, user in users.items()}
    everyone_reads = {"plan": 200, "readiness": 200, "draft": 200}
    team = {**everyone_reads, "sections": 200, "new": 200, "own": 200, "other": 200,
            "amend": 200}
    reader = {**everyone_reads, "sections": 403, "new": 403, "own": 403, "other": 403,
              "amend": 403}
    assert got["poc"] == got["superuser"] == team
    assert got["agency"] == {**reader, "own": 200}
    for role in ("forum", "irm", "moderator", "administrator"):
        assert got[role] == reader, role
    assert set(got["no_role"].values()) == {403}
    assert set(got["anonymous"].values()) == {302}
    # Writing: only the team submits and amends.
    submit = reverse("workspace:plan_submit", args=[draft_plan.pk])
    assert status(client, users["agency"], submit, "post", {"delivered_on": f"{Y}-12-01"}) \
        == 403
    assert not draft_plan.versions.exists()


@pytest.mark.django_db
def test_author_a_commitment_with_two_milestones_in_two_languages(client, users, draft_plan):
    client.force_login(users["poc"])
    url = reverse("workspace:commitment_new", args=[draft_plan.pk])
    response = client.post(url, commitment_post(draft_plan))
    assert response.status_code == 302, response.content.decode()[:3000]
    commitment = Commitment.objects.get(plan=draft_plan)
    assert (commitment.title_fr, commitment.title_en) == ("title en français",
                                                          "title in English")
    assert commitment.slug == "title-en-francais"
    assert list(commitment.milestones.values_list("title_fr", "title_en", "due_on")) == [
        ("Décret publié", "Decree published", date(Y + 1, 6, 30)),
        ("Portail ouvert", "Portal open", date(Y + 2, 6, 30))]


@pytest.mark.django_db
def test_readiness_finding_disappears_once_fixed(client, users, draft_plan):
    client.force_login(users["poc"])
    client.post(reverse("workspace:commitment_new", args=[draft_plan.pk]),
                commitment_post(draft_plan, short_description_en=""))
    commitment = Commitment.objects.get(plan=draft_plan)
    edit = reverse("workspace:commitment_edit", args=[commitment.pk])
    page = client.get(edit).content.decode()
    assert "have no text in en: short description" in page
    data = commitment_post(draft_plan, **{
        "milestones-INITIAL_FORMS": 2,
        "milestones-0-id": commitment.milestones.get(number=1).pk,
        "milestones-1-id": commitment.milestones.get(number=2).pk})
    data["milestones-0-commitment"] = data["milestones-1-commitment"] = commitment.pk
    assert client.post(edit, data).status_code == 302
    page = client.get(edit).content.decode()
    assert "no text in en" not in page
    assert "This commitment meets every check of the template." in page


@pytest.mark.django_db
def test_milestone_outside_the_plan_period_is_reported(client, users, draft_plan):
    client.force_login(users["poc"])
    client.post(reverse("workspace:commitment_new", args=[draft_plan.pk]),
                commitment_post(draft_plan, **{"milestones-1-due_on": f"{Y + 5}-01-31"}))
    report = client.get(reverse("workspace:readiness", args=[draft_plan.pk])).content.decode()
    assert "outside the plan" in report and "(CM4)" in report


@pytest.mark.django_db
def test_a_failed_save_keeps_what_was_typed(client, users, draft_plan):
    client.force_login(users["poc"])
    data = commitment_post(draft_plan, problem_fr="Un texte long et précieux sur le problème",
                           period_start="pas une date")
    response = client.post(reverse("workspace:commitment_new", args=[draft_plan.pk]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Un texte long et précieux sur le problème" in body and "Décret publié" in body
    assert not Commitment.objects.filter(plan=draft_plan).exists()


@pytest.mark.django_db
def test_challenge_commitments_follow_cm5(client, users, draft_plan, current_plan):
    client.force_login(users["poc"])
    during_cocreation = client.post(reverse("workspace:commitment_new", args=[draft_plan.pk]),
                                    commitment_post(draft_plan, is_challenge="on"))
    assert "only be added to a plan already in implementation" in \
        during_cocreation.content.decode()
    url = reverse("workspace:commitment_new", args=[current_plan.pk])
    for number in (11, 12):
        assert client.post(url, commitment_post(current_plan, number=number,
                                                is_challenge="on")).status_code == 302
    third = client.post(url, commitment_post(current_plan, number=13, is_challenge="on"))
    assert "at most two challenge commitments" in third.content.decode()
    assert current_plan.commitments.filter(is_challenge=True).count() == 2


@pytest.mark.django_db
def test_submit_then_amend_keeps_the_original_frozen(users, draft_plan, demo):
    Commitment.objects.create(
        plan=draft_plan, number=1, slug="c1", title_fr="Engagement", title_en="Commitment",
        short_description_en="Short", lead_agency=Organisation.objects.filter(member=demo)[0],
        period_start=date(Y + 1, 1, 1), period_end=date(Y + 2, 12, 31))
    original = plan_submit(actor=users["poc"], plan=draft_plan, delivered_on=DEMO_TODAY)
    frozen = original.snapshot
    Commitment.objects.filter(plan=draft_plan).update(title_en="Commitment, widened")
    with pytest.raises(ValidationError, match="missing in fr"):
        plan_amend(actor=users["poc"], plan=draft_plan, kind="amendment",
                   delivered_on=DEMO_TODAY, change_notes={"en": "Widened."})
    amended = plan_amend(actor=users["poc"], plan=draft_plan, kind="amendment",
                         delivered_on=DEMO_TODAY, change_notes={"en": "Widened.",
                                                                "fr": "Élargi."})
    assert amended.number == 2 and amended.kind == "amendment"
    assert PlanVersion.objects.get(pk=original.pk).snapshot == frozen
    assert frozen["commitments"][0]["title"]["en"] == "Commitment"
    assert amended.snapshot["commitments"][0]["title"]["en"] == "Commitment, widened"


@pytest.mark.django_db
def test_late_amendment_and_wrong_refresh_are_refused(users, current_plan, draft_plan):
    # C7: the current plan's original deadline was 31 December Y - 2, so amendments closed
    # at the end of Y - 1.
    deadline = current_plan.rules_calendar.amendment_deadline
    assert deadline == date(Y - 1, 12, 31)
    notes = {"fr": "x", "en": "x"}
    with pytest.raises(ValidationError, match="Amendments are accepted until"):
        plan_amend(actor=users["poc"], plan=current_plan, kind="amendment",
                   delivered_on=date(Y, 1, 1), change_notes=notes)
    # C8: a four-year plan's refresh is due six months after the two-year mark.
    assert current_plan.rules_calendar.refresh_deadline == date(Y + 1, 6, 30)
    refresh = plan_amend(actor=users["poc"], plan=current_plan, kind="refresh",
                         delivered_on=DEMO_TODAY, change_notes=notes)
    assert refresh.kind == "refresh"
    with pytest.raises(ValidationError, match="six months after the two-year mark"):
        plan_amend(actor=users["poc"], plan=current_plan, kind="refresh",
                   delivered_on=date(Y + 1, 7, 1), change_notes=notes)
    with pytest.raises(ValidationError, match="Submit the plan first"):
        plan_amend(actor=users["poc"], plan=draft_plan, kind="amendment",
                   delivered_on=DEMO_TODAY, change_notes=notes)


@pytest.mark.django_db
def test_late_amendment_message_in_the_workspace(client, users, current_plan):
    client.force_login(users["poc"])
    response = client.post(reverse("workspace:plan_amend", args=[current_plan.pk]), {
        "kind": "amendment", "delivered_on": DEMO_TODAY.isoformat(), "notes_fr": "x",
        "notes_en": "x"})
    assert response.status_code == 200
    assert "This plan can no longer be amended." in response.content.decode()
    assert current_plan.versions.count() == 2  # the demo's original and amendment only


@pytest.mark.django_db
def test_two_year_plan_has_no_refresh(users, draft_plan, demo):
    Commitment.objects.create(
        plan=draft_plan, number=1, slug="c1", title_en="C", short_description_en="S",
        lead_agency=Organisation.objects.filter(member=demo)[0],
        period_start=date(Y + 1, 1, 1), period_end=date(Y + 2, 12, 31))
    plan_submit(actor=users["poc"], plan=draft_plan, delivered_on=DEMO_TODAY)
    with pytest.raises(ValidationError, match="Only four-year plans are refreshed"):
        plan_amend(actor=users["poc"], plan=draft_plan, kind="refresh",
                   delivered_on=DEMO_TODAY, change_notes={"fr": "x", "en": "x"})


@pytest.mark.django_db
def test_snapshot_names_organisations_in_every_language(current_plan):
    snapshot = plan_snapshot(current_plan)
    assert set(snapshot["plan"]["member"]) == {"fr", "en", "es"}
    assert snapshot["plan"]["member"]["fr"] == "République de Valmerre"
    assert snapshot["commitments"][0]["lead_agency"]["en"].endswith("(ANMP)")
