"""Implementation (W3 f, CM6, SA1): when a commitment's next update is due, and its colour
in the self-assessment."""

from __future__ import annotations

from datetime import date

from .requirements import periodic
from .verdicts import Verdict, _

UPDATE_MONTHS = 6  # W3 (f): at least every six months
LOCAL_UPDATE_MONTHS = 3  # CM6: local commitments report at least quarterly
SERIOUS_DELAY_DAYS = 90  # SA1 "seriously delayed": a milestone this late and not complete


def update_due(updates: list[date], *, local: bool, since: date, today: date) -> Verdict:
    """W3 (f) / CM6 for one commitment: is its latest update recent enough, and when is the
    next one due? NOT_MET means the commitment is stale."""
    rule, months = ("CM6", LOCAL_UPDATE_MONTHS) if local else ("W3", UPDATE_MONTHS)
    relevant = [d for d in updates if d <= today]
    # Only the latest update matters here: earlier gaps are the plan-wide check's business.
    start = max(relevant) if relevant else since
    return periodic(rule, relevant and [start], months=months, since=start, today=today,
                    what=_("a progress update"), scope="commitment")


def self_assessment_colour(completion: str | None, *, delayed: bool,
                           longest_overdue_days: int = 0) -> str:
    """SA1: green for complete or substantial progress, orange for limited progress, red for
    not started or seriously delayed.

    ``completion`` is the latest reported completion (None when nothing was reported, which
    counts as not started). "Seriously delayed" is our reading of SA1: the latest update says
    delayed and a milestone is more than SERIOUS_DELAY_DAYS past its planned date without
    being complete (docs/rules.md).
    """
    if completion in ("complete", "substantial"):
        return "green"
    if completion == "limited":
        seriously = delayed and longest_overdue_days > SERIOUS_DELAY_DAYS
        return "red" if seriously else "orange"
    return "red"
