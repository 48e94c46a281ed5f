"""Plan and commitment checks (AP1, CM1–CM6, C6): template completeness, SMART findings,
languages, challenge rules.

Input is a plain dict per commitment (see docs/rules.md); each finding names its rule, the
field concerned and whether it blocks submission ("error") or deserves a look ("warning").
"""

from __future__ import annotations

from datetime import date

from .facts import FactsError, parse_date
from .verdicts import _

SHORT_DESCRIPTION_LIMIT = 200  # CM2: fewer than 200 characters
MAX_CHALLENGE = 2  # CM5
NOT_APPLICABLE = {"n/a", "na", "s.o.", "sans objet", "no aplica", "n/d", "-", "—"}

TEMPLATE_FIELDS = {  # CM1, in the template's order
    "title": _("title"),
    "short_description": _("short description"),
    "lead_agency": _("lead agency"),
    "problem": _("problem definition"),
    "causes": _("causes"),
    "done_so_far": _("what has been done so far"),
    "solution": _("proposed solution"),
    "expected_results": _("expected results"),
    "transparency": _("how it advances transparency"),
    "accountability": _("how it advances accountability"),
    "participation": _("how it advances public participation"),
}
TEXT_FIELDS = [f for f in TEMPLATE_FIELDS if f != "lead_agency"]
VALUES = ("transparency", "accountability", "participation")


def finding(rule, severity, field, template, **params):
    return {"rule": rule, "severity": severity, "field": field, "template": template,
            "params": {k: (v.isoformat() if isinstance(v, date) else v)
                       for k, v in params.items()},
            "explanation": template.format(**params)}


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def localized(value, lang) -> str:
    """Text of a field in ``lang``: fields are a string or ``{"fr": ..., "en": ...}``."""
    return _text(value.get(lang)) if isinstance(value, dict) else _text(value)


def _is_na(value) -> bool:
    return _text(value).lower().rstrip(".") in NOT_APPLICABLE


def check_commitment(commitment: dict, *, plan_start: date | None = None,
                     plan_end: date | None = None, languages=("en",)) -> list[dict]:
    """Findings on one commitment. Translated text is ``{"fr": ..., "en": ...}`` or a string."""
    findings = []

    def in_language(name, lang):
        return localized(commitment.get(name), lang)

    main = languages[0]
    for name, label in TEMPLATE_FIELDS.items():
        value = commitment.get(name) if name == "lead_agency" else in_language(name, main)
        if not value:
            findings.append(finding("CM1", "error", name, _(
                "The template's field “{label}” is empty."), label=label))
    for lang in languages:
        short = in_language("short_description", lang)
        if len(short) >= SHORT_DESCRIPTION_LIMIT:
            findings.append(finding("CM2", "error", "short_description", _(
                "The short description has {length} characters in {lang}; it must have fewer "
                "than 200."), length=len(short), lang=lang))
    for lang in languages[1:]:
        missing = [TEMPLATE_FIELDS[n] for n in TEXT_FIELDS
                   if in_language(n, main) and not in_language(n, lang)]
        if missing:
            findings.append(finding("C6", "error", "", _(
                "{count} fields have no text in {lang}: {fields}."), count=len(missing),
                lang=lang, fields=", ".join(missing)))
    if all(_is_na(in_language(v, main)) for v in VALUES) and all(in_language(v, main)
                                                              for v in VALUES):
        findings.append(finding("CM3", "error", "transparency", _(
            "The commitment answers “N/A” to transparency, accountability and "
            "participation: it must advance at least one.")))
    milestones = commitment.get("milestones") or []
    if not milestones:
        findings.append(finding("CM4", "error", "milestones", _(
            "No milestone: a commitment is measured by its milestones (Measurable).")))
    for index, milestone in enumerate(milestones, start=1):
        label = milestone.get("number", index)
        due = parse_date(milestone.get("due_on"), f"milestones[{index - 1}].due_on")
        if due is None:
            findings.append(finding("CM4", "error", "milestones", _(
                "Milestone {number} has no planned completion date (Time-bound)."),
                number=label))
        elif plan_start and plan_end and not (plan_start <= due <= plan_end):
            findings.append(finding("CM4", "error", "milestones", _(
                "Milestone {number} is due on {due}, outside the plan's period ({start} to "
                "{end})."), number=label, due=due, start=plan_start, end=plan_end))
        if not localized(milestone.get("expected_result"), main):
            findings.append(finding("CM4", "warning", "milestones", _(
                "Milestone {number} states no expected result (Measurable)."), number=label))
        if not milestone.get("lead"):
            findings.append(finding("CM4", "warning", "milestones", _(
                "Milestone {number} has no lead stakeholder (Assigned)."), number=label))
    for lang in languages[1:]:
        untranslated = [str(m.get("number", i)) for i, m in enumerate(milestones, start=1)
                        if any(localized(m.get(f), main) and not localized(m.get(f), lang)
                               for f in ("title", "expected_result"))]
        if untranslated:
            findings.append(finding("C6", "error", "milestones", _(
                "Milestones {numbers} have no text in {lang}."),
                numbers=", ".join(untranslated), lang=lang))
    if commitment.get("is_local") and not in_language("national_policy", main):
        findings.append(finding("CM6", "error", "national_policy", _(
            "A local commitment must derive from a national policy or programme.")))
    return findings


SECTIONS = {  # AP1, sections 1 to 3 (section 4 is the commitments)
    "introduction": _("1. Introduction"),
    "efforts_to_date": _("2. Open government efforts to date"),
    "development_process": _("3. Development process"),
}


def check_sections(sections: dict, languages=("en",)) -> list[dict]:
    """AP1: the plan's first three sections are written, in every language (C6)."""
    findings = []
    main = languages[0]
    for name, label in SECTIONS.items():
        if not localized(sections.get(name), main):
            findings.append(finding("AP1", "error", name, _(
                "The plan's section “{label}” is empty."), label=label))
            continue
        for lang in languages[1:]:
            if not localized(sections.get(name), lang):
                findings.append(finding("C6", "error", name, _(
                    "The plan's section “{label}” has no text in {lang}."), label=label,
                    lang=lang))
    return findings


def check_plan(commitments: list[dict], *, status: str, plan_start=None, plan_end=None,
               languages=("en",), sections: dict | None = None) -> dict:
    """Findings per commitment, plus the plan-wide rules: AP1 sections (when ``sections`` is
    given) and the challenge rules (CM5)."""
    results = {}
    for index, commitment in enumerate(commitments):
        if not isinstance(commitment, dict):
            raise FactsError(f"commitments[{index}]: expected an object.")
        key = str(commitment.get("number", index + 1))
        results[key] = check_commitment(commitment, plan_start=plan_start, plan_end=plan_end,
                                        languages=languages)
    plan_findings = check_sections(sections, languages) if sections is not None else []
    if not commitments and sections is not None:
        plan_findings.append(finding("AP1", "error", "commitments", _(
            "The plan has no commitment yet (section 4).")))
    challenges = [str(c.get("number", i + 1)) for i, c in enumerate(commitments)
                  if c.get("is_challenge")]
    if len(challenges) > MAX_CHALLENGE:
        plan_findings.append(finding("CM5", "error", "is_challenge", _(
            "The plan has {count} challenge commitments; at most two are allowed."),
            count=len(challenges)))
    if challenges and status == "co_creation":
        plan_findings.append(finding("CM5", "error", "is_challenge", _(
            "Challenge commitments are added only once the plan is in implementation.")))
    return {"plan": plan_findings, "commitments": results}
