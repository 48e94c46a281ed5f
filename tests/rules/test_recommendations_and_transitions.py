"""F4 (inclusion), C11 (co-create the next plan during the current one's last months), C12
(a limited plan during a political transition) and P2 (the Support Unit's letter)."""

from datetime import date

from opengov.rules.calendar import plan_calendar
from opengov.rules.facts import Cycle, Facts, Letter, PlanFacts, parse_facts
from opengov.rules.requirements import check_c12, check_f4, contrary_to_process, evaluate
from opengov.rules.verdicts import Status

D = date.fromisoformat


class TestF4Inclusion:
    def test_met_when_a_member_represents_an_under_represented_group(self):
        verdict = check_f4(Facts(today=D("2026-01-01"), inclusion_groups=["women", "youth"]))
        assert verdict.status is Status.MET and verdict.facts["groups"] == ["women", "youth"]

    def test_not_met_when_nobody_does_and_unknown_when_not_recorded(self):
        assert check_f4(Facts(today=D("2026-01-01"), inclusion_groups=[])).status is \
            Status.NOT_MET
        assert check_f4(Facts(today=D("2026-01-01"))).status is Status.UNKNOWN

    def test_evaluated_only_when_the_facts_record_it(self):
        assert "F4" not in {v.rule for v in evaluate(Facts(today=D("2026-01-01")))}
        facts = parse_facts({"today": "2026-01-01", "forum": {"inclusion_groups": ["youth"]}})
        assert {v.rule: v.status for v in evaluate(facts)}["F4"] is Status.MET


class TestC11NextCoCreation:
    def test_the_last_six_months_of_a_plan(self):
        assert plan_calendar("december", 2024, 4).next_cocreation_from == D("2028-07-01")
        assert plan_calendar("june", 2025, 2).next_cocreation_from == D("2027-01-01")

    def test_in_the_calendar_output(self):
        result = plan_calendar("december", 2024, 2).as_dict()
        assert result["next_cocreation_from"] == {"date": "2026-07-01", "rule": "C11"}


class TestC12LimitedPlan:
    plan = {"slot": "december", "start_year": 2024, "years": 2, "delivered_on": "2024-12-16"}

    def verdict(self, today, **plan):
        return check_c12(parse_facts({"today": today, "plan": {**self.plan, **plan}}))

    def test_only_for_a_plan_recorded_as_limited(self):
        assert self.verdict("2025-06-01") is None
        assert self.verdict("2025-06-01", limited=False) is None

    def test_due_by_the_amendment_deadline_and_at_risk_in_its_last_90_days(self):
        # C7: a December 2024 plan may be amended until 31 December 2025.
        early = self.verdict("2025-03-01", limited=True)
        assert early.status is Status.NOT_YET_DUE and early.due == D("2025-12-31")
        assert self.verdict("2025-10-15", limited=True).status is Status.AT_RISK
        assert self.verdict("2026-01-01", limited=True).status is Status.NOT_MET

    def test_met_once_completed_by_amendment(self):
        verdict = self.verdict("2026-01-01", limited=True, amendments=["2025-09-30"])
        assert verdict.status is Status.MET and verdict.params["amended"] == D("2025-09-30")


def test_p2_the_support_unit_s_letters_are_listed_with_their_cycle():
    letter = Letter(D("2025-07-15"), "https://example.org/letter", "letter:1")
    facts = Facts(today=D("2026-01-01"), plan=PlanFacts("december", 2024, 2),
                  cycles=[Cycle("1", D("2024-06-30"), D("2024-12-16"), ["R1"],
                                support_unit_letters=[letter])])
    cycle = contrary_to_process(facts)["cycles"][0]
    assert cycle["contrary_to_process"] is True
    assert cycle["support_unit_letters"] == [{"date": "2025-07-15", "rule": "P2",
                                              "url": "https://example.org/letter",
                                              "ref": "letter:1"}]
