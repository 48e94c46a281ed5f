"""Action-plan calendar (C1–C5, C7–C11): windows, end dates and every deadline of a cycle.

Two readings of the handbook, stated once here:

- 29 February. C3 says a December plan may be delivered "from 1 July to 28 February". The
  engine keeps to the letter: in a leap year, 29 February is *outside* the window (no
  extension is ever granted, C3).
- Transition (C4). "The deadline for all countries developing plans in 2022 and 2023 is
  31 December; December plans received in January or February are contrary to process."
  For start years 2022 and 2023 the window therefore closes on 31 December of the start
  year, whatever the slot.
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

DURATIONS = (2, 4)  # C1
TRANSITION_YEARS = (2022, 2023)  # C4
REFRESH_AFTER_YEARS = 2  # C8
REFRESH_DELIVERY_MONTHS = 6  # C8 (e)
LATE_AFTER_MONTHS = 12  # C9
AMENDMENT_MONTHS = 12  # C7
TIMELINE_NOTICE_DAYS = 14  # CC3, C8
NEXT_COCREATION_MONTHS = 6  # C11: "the last months" of the plan, our reading


class Slot(StrEnum):
    """Delivery slot: the day of the year the plan ends (C2)."""

    JUNE = "june"
    DECEMBER = "december"


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day (31 Aug + 6 = 28 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def slot_day(slot: Slot | str, year: int) -> date:
    """The slot's date in ``year``: 30 June or 31 December (C2)."""
    return date(year, 6, 30) if Slot(slot) is Slot.JUNE else date(year, 12, 31)


def plan_end(slot: Slot | str, start_year: int, years: int) -> date:
    """C2: a plan ends on its slot's date, two or four years after its start year."""
    if years not in DURATIONS:
        raise ValueError(f"C1: a plan lasts 2 or 4 years, not {years}.")
    return slot_day(slot, start_year + years)


@dataclass(frozen=True)
class Window:
    first: date
    last: date
    rule: str = "C3"

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last

    def as_dict(self) -> dict:
        return {"first": self.first.isoformat(), "last": self.last.isoformat(), "rule": self.rule}


def delivery_window(slot: Slot | str, start_year: int) -> Window:
    """C3: when a plan of ``start_year`` may be delivered, and start.

    June: 1 January to 31 August of the start year (six months before and two after
    30 June). December: 1 July of the start year to 28 February of the next year.
    C4: plans developed in 2022 and 2023 had to be delivered by 31 December.
    """
    if Slot(slot) is Slot.JUNE:
        window = Window(date(start_year, 1, 1), date(start_year, 8, 31))
    else:
        window = Window(date(start_year, 7, 1), date(start_year + 1, 2, 28))
    if start_year in TRANSITION_YEARS and window.last > date(start_year, 12, 31):
        return Window(window.first, date(start_year, 12, 31), rule="C4")
    return window


def start_years_for(slot: Slot | str, delivered: date) -> list[int]:
    """The start years whose delivery window for ``slot`` contains ``delivered`` (C3, C4)."""
    return [
        year
        for year in (delivered.year - 1, delivered.year)
        if delivered in delivery_window(slot, year)
    ]


def slots_for(delivered: date) -> list[dict]:
    """Every (slot, start year, duration) a plan delivered on ``delivered`` could take."""
    options = []
    for slot in Slot:
        for year in start_years_for(slot, delivered):
            window = delivery_window(slot, year)
            for years in DURATIONS:
                options.append({
                    "slot": slot.value, "start_year": year, "years": years,
                    "ends_on": plan_end(slot, year, years).isoformat(),
                    "window": window.as_dict(),
                })
    return options


@dataclass(frozen=True)
class PlanCalendar:
    """Every date of one action-plan cycle, each with the rule that sets it."""

    slot: Slot
    start_year: int
    years: int

    @property
    def window(self) -> Window:
        return delivery_window(self.slot, self.start_year)

    @property
    def delivery_deadline(self) -> date:
        """The slot date of the start year (30 June or 31 December), from which C7 counts."""
        return slot_day(self.slot, self.start_year)

    @property
    def ends_on(self) -> date:
        return plan_end(self.slot, self.start_year, self.years)

    @property
    def amendment_deadline(self) -> date:
        """C7: amendments within one year after the original delivery deadline."""
        return add_months(self.delivery_deadline, AMENDMENT_MONTHS)

    @property
    def refresh_mark(self) -> date | None:
        """C8: four-year plans are refreshed after two years; two-year plans are not."""
        if self.years != 4:
            return None
        return slot_day(self.slot, self.start_year + REFRESH_AFTER_YEARS)

    @property
    def refresh_deadline(self) -> date | None:
        """C8 (e): the refreshed plan is delivered at most six months after the mark."""
        mark = self.refresh_mark
        return None if mark is None else _month_end(add_months(mark, REFRESH_DELIVERY_MONTHS))

    @property
    def next_plan_late_after(self) -> date:
        """C9: with no new plan within 12 months after this one ends, the member is late."""
        return _month_end(add_months(self.ends_on, LATE_AFTER_MONTHS))

    @property
    def next_cocreation_from(self) -> date:
        """C11 (a recommendation): co-create the next plan "during the last months" of this
        one. The handbook gives no number; we read it as the last six months."""
        return _month_end(add_months(self.ends_on, -NEXT_COCREATION_MONTHS)) + timedelta(days=1)

    def delivery_status(self, delivered: date) -> dict:
        window = self.window
        return {
            "date": delivered.isoformat(),
            "in_window": delivered in window,
            "early": delivered < window.first,
            "late": delivered > window.last,
            "rule": window.rule,
        }

    def irm_products(self, delivered: date | None = None) -> list[dict]:
        """C10: the IRM's products and when to expect them (indicative moments)."""
        products = [
            {"product": "cocreation_brief", "expected_by": self.window.first.isoformat(),
             "rule": "C10"},
            {"product": "action_plan_review",
             "expected_after": (delivered or self.window.last).isoformat(), "rule": "C10"},
        ]
        if self.refresh_mark:
            products.append({"product": "implementation_check",
                             "expected_after": self.refresh_mark.isoformat(), "rule": "C10"})
        products.append({"product": "results_report", "expected_after": self.ends_on.isoformat(),
                         "rule": "C10"})
        return products

    def as_dict(self, delivered: date | None = None) -> dict:
        def dated(day, rule):
            return None if day is None else {"date": day.isoformat(), "rule": rule}

        result = {
            "slot": self.slot.value,
            "start_year": self.start_year,
            "years": self.years,
            "delivery_window": self.window.as_dict(),
            "ends_on": dated(self.ends_on, "C2"),
            "amendment_deadline": dated(self.amendment_deadline, "C7"),
            "refresh": None,
            "next_plan_late_after": dated(self.next_plan_late_after, "C9"),
            "next_cocreation_from": dated(self.next_cocreation_from, "C11"),
            "irm_products": self.irm_products(delivered),
        }
        if self.refresh_mark:
            result["refresh"] = {
                "mark": self.refresh_mark.isoformat(),
                "delivery_deadline": self.refresh_deadline.isoformat(),
                "rule": "C8",
            }
        if delivered is not None:
            result["delivered"] = self.delivery_status(delivered)
        return result


def _month_end(day: date) -> date:
    return date(day.year, day.month, _cal.monthrange(day.year, day.month)[1])


def plan_calendar(slot: Slot | str, start_year: int, years: int) -> PlanCalendar:
    if years not in DURATIONS:
        raise ValueError(f"C1: a plan lasts 2 or 4 years, not {years}.")
    return PlanCalendar(Slot(slot), start_year, years)

