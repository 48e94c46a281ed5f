"""Minimum requirements with their handbook examples, "at risk" before "not met"."""

from datetime import date

import pytest

from opengov.rules.facts import (
    CoCreation,
    CommitmentFacts,
    Cycle,
    Facts,
    Mechanism,
    Meeting,
    Outreach,
    PlanFacts,
)
from opengov.rules.requirements import (
    check_cc3,
    check_cc4,
    check_cc5,
    check_cc9,
    check_cm6,
    check_f1,
    check_i5,
    check_i6,
    check_r1,
    contrary_to_process,
    evaluate,
)
from opengov.rules.verdicts import Status

D = date.fromisoformat


def facts(today="2026-11-27", **kwargs):
    kwargs.setdefault("forum_rules_published_on", D("2024-01-10"))
    kwargs.setdefault("plan", PlanFacts("december", 2024, 4, D("2024-12-16")))
    return Facts(today=D(today), **kwargs)


def forum_meetings(*days):
    return [Meeting(D(day), "forum") for day in days]


class TestF1:
    since = D("2025-01-01")

    def test_met_when_every_gap_is_under_six_months(self):
        f = facts(meetings=forum_meetings("2025-03-01", "2025-08-20", "2026-02-10", "2026-07-01"))
        verdict = check_f1(f, self.since)
        assert verdict.status is Status.MET and verdict.due == D("2027-01-01")

    def test_a_forum_that_has_not_met_for_five_months_is_at_risk_today(self):
        f = facts(today="2026-11-27", meetings=forum_meetings("2026-06-22"))
        verdict = check_f1(f, D("2026-06-01"))
        assert verdict.status is Status.AT_RISK
        assert verdict.due == D("2026-12-22") and verdict.rule == "F1"

    def test_not_met_after_six_months_without_a_meeting(self):
        f = facts(today="2026-12-23", meetings=forum_meetings("2026-06-22"))
        assert check_f1(f, D("2026-06-01")).status is Status.NOT_MET

    def test_a_past_gap_of_more_than_six_months_is_not_met_even_if_met_since(self):
        f = facts(meetings=forum_meetings("2025-02-01", "2025-09-15", "2026-01-10", "2026-05-01"))
        verdict = check_f1(f, self.since)
        assert verdict.status is Status.NOT_MET
        assert verdict.params["event"] == D("2025-09-15")

    def test_unpublished_rules_fail_f1(self):
        f = facts(forum_rules_published_on=None, meetings=forum_meetings("2026-10-01"))
        assert check_f1(f, self.since).status is Status.NOT_MET

    def test_six_months_to_the_day_is_still_in_time(self):
        """28 February + six months = 28 August: that day is the last one in time."""
        meetings = forum_meetings("2026-02-28")
        assert check_f1(facts(today="2026-08-28", meetings=meetings),
                        D("2026-02-01")).status is Status.AT_RISK
        assert check_f1(facts(today="2026-08-29", meetings=meetings),
                        D("2026-02-01")).status is Status.NOT_MET


class TestR1:
    def test_unknown_without_a_repository(self):
        assert check_r1(facts(repository_updates=None), D("2025-01-01")).status is Status.UNKNOWN

    def test_twice_a_year(self):
        f = facts(repository_updates=[D("2025-05-01"), D("2025-10-01"), D("2026-03-01"),
                                      D("2026-08-01")])
        assert check_r1(f, D("2025-01-01")).status is Status.MET


class TestCC3:
    @pytest.mark.parametrize(("published", "status"), [
        ("2024-03-10", Status.MET),  # exactly 14 days before
        ("2024-03-11", Status.NOT_MET),  # 13 days
        ("2024-01-01", Status.MET)])
    def test_two_weeks_before_development_starts(self, published, status):
        process = CoCreation(timeline_published_on=D(published),
                             development_starts_on=D("2024-03-24"))
        assert check_cc3(process, D("2024-06-01")).status is status

    def test_at_risk_when_development_is_near_and_nothing_is_published(self):
        process = CoCreation(development_starts_on=D("2026-12-20"))
        verdict = check_cc3(process, D("2026-11-27"))
        assert verdict.status is Status.AT_RISK and verdict.due == D("2026-12-06")
        assert check_cc3(process, D("2026-12-07")).status is Status.NOT_MET
        assert check_cc3(process, D("2026-09-01")).status is Status.NOT_YET_DUE

    def test_unknown_without_a_development_date(self):
        assert check_cc3(CoCreation(), D("2026-11-27")).status is Status.UNKNOWN


class TestCoCreation:
    def test_cc4_no_outreach_fails_once_the_plan_is_delivered(self):
        f = facts()
        assert check_cc4(f, CoCreation(development_starts_on=D("2024-03-24"))).status \
            is Status.NOT_MET

    def test_cc4_no_outreach_yet_is_at_risk_near_the_delivery_deadline(self):
        f = facts(today="2025-01-15", plan=PlanFacts("december", 2024, 4))
        verdict = check_cc4(f, CoCreation(development_starts_on=D("2024-03-24")))
        assert verdict.status is Status.AT_RISK and verdict.due == D("2025-02-28")
        f = facts(today="2024-05-01", plan=PlanFacts("december", 2024, 4))
        verdict = check_cc4(f, CoCreation(development_starts_on=D("2024-03-24")))
        assert verdict.status is Status.NOT_YET_DUE

    def test_cc4_advises_remote_participation_when_all_in_person(self):
        process = CoCreation(outreach=[Outreach(D("2024-04-01"), "in_person")])
        verdict = check_cc4(facts(), process)
        assert verdict.status is Status.MET and verdict.advice

    @pytest.mark.parametrize(("closes", "status"), [("2024-04-13", Status.MET),
                                                    ("2024-04-12", Status.NOT_MET)])
    def test_cc5_inputs_open_at_least_two_weeks(self, closes, status):
        process = CoCreation(mechanisms=[Mechanism(D("2024-03-31"), D(closes))])
        assert check_cc5(facts(), process).status is status

    def test_cc9_is_met_when_feedback_answers_every_contribution(self):
        process = CoCreation(feedback_published_on=D("2024-11-18"), contributions_received=10,
                             contributions_answered=10)
        verdict = check_cc9(facts(), process)
        assert verdict.status is Status.MET and not verdict.advice

    def test_cc9_feedback_on_some_contributions_only_is_not_met_once_delivered(self):
        """CC8 asks for a decision on each input: 8 answers of 10 is not the feedback."""
        process = CoCreation(feedback_published_on=D("2024-11-18"), contributions_received=10,
                             contributions_answered=8)
        verdict = check_cc9(facts(), process)
        assert verdict.status is Status.NOT_MET
        assert "8 of 10" in verdict.explanation
        assert verdict.advice == ["Give a reasoned response to every contribution (CC8)."]

    def test_cc9_no_feedback_after_delivery_is_not_met(self):
        process = CoCreation(contributions_received=10, contributions_answered=10)
        assert check_cc9(facts(), process).status is Status.NOT_MET


class TestImplementation:
    def test_i5_one_meeting_in_a_completed_year_is_not_met(self):
        f = facts(meetings=[Meeting(D("2025-04-01"), "implementation_review"),
                            Meeting(D("2026-01-10"), "implementation_review"),
                            Meeting(D("2026-06-10"), "implementation_review")])
        verdict = check_i5(f)
        assert verdict.status is Status.NOT_MET
        assert verdict.params["start"] == D("2024-12-16") and verdict.params["count"] == 1

    def test_i5_current_year_short_near_its_end_is_at_risk(self):
        f = facts(meetings=[Meeting(D(day), "implementation_review")
                            for day in ("2025-03-01", "2025-09-01", "2026-03-01")])
        verdict = check_i5(f)
        assert verdict.status is Status.AT_RISK and verdict.due == D("2026-12-15")

    def test_i5_not_yet_due_before_implementation(self):
        f = facts(plan=PlanFacts("december", 2026, 2))
        assert check_i5(f).status is Status.NOT_YET_DUE

    def test_i6_a_high_level_meeting_each_year(self):
        f = facts(meetings=[Meeting(D("2025-05-01"), "high_level"),
                            Meeting(D("2026-05-01"), "high_level")])
        assert check_i6(f).status is Status.MET

    def test_cm6_local_commitments_report_quarterly(self):
        quarterly = [D(d) for d in ("2025-03-10", "2025-06-05", "2025-09-01", "2025-11-30",
                                    "2026-02-25", "2026-05-20", "2026-08-15", "2026-11-10")]
        ok = facts(commitments=[CommitmentFacts("9", True, quarterly)])
        assert check_cm6(ok).status is Status.MET
        late = facts(commitments=[CommitmentFacts("9", True, quarterly[::2])])
        assert check_cm6(late).status is Status.NOT_MET
        assert check_cm6(facts(commitments=[CommitmentFacts("1", False, [])])) is None


class TestContraryToProcess:
    def test_p1_late_plan_failed_requirement_and_p3_review(self):
        f = facts(cycles=[
            Cycle("1", D("2019-06-30"), next_delivered_on=D("2020-08-01")),  # 13 months: late
            Cycle("2", D("2022-06-30"), next_delivered_on=D("2022-12-10"),
                  irm_failed_requirements=["CC9"]),
            Cycle("3", D("2024-12-31"), next_delivered_on=D("2024-12-16")),
        ])
        result = contrary_to_process(f)
        assert [c["contrary_to_process"] for c in result["cycles"]] == [True, True, False]
        assert result["cycles"][0]["reasons"][0]["rule"] == "C9"
        assert result["cycles"][1]["reasons"][0]["rule"] == "CC9"
        assert result["procedural_review"] is True  # P3: two consecutive cycles
        assert result["rule"] == "P3"

    def test_p1_no_new_plan_twelve_months_after_the_end(self):
        f = facts(today="2026-01-05", cycles=[Cycle("5", D("2024-12-31"))])
        assert contrary_to_process(f)["cycles"][0]["contrary_to_process"] is True
        f = facts(today="2025-12-30", cycles=[Cycle("5", D("2024-12-31"))])
        assert contrary_to_process(f)["cycles"][0]["contrary_to_process"] is False

    def test_no_progress_on_any_commitment(self):
        f = facts(cycles=[Cycle("4", D("2020-06-30"), D("2020-07-01"), irm_no_progress=True)])
        assert contrary_to_process(f)["cycles"][0]["reasons"][0]["rule"] == "P1"


def test_every_verdict_names_its_rule_and_explains_itself():
    f = facts(meetings=forum_meetings("2026-10-01"), website_url="https://ogp.example",
              repository_updates=[D("2026-10-01")], cocreation=CoCreation(),
              refresh=CoCreation(development_starts_on=D("2027-03-01")))
    verdicts = evaluate(f)
    assert {v.rule for v in verdicts} >= {"F1", "W1", "R1", "CC3", "CC4", "CC5", "CC9", "I5",
                                          "I6"}
    assert [v.scope for v in verdicts if v.rule == "CC3"] == ["plan", "refresh"]
    for verdict in verdicts:
        assert verdict.explanation and "{" not in verdict.explanation
