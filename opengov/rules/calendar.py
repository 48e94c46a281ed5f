"""Action-plan calendar: durations, delivery slots, windows and end dates (C1–C3).

29 February: C3 says a December plan may be delivered "from 1 July to 28 February". The
engine keeps to the letter of the handbook: in a leap year, 29 February is *outside* the
window (no extension is ever granted, C3).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

DURATIONS = (2, 4)  # C1


class Slot(StrEnum):
    """Delivery slot: the day of the year the plan ends (C2)."""

    JUNE = "june"
    DECEMBER = "december"


def slot_day(slot: Slot, year: int) -> date:
    """The slot's date in ``year``: 30 June or 31 December (C2)."""
    return date(year, 6, 30) if Slot(slot) is Slot.JUNE else date(year, 12, 31)


def plan_end(slot: Slot, start_year: int, years: int) -> date:
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


def delivery_window(slot: Slot, start_year: int) -> Window:
    """C3: when a plan of ``start_year`` may be delivered, and start.

    June: 1 January to 31 August of the start year (six months before and two after
    30 June). December: 1 July of the start year to 28 February of the next year.
    """
    if Slot(slot) is Slot.JUNE:
        return Window(date(start_year, 1, 1), date(start_year, 8, 31))
    return Window(date(start_year, 7, 1), date(start_year + 1, 2, 28))


def start_years_for(slot: Slot, delivered: date) -> list[int]:
    """The start years whose delivery window for ``slot`` contains ``delivered`` (C3)."""
    return [
        year
        for year in (delivered.year - 1, delivered.year)
        if delivered in delivery_window(slot, year)
    ]
