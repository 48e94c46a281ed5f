"""Command line: JSON in, JSON out. See docs/rules.md.

    python -m opengov.rules calendar --slot june --start-year 2024 --years 4 [--delivered DATE]
    python -m opengov.rules slots --delivered DATE
    python -m opengov.rules evaluate FACTS.json [--today DATE]
    python -m opengov.rules catalogue [--tests DIR] [--write docs/rules.md]

Bad input gets an error on stderr (one line a problem, each with its JSON path) and exit
code 2, with nothing on stdout. Piped into a command that stops reading early (``| head``),
it stops quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from .calendar import DURATIONS, Slot, plan_calendar, slots_for
from .catalogue import markdown, rewrite
from .commitments import check_plan
from .facts import FactsError, parse_date, parse_facts
from .requirements import contrary_to_process, evaluate

RULE_SET = "OGP National Handbook (2022); Participation & Co-Creation Standards (2021)"


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)") from error


def evaluate_document(data: dict, today: date | None = None) -> dict:
    """Everything the engine can say about one JSON document of facts."""
    facts = parse_facts(data, today)
    result = {"today": facts.today.isoformat(), "rule_set": RULE_SET,
              "verdicts": [v.as_dict() for v in evaluate(facts)]}
    if facts.plan is not None:
        result["calendar"] = facts.plan.calendar.as_dict(facts.plan.delivered_on)
    if facts.cycles:
        result["contrary_to_process"] = contrary_to_process(facts)
    checks = data.get("commitment_checks")
    if checks is not None:
        calendar = facts.plan.calendar if facts.plan else None
        result["commitment_checks"] = check_plan(
            checks.get("commitments") or [], status=checks.get("status", "co_creation"),
            plan_start=parse_date(checks.get("period_start"), "commitment_checks.period_start")
            or (calendar.window.first if calendar else None),
            plan_end=calendar.ends_on if calendar else None,
            languages=tuple(checks.get("languages") or ("en",)),
            sections=checks.get("sections"),
        )
    return result


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m opengov.rules", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    cal = commands.add_parser("calendar", help="every date of a plan cycle")
    cal.add_argument("--slot", required=True, choices=[s.value for s in Slot])
    cal.add_argument("--start-year", required=True, type=int)
    cal.add_argument("--years", required=True, type=int, choices=DURATIONS)
    cal.add_argument("--delivered", type=iso_date, help="delivery date, to check it (C3)")
    slots = commands.add_parser("slots", help="which slots a delivery date fits")
    slots.add_argument("--delivered", required=True, type=iso_date)
    ev = commands.add_parser("evaluate", help="verdicts on a JSON file of facts ('-': stdin)")
    ev.add_argument("facts")
    ev.add_argument("--today", type=iso_date)
    cat = commands.add_parser("catalogue", help="the rule catalogue, as a Markdown table")
    cat.add_argument("--tests", type=Path, help="list the test files that name each rule")
    cat.add_argument("--write", type=Path, metavar="DOC",
                     help="rewrite the catalogue part of DOC instead of printing it")
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "calendar":
            output = plan_calendar(args.slot, args.start_year, args.years).as_dict(args.delivered)
        elif args.command == "catalogue":
            if args.write:
                rewrite(args.write, args.tests)
                return 0
            sys.stdout.write(markdown(args.tests))
            return 0
        elif args.command == "slots":
            output = {"delivered": args.delivered.isoformat(), "options": slots_for(args.delivered),
                      "rule": "C3"}
        else:
            handle = sys.stdin if args.facts == "-" else open(args.facts, encoding="utf-8")  # noqa: SIM115
            with handle:
                data = json.load(handle)
            output = evaluate_document(data, args.today)
    except (OSError, json.JSONDecodeError, FactsError, ValueError) as error:
        lines = str(error).splitlines() or [type(error).__name__]
        for line in lines:
            print(f"error: {line}", file=sys.stderr)
        return 2
    try:
        json.dump(output, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): say nothing, and keep Python from failing
        # again when it flushes stdout on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
