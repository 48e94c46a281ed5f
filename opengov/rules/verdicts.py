"""Verdicts: a status, a one-sentence explanation, the rule ID and the facts it rests on.

Explanations are English templates with named parameters. ``_`` only marks them for the
platform's translation catalogue (the engine itself never imports Django); the platform
renders ``gettext(template).format(**params)`` in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


def _(template: str) -> str:
    """Mark a message template for translation (no-op here)."""
    return template


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    AT_RISK = "at_risk"  # will fail on ``due`` unless something happens
    NOT_YET_DUE = "not_yet_due"
    UNKNOWN = "unknown"  # facts are missing


# Worst first: a list of verdicts is summed up by its worst status.
SEVERITY = [Status.NOT_MET, Status.AT_RISK, Status.UNKNOWN, Status.NOT_YET_DUE, Status.MET]


@dataclass
class Verdict:
    rule: str
    status: Status
    template: str
    params: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)
    due: date | None = None
    scope: str = "plan"
    advice: list[str] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        return self.template.format(**self.params)

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "scope": self.scope,
            "status": self.status.value,
            "due": self.due.isoformat() if self.due else None,
            "explanation": self.explanation,
            "template": self.template,
            "params": _jsonable(self.params),
            "facts": _jsonable(self.facts),
            "advice": self.advice,
        }


def worst(statuses) -> Status:
    statuses = list(statuses)
    return min(statuses, key=SEVERITY.index) if statuses else Status.UNKNOWN


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
