"""Names and next steps on the compliance pages, the calendar and the readiness report come
from the rule registry; the rules recorded in the back office (F4, C12, I2, P2) show."""

import pytest
from django.utils import translation

from opengov.compliance.deadlines import plan_deadlines
from opengov.compliance.services import plan_compliance
from opengov.plans.models import CommitmentStakeholder
from opengov.reports.models import SupportUnitLetter, minimum_requirement_choices
from opengov.rules import registry
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.django_db


def test_rows_are_named_by_the_registry_in_the_reader_s_language(current_plan):
    with translation.override("en"):
        rows = {r.rule: r for r in plan_compliance(current_plan, today=DEMO_TODAY).rows}
    assert rows["F1"].name == "1.1 " + registry.get("F1").name
    with translation.override("fr"):
        rows_fr = {r.rule: r for r in plan_compliance(current_plan, today=DEMO_TODAY).rows}
    assert rows_fr["F1"].name.startswith("1.1 ") and rows_fr["F1"].name != rows["F1"].name


def test_a_failing_requirement_always_says_what_to_do(current_plan):
    """I5 failed in the demo's first implementation year: its next step is not empty."""
    rows = plan_compliance(current_plan, today=DEMO_TODAY).rows
    failing = [r for r in rows if r.status in {"at_risk", "not_met"}]
    assert any(r.rule == "I5" for r in failing)
    assert all(r.next_step for r in failing), [r.rule for r in failing if not r.next_step]


def test_f4_the_demo_forum_includes_women_youth_and_persons_with_disabilities(
        client, current_plan):
    rows = {r.rule: r for r in plan_compliance(current_plan, today=DEMO_TODAY).rows}
    assert rows["F4"].status == "met"
    assert rows["F4"].verdict.facts["groups"] == ["disability", "women", "youth"]
    page = client.get("/en/forum/").content.decode()
    assert "speaks for Young people" in page


def test_c11_and_c12_dates_reach_the_deadlines(current_plan):
    deadlines = plan_deadlines(plan_compliance(current_plan, today=DEMO_TODAY))
    c11 = [d for d in deadlines if d.rule == "C11"]
    assert [d.date for d in c11] == [current_plan.rules_calendar.next_cocreation_from]
    assert c11[0].label == "Start co-creating the next plan (recommended)"


def test_c12_a_limited_plan_is_judged_on_its_amendment(current_plan):
    current_plan.is_limited = True
    current_plan.save()
    rows = {r.rule: r for r in plan_compliance(current_plan, today=DEMO_TODAY).rows}
    # The demo's current plan was amended within its deadline (C7).
    assert rows["C12"].status == "met"


def test_i2_support_roles_show_on_the_commitment_page(client, own_and_other_commitment):
    commitment = own_and_other_commitment[0]
    stakeholder = commitment.stakeholders.first() or CommitmentStakeholder.objects.create(
        commitment=commitment, organisation=commitment.lead_agency, constituency="government")
    stakeholder.support_role = CommitmentStakeholder.SupportRole.EXPERTISE
    stakeholder.save()
    page = client.get(commitment.get_absolute_url().replace("/fr/", "/en/")).content.decode()
    assert "Expertise" in page


def test_p2_the_letter_is_shown_with_the_cycle_it_concerns(client, users, current_plan):
    letter = SupportUnitLetter.objects.get(plan__member=current_plan.member)
    client.force_login(users["poc"])
    page = client.get("/en/compliance/").content.decode()
    assert "Letter from OGP's Support Unit, July 15" in page and letter.url in page


def test_irm_findings_offer_the_minimum_requirements_in_ogp_s_order():
    with translation.override("en"):
        choices = minimum_requirement_choices()
    assert [c[0] for c in choices] == ["F1", "W1", "R1", "CC3", "CC4", "CC5", "CC9", "I5"]
    assert choices[0][1] == "1.1 " + registry.get("F1").name


def test_the_deadline_calendar_names_each_rule(client):
    page = client.get("/en/calendar/").content.decode()
    assert f"{registry.get('C8').name} <span class=\"muted rule-code\">(C8)</span>" in page
    ics = client.get("/en/calendar.ics").content.decode().replace("\r\n ", "")
    assert registry.get("C2").name in ics
