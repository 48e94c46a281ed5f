"""C3–C10: every date of a cycle, with the handbook's examples and edge days."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opengov.rules.calendar import (
    Slot,
    add_months,
    delivery_window,
    plan_calendar,
    slots_for,
)


def test_c4_transition_december_plans_of_2022_and_2023_close_on_31_december():
    """C4: a December plan of 2023 received in January 2024 is contrary to process."""
    window = delivery_window(Slot.DECEMBER, 2023)
    assert window.rule == "C4" and window.last == date(2023, 12, 31)
    assert date(2024, 1, 15) not in window
    assert delivery_window(Slot.DECEMBER, 2024).last == date(2025, 2, 28)  # after transition


def test_c7_amendments_within_one_year_after_the_original_delivery_deadline():
    assert plan_calendar("june", 2024, 2).amendment_deadline == date(2025, 6, 30)
    assert plan_calendar("december", 2024, 4).amendment_deadline == date(2025, 12, 31)


def test_c8_refresh_only_for_four_year_plans_six_months_after_two_years():
    four = plan_calendar("june", 2024, 4)
    assert four.refresh_mark == date(2026, 6, 30)
    assert four.refresh_deadline == date(2026, 12, 31)
    december = plan_calendar("december", 2024, 4)
    assert december.refresh_mark == date(2026, 12, 31)
    assert december.refresh_deadline == date(2027, 6, 30)
    assert plan_calendar("june", 2024, 2).refresh_mark is None


def test_c9_late_twelve_months_after_the_end():
    assert plan_calendar("june", 2022, 2).next_plan_late_after == date(2025, 6, 30)
    assert plan_calendar("december", 2024, 4).next_plan_late_after == date(2029, 12, 31)


def test_c10_irm_products_include_the_implementation_check_for_four_year_plans():
    four = [p["product"] for p in plan_calendar("june", 2024, 4).irm_products()]
    two = [p["product"] for p in plan_calendar("june", 2024, 2).irm_products()]
    assert four == ["cocreation_brief", "action_plan_review", "implementation_check",
                    "results_report"]
    assert "implementation_check" not in two


@pytest.mark.parametrize(
    ("delivered", "in_window"),
    [(date(2024, 1, 1), True), (date(2024, 8, 31), True), (date(2023, 12, 31), False),
     (date(2024, 9, 1), False)],
)
def test_c3_first_and_last_day_of_the_june_window(delivered, in_window):
    status = plan_calendar("june", 2024, 2).delivery_status(delivered)
    assert status["in_window"] is in_window


def test_slots_for_a_delivery_date_lists_every_option():
    options = slots_for(date(2025, 2, 10))
    assert {(o["slot"], o["start_year"], o["years"]) for o in options} == {
        ("june", 2025, 2), ("june", 2025, 4), ("december", 2024, 2), ("december", 2024, 4)}
    assert slots_for(date(2025, 10, 1)) == [o for o in slots_for(date(2025, 10, 1))
                                           if o["slot"] == "december"]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(date(2023, 8, 31), 6, date(2024, 2, 29)), (date(2025, 8, 31), 6, date(2026, 2, 28)),
     (date(2024, 12, 31), 12, date(2025, 12, 31)), (date(2024, 1, 31), 1, date(2024, 2, 29))],
)
def test_add_months_clamps_to_the_end_of_shorter_months(day, months, expected):
    assert add_months(day, months) == expected


years = st.integers(2012, 2100)


@given(slot=st.sampled_from(list(Slot)), start=years, duration=st.sampled_from([2, 4]))
def test_cycle_invariants(slot, start, duration):
    cycle = plan_calendar(slot, start, duration)
    assert cycle.delivery_deadline in cycle.window  # the slot day is always deliverable
    assert cycle.window.first < cycle.delivery_deadline < cycle.amendment_deadline < cycle.ends_on
    assert cycle.ends_on < cycle.next_plan_late_after
    assert (cycle.refresh_mark is not None) is (duration == 4)
    if cycle.refresh_mark:
        assert cycle.window.last < cycle.refresh_mark < cycle.refresh_deadline < cycle.ends_on


@given(day=st.dates(date(2012, 1, 1), date(2100, 12, 31)), months=st.integers(0, 60))
def test_add_months_never_overshoots_the_target_month(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
