"""A readable comparison of two frozen versions of a plan (C7, C8): what changed, where.

Works on the snapshots alone, so any two versions compare the same way forever. Texts are
compared word by word; the result marks removed and added words for the page to show.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .services import COMMITMENT_TEXT, MILESTONE_TEXT, PLAN_TEXT

TOKEN = re.compile(r"\s+|[^\s]+")


def text_of(value, lang) -> str:
    """A snapshot value in ``lang``: translated values are ``{"fr": ..., "en": ...}``."""
    if isinstance(value, dict):
        return (value.get(lang) or "").strip()
    if isinstance(value, list | tuple):
        return " – ".join(str(v) for v in value)
    return "" if value is None else str(value)


def word_diff(old: str, new: str) -> str:
    """HTML of ``new`` with removed words in <del> and added words in <ins>."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


def field_label(name: str) -> str:
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.translation import gettext as _

    from .models import ActionPlan, Commitment, Milestone

    if name == "period":
        return _("period covered")
    for model in (Commitment, Milestone, ActionPlan):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


@dataclass
class FieldChange:
    field: str
    old: str
    new: str

    @property
    def label(self):
        return field_label(self.field)

    @property
    def diff(self):
        return word_diff(self.old, self.new)


@dataclass
class CommitmentChange:
    number: int
    title: str
    status: str  # "added", "removed" or "changed"
    fields: list[FieldChange] = field(default_factory=list)
    milestones: list[tuple[str, str, list[FieldChange]]] = field(default_factory=list)


SCALARS = ("lead_agency", "period", "is_challenge", "is_local")


def _shown(value, name, lang) -> str:
    text = text_of(value, lang)
    if name.endswith("_on") and text:
        from datetime import date

        from django.utils import formats

        return formats.date_format(date.fromisoformat(text), "DATE_FORMAT")
    return text


def _fields(old: dict, new: dict, names, lang) -> list[FieldChange]:
    changes = []
    for name in names:
        before, after = _shown(old.get(name), name, lang), _shown(new.get(name), name, lang)
        if before != after:
            changes.append(FieldChange(name, before, after))
    return changes


def _key(commitment):
    return commitment.get("slug") or str(commitment.get("number"))


def compare(old: dict, new: dict, lang: str):
    """(plan field changes, commitment changes) between two snapshots, in ``lang``."""
    plan_changes = _fields(old["plan"], new["plan"], PLAN_TEXT, lang)
    before = {_key(c): c for c in old["commitments"]}
    after = {_key(c): c for c in new["commitments"]}
    changes = []
    for key, commitment in after.items():
        title = text_of(commitment.get("title"), lang) or text_of(commitment.get("title"), "en")
        if key not in before:
            changes.append(CommitmentChange(commitment["number"], title, "added"))
            continue
        previous = before[key]
        change = CommitmentChange(commitment["number"], title, "changed",
                                  _fields(previous, commitment, (*COMMITMENT_TEXT, *SCALARS),
                                          lang))
        old_milestones = {str(m["number"]): m for m in previous.get("milestones", [])}
        new_milestones = {str(m["number"]): m for m in commitment.get("milestones", [])}
        for number in sorted(set(old_milestones) | set(new_milestones), key=int):
            label = f"{commitment['number']}.{number}"
            if number not in old_milestones:
                change.milestones.append((label, "added", []))
            elif number not in new_milestones:
                change.milestones.append((label, "removed", []))
            else:
                fields = _fields(old_milestones[number], new_milestones[number],
                                 (*MILESTONE_TEXT, "due_on", "starts_on", "lead"), lang)
                if fields:
                    change.milestones.append((label, "changed", fields))
        if change.fields or change.milestones:
            changes.append(change)
    for key, commitment in before.items():
        if key not in after:
            changes.append(CommitmentChange(commitment["number"], text_of(
                commitment.get("title"), lang), "removed"))
    changes.sort(key=lambda c: c.number)
    return plan_changes, changes
