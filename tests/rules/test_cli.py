"""The command line as documented in docs/rules.md: JSON in, JSON out, exit code 2 on error."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "opengov.rules", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, check=False)


def test_calendar_call():
    result = run("calendar", "--slot", "june", "--start-year", "2024", "--years", "4",
                 "--delivered", "2024-09-01")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["ends_on"] == {"date": "2028-06-30", "rule": "C2"}
    assert data["refresh"]["delivery_deadline"] == "2026-12-31"
    assert data["delivered"] == {"date": "2024-09-01", "in_window": False, "early": False,
                                 "late": True, "rule": "C3"}


def test_slots_call():
    data = json.loads(run("slots", "--delivered", "2025-02-28").stdout)
    assert {(o["slot"], o["start_year"]) for o in data["options"]} == {("june", 2025),
                                                                        ("december", 2024)}


def test_evaluate_the_documented_example_matches_both_schemas():
    example = DOCS / "examples" / "facts.json"
    facts_schema = json.loads((DOCS / "rules-facts.schema.json").read_text())
    output_schema = json.loads((DOCS / "rules-output.schema.json").read_text())
    jsonschema.validate(json.loads(example.read_text()), facts_schema)
    result = run("evaluate", str(example), "--today", "2026-11-27")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    jsonschema.validate(output, output_schema)
    assert all(v["rule"] for v in output["verdicts"])
    assert {v["rule"]: v["status"] for v in output["verdicts"]}["F1"] == "at_risk"


def test_evaluate_reads_standard_input():
    result = run("evaluate", "-", "--today", "2026-01-01", stdin="{}")
    assert result.returncode == 0
    assert json.loads(result.stdout)["today"] == "2026-01-01"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["calendar", "--slot", "june", "--start-year", "2024", "--years", "3"], None,
         "invalid choice"),
        (["slots", "--delivered", "30/06/2024"], None, "not an ISO 8601 date"),
        (["evaluate", "/no/such/file.json"], None, "No such file"),
        (["evaluate", "-"], "{not json", "error:"),
        (["evaluate", "-"], '{"today": "2026-02-30"}', "today"),
        (["evaluate", "-", "--today", "2026-01-01"], '{"plan": {"slot": "may"}}', "plan.slot"),
        (["evaluate", "-", "--today", "2026-01-01"],
         '{"meetings": [{"date": "2026-01-01", "kind": "party"}]}', "meetings[0].kind"),
        (["evaluate", "-"], "{}", "today"),
    ],
)
def test_bad_input_gets_a_clear_error_and_exit_code_2(args, stdin, message):
    result = run(*args, stdin=stdin)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
