"""C1–C3: durations, end dates and delivery windows, with the handbook's own examples."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opengov.rules.calendar import Slot, delivery_window, plan_end, start_years_for


@pytest.mark.parametrize(
    ("slot", "start", "years", "end"),
    [
        ("june", 2024, 2, date(2026, 6, 30)),  # C2
        ("june", 2024, 4, date(2028, 6, 30)),
        ("december", 2022, 2, date(2024, 12, 31)),
        ("december", 2024, 4, date(2028, 12, 31)),
    ],
)
def test_c2_plan_ends_on_its_slot_two_or_four_years_later(slot, start, years, end):
    assert plan_end(slot, start, years) == end


@pytest.mark.parametrize("years", [1, 3, 5])
def test_c1_only_two_or_four_years(years):
    with pytest.raises(ValueError, match="C1"):
        plan_end(Slot.JUNE, 2024, years)


def test_c3_june_window_is_six_months_before_and_two_after_30_june():
    window = delivery_window(Slot.JUNE, 2025)
    assert (window.first, window.last) == (date(2025, 1, 1), date(2025, 8, 31))
    assert date(2024, 12, 31) not in window and date(2025, 9, 1) not in window


def test_c3_december_window_runs_from_1_july_to_28_february():
    window = delivery_window(Slot.DECEMBER, 2025)
    assert (window.first, window.last) == (date(2025, 7, 1), date(2026, 2, 28))
    assert date(2025, 6, 30) not in window and date(2026, 3, 1) not in window


def test_c3_29_february_is_outside_the_december_window():
    """The engine keeps to the letter: "until 28 February", no extension (C3)."""
    window = delivery_window(Slot.DECEMBER, 2027)
    assert date(2028, 2, 28) in window
    assert date(2028, 2, 29) not in window


def test_start_years_for_a_delivery_date():
    assert start_years_for(Slot.DECEMBER, date(2025, 2, 10)) == [2024]
    assert start_years_for(Slot.JUNE, date(2025, 2, 10)) == [2025]
    assert start_years_for(Slot.JUNE, date(2025, 10, 1)) == []


@given(slot=st.sampled_from(list(Slot)), year=st.integers(2012, 2100))
def test_window_always_contains_the_slot_day_of_its_year(slot, year):
    window = delivery_window(slot, year)
    assert plan_end(slot, year - 2, 2) in window
    assert (window.last - window.first) < timedelta(days=245)


@given(day=st.dates(date(2012, 1, 1), date(2100, 12, 31)), slot=st.sampled_from(list(Slot)))
def test_every_delivery_day_maps_to_at_most_one_start_year(day, slot):
    years = start_years_for(slot, day)
    assert len(years) <= 1
    for year in years:
        assert day in delivery_window(slot, year)
