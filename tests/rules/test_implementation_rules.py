"""W3 (f), CM6 and SA1 on one commitment: staleness and the self-assessment colour."""

from datetime import date

import pytest

from opengov.rules.implementation import self_assessment_colour, update_due
from opengov.rules.verdicts import Status

SINCE = date(2025, 1, 1)


@pytest.mark.parametrize(("updates", "local", "today", "status", "due"), [
    # W3 (f): every six months.
    ([date(2025, 3, 10)], False, date(2025, 8, 1), Status.MET, date(2025, 9, 10)),
    ([date(2025, 3, 10)], False, date(2025, 8, 20), Status.AT_RISK, date(2025, 9, 10)),
    ([date(2025, 3, 10)], False, date(2025, 9, 11), Status.NOT_MET, date(2025, 9, 10)),
    ([date(2025, 3, 10), date(2025, 1, 5)], False, date(2025, 9, 10), Status.AT_RISK,
     date(2025, 9, 10)),
    # CM6: local commitments every three months.
    ([date(2025, 3, 10)], True, date(2025, 6, 11), Status.NOT_MET, date(2025, 6, 10)),
    ([date(2025, 3, 10)], True, date(2025, 5, 1), Status.MET, date(2025, 6, 10)),
    # No update yet: the first is due six (three) months after implementation starts.
    ([], False, date(2025, 3, 1), Status.NOT_YET_DUE, date(2025, 7, 1)),
    ([], False, date(2025, 7, 2), Status.NOT_MET, date(2025, 7, 1)),
    ([], True, date(2025, 4, 2), Status.NOT_MET, date(2025, 4, 1)),
    # An update dated in the future does not count yet.
    ([date(2025, 12, 1)], False, date(2025, 8, 1), Status.NOT_MET, date(2025, 7, 1)),
])
def test_update_due(updates, local, today, status, due):
    verdict = update_due(updates, local=local, since=SINCE, today=today)
    assert (verdict.status, verdict.due) == (status, due)
    assert verdict.rule == ("CM6" if local else "W3")


@pytest.mark.parametrize(("completion", "delayed", "overdue", "colour"), [
    ("complete", False, 0, "green"),
    ("complete", True, 400, "green"),
    ("substantial", True, 200, "green"),  # SA1: substantial progress is green
    ("limited", False, 0, "orange"),
    ("limited", True, 90, "orange"),  # delayed, but not seriously
    ("limited", False, 200, "orange"),  # late milestone, but reported on time
    ("limited", True, 91, "red"),  # seriously delayed
    ("not_started", False, 0, "red"),
    (None, False, 0, "red"),  # nothing reported counts as not started
])
def test_self_assessment_colour(completion, delayed, overdue, colour):
    assert self_assessment_colour(completion, delayed=delayed,
                                  longest_overdue_days=overdue) == colour


def test_ap1_sections_and_c6_languages():
    from opengov.rules.commitments import check_plan, check_sections

    findings = check_sections({"introduction": {"fr": "Intro", "en": ""},
                               "efforts_to_date": {"fr": "", "en": ""},
                               "development_process": {"fr": "P", "en": "P"}},
                              languages=("fr", "en"))
    assert [(f["rule"], f["field"]) for f in findings] == [("C6", "introduction"),
                                                          ("AP1", "efforts_to_date")]
    empty = check_plan([], status="co_creation", sections={}, languages=("fr",))
    assert {f["field"] for f in empty["plan"]} == {"introduction", "efforts_to_date",
                                                   "development_process", "commitments"}
    milestone = {"number": 1, "title": {"fr": "Décret", "en": ""}, "due_on": "2027-01-01",
                 "lead": "ANMP", "expected_result": {"fr": "x", "en": "x"}}
    result = check_plan([{"number": 1, "milestones": [milestone]}], status="implementation",
                        languages=("fr", "en"))
    assert any(f["rule"] == "C6" and f["field"] == "milestones"
               for f in result["commitments"]["1"])
