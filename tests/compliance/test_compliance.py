"""The platform's compliance: facts from the database, verdicts from the engine, pages,
the iCalendar feed and reminders that are sent once."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from opengov.compliance.deadlines import plan_deadlines
from opengov.compliance.facts import plan_facts
from opengov.compliance.models import SentReminder
from opengov.compliance.reminders import send_reminders
from opengov.compliance.services import plan_compliance
from opengov.forum.models import Meeting
from opengov.rules.verdicts import Status
from opengov.tracking.models import ProgressUpdate
from tests.conftest import DEMO_TODAY


def statuses(compliance):
    return {(r.rule, r.verdict.scope): r.status for r in compliance.rows}


@pytest.mark.django_db
class TestVerdictsOnTheDemo:
    def test_facts_come_from_the_records(self, current_plan):
        facts = plan_facts(current_plan, today=DEMO_TODAY)
        assert facts.plan.delivered_on == current_plan.delivered_on
        assert facts.cocreation.contributions_received >= 150  # spam excluded
        assert facts.cocreation.contributions_answered <= facts.cocreation.contributions_received
        assert len(facts.commitments) == current_plan.commitments.count()
        assert [c.plan for c in facts.cycles] == ["2", "3"]
        assert facts.cycles[0].irm_failed_requirements == ["R1"]

    def test_the_demo_has_a_requirement_at_risk_and_one_not_met(self, current_plan):
        result = statuses(plan_compliance(current_plan, today=DEMO_TODAY))
        assert result[("F1", "plan")] == "at_risk"
        assert result[("I5", "plan")] == "not_met"
        assert result[("CC3", "plan")] == "met" and result[("CC9", "plan")] == "met"

    def test_a_meeting_held_turns_f1_from_at_risk_to_met(self, current_plan):
        Meeting.objects.create(forum=current_plan.member.forum, kind="forum", title="Extra",
                               starts_at=f"{DEMO_TODAY - timedelta(days=2)}T10:00:00Z",
                               format="online")
        assert statuses(plan_compliance(current_plan, today=DEMO_TODAY))[("F1", "plan")] == "met"

    def test_previous_cycle_contrary_to_process_from_the_irm_finding(self, current_plan):
        cycles = plan_compliance(current_plan, today=DEMO_TODAY).contrary["cycles"]
        assert cycles[0]["contrary_to_process"] and cycles[0]["reasons"][0]["rule"] == "R1"
        assert not cycles[1]["contrary_to_process"]

    def test_explanations_are_in_the_reader_s_language(self, current_plan):
        from django.utils import translation

        with translation.override("fr"):
            rows = plan_compliance(current_plan, today=DEMO_TODAY).rows
        f1 = next(r for r in rows if r.rule == "F1")
        assert "réunion du forum" in f1.explanation and "décembre" in f1.explanation

    def test_deadlines_come_from_the_engine(self, current_plan):
        deadlines = plan_deadlines(plan_compliance(current_plan, today=DEMO_TODAY))
        by_rule = {d.rule for d in deadlines}
        assert {"C8", "C2", "C9", "C10", "F1"} <= by_rule
        refresh_due = date(DEMO_TODAY.year + 1, 6, 30)  # C8: the demo plan started in Y - 2
        refresh = [d for d in deadlines if d.key.endswith(f"refresh-deadline:{refresh_due}")]
        assert refresh and all(d.date >= DEMO_TODAY for d in deadlines)


@pytest.mark.django_db
class TestPages:
    def test_dashboard_is_for_signed_in_roles(self, client, users):
        assert client.get("/en/compliance/").status_code == 302
        client.force_login(users["no_role"])
        assert client.get("/en/compliance/").status_code == 403
        for role in ("poc", "forum", "agency", "irm", "moderator"):
            client.force_login(users[role])
            page = client.get("/en/compliance/")
            assert page.status_code == 200, role
            assert "What to do next" in page.content.decode()

    def test_dashboard_links_private_evidence_to_the_back_office(self, client, users,
                                                                current_plan):
        Meeting.objects.create(forum=current_plan.member.forum, kind="forum",
                               title="Closed-door plenary", is_public=False, format="online",
                               starts_at=timezone.now() - timedelta(days=3))
        client.force_login(users["poc"])
        body = client.get("/en/compliance/").content.decode()
        assert "Closed-door plenary" in body and "/workspace/forum/meetings/" in body
        assert "minutes not published; attendance not recorded" in body

    def test_public_standards_page_shows_verdicts_and_public_evidence_only(self, client,
                                                                          current_plan):
        Meeting.objects.create(forum=current_plan.member.forum, kind="forum",
                               title="Closed-door plenary", is_public=False, format="online",
                               starts_at=timezone.now() - timedelta(days=3))
        body = client.get(f"/en/plans/{current_plan.slug}/standards/").content.decode()
        assert "Rule F1" in body and "Rule CC9" in body
        assert "Closed-door plenary" not in body and "/admin/" not in body
        assert "What to do next" not in body

    @pytest.mark.parametrize("lang", ["fr", "en", "es"])
    def test_calendar_page_and_standards_page_in_every_language(self, client, current_plan,
                                                               lang):
        assert client.get(f"/{lang}/calendar/").status_code == 200
        assert client.get(f"/{lang}/plans/{current_plan.slug}/standards/").status_code == 200

    def test_ics_feed_is_valid_icalendar_with_unique_events(self, client, demo):
        response = client.get("/en/calendar.ics")
        assert response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        uids = [str(e["uid"]) for e in events]
        assert events and len(uids) == len(set(uids))
        assert any("Refreshed plan due" in str(e["summary"]) for e in events)


@pytest.mark.django_db
class TestReminders:
    @pytest.fixture(autouse=True)
    def committed(self, django_capture_on_commit_callbacks, monkeypatch):
        """Reminders are e-mailed by a task once their record commits: the calls below
        commit (as the command does)."""
        plain = send_reminders

        def send(**kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return plain(**kwargs)

        monkeypatch.setitem(globals(), "send_reminders", send)

    def test_sent_once_each_to_the_poc_team(self, users, demo):
        users["poc"].email = "poc-team@valmerre.example"
        users["poc"].save()
        first = send_reminders(today=DEMO_TODAY)
        assert first and len(mail.outbox) == len(first)
        assert any("À risque" in m.subject and "(F1)" in m.subject for m in mail.outbox)
        assert "poc-team@valmerre.example" in mail.outbox[0].to
        assert send_reminders(today=DEMO_TODAY) == []
        assert len(mail.outbox) == len(first)
        assert SentReminder.objects.count() == len(first)

    def test_agency_editors_are_told_when_their_update_is_overdue(self, users, demo,
                                                                   own_and_other_commitment):
        own, _other = own_and_other_commitment
        users["agency"].email = "editeur@anmp.example"
        users["agency"].save()
        ProgressUpdate.objects.filter(commitment=own).update(
            reported_on=DEMO_TODAY - timedelta(days=200))
        send_reminders(today=DEMO_TODAY)
        to_editor = [m for m in mail.outbox if "editeur@anmp.example" in m.to]
        assert len(to_editor) == 1  # the demo's ANMP editor is told too, nobody else
        assert to_editor[0].to == ["agence@valmerre.example", "editeur@anmp.example"]
        assert own.title_fr in to_editor[0].subject and "W3" in to_editor[0].body
        assert f"/fr/workspace/commitments/{own.pk}/" in to_editor[0].body
        mail.outbox.clear()
        send_reminders(today=DEMO_TODAY)
        assert not [m for m in mail.outbox if "editeur@anmp.example" in m.to]

    def test_thirty_then_seven_days_before_a_deadline(self, users, demo):
        later = DEMO_TODAY + timedelta(days=16)  # the scheduled plenary is 3 days away
        send_reminders(today=DEMO_TODAY)
        subjects_before = {m.subject for m in mail.outbox}
        mail.outbox.clear()
        send_reminders(today=later)
        new = [m.subject for m in mail.outbox]
        assert any("Dans 3 jours" in s for s in new)  # in the member's language (French)
        assert not set(new) & subjects_before

    def test_command_dry_run_sends_nothing(self, demo, capsys):
        call_command("send_reminders", "--today", DEMO_TODAY.isoformat(), "--dry-run")
        assert "Would send" in capsys.readouterr().out
        assert mail.outbox == [] and not SentReminder.objects.exists()

    def test_command_refuses_a_bad_date(self, demo):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="not a date"):
            call_command("send_reminders", "--today", "27/11/2026")


def test_status_values_match_the_documented_ones():
    assert {s.value for s in Status} == {"met", "not_met", "at_risk", "not_yet_due", "unknown"}
