"""The rule catalogue of ``docs/rules.md``, written from the registry.

``python -m opengov.rules catalogue --tests tests --write docs/rules.md`` rewrites the part
of docs/rules.md between the two catalogue markers; a test fails when that part is not what
the registry and the tests say today.
"""

from __future__ import annotations

import re
from pathlib import Path

from .registry import RULES, Kind, Rule

START = "<!-- catalogue:start (written by `python -m opengov.rules catalogue`) -->"
END = "<!-- catalogue:end -->"
KIND_LABELS = {Kind.MINIMUM_REQUIREMENT: "minimum requirement", Kind.RULE: "rule",
               Kind.RECOMMENDATION: "recommendation"}


def needs_tests(rule: Rule) -> bool:
    """A rule the platform checks or enforces (not only records) must be named by a test."""
    return bool(rule.checks) and not rule.guidance


def _mentions(rule_id: str) -> re.Pattern:
    # "C1" is not "C10" nor "CC1"; "W3 (f)" is W3.
    return re.compile(rf"(?<![A-Za-z0-9_]){re.escape(rule_id)}(?![0-9A-Za-z_])")


def files_naming(tests_root: Path) -> dict[str, list[str]]:
    """For each rule ID, the test files (relative to the project) whose text names it."""
    files = sorted(p for p in Path(tests_root).rglob("test_*.py"))
    texts = {p: p.read_text(encoding="utf-8") for p in files}
    base = Path(tests_root).resolve().parent
    return {rule.id: [str(p.resolve().relative_to(base)) for p, text in texts.items()
                      if _mentions(rule.id).search(text)] for rule in RULES}


def _checks(rule: Rule) -> str:
    return "<br>".join(f"`{c.removeprefix('opengov.')}`" for c in rule.checks) or "—"


def markdown(tests_root: Path | None = None) -> str:
    """The catalogue as a Markdown table, with the test files of each rule when given."""
    tests = files_naming(tests_root) if tests_root else {}
    lines = ["| ID | rule | § | kind | checked or enforced in | tests |",
             "| --- | --- | --- | --- | --- | --- |"]
    for rule in RULES:
        kind = KIND_LABELS[rule.kind] + (f" {rule.requirement}" if rule.requirement else "")
        name = rule.name + (f" *Guidance only: {rule.guidance}*" if rule.guidance else "")
        named = tests.get(rule.id, [])
        listed = "<br>".join(f"`{t.removeprefix('tests/')}`" for t in named[:4])
        more = f"<br>and {len(named) - 4} more" if len(named) > 4 else ""
        lines.append(f"| {rule.id} | {name} | {rule.section} | {kind} | {_checks(rule)} | "
                     f"{listed + more or '—'} |")
    return "\n".join(lines) + "\n"


def rewrite(document: Path, tests_root: Path | None) -> bool:
    """Put the catalogue between the markers of ``document``; True when it changed."""
    text = document.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    new = f"{before}{START}\n{markdown(tests_root)}{END}{after}"
    if new != text:
        document.write_text(new, encoding="utf-8")
    return new != text


def current(document: Path) -> str:
    """What stands between the markers of ``document`` now."""
    rest = document.read_text(encoding="utf-8").split(START, 1)[1]
    return rest.split(END, 1)[0].lstrip("\n")
