"""The command line as documented in docs/rules.md: JSON in, JSON out, exit code 2 on error,
and a strict reading of the facts: any unknown key or value is refused with its JSON path."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SCHEMAS = ROOT / "opengov" / "rules" / "schemas"


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
    facts_schema = json.loads((SCHEMAS / "facts.schema.json").read_text())
    output_schema = json.loads((SCHEMAS / "output.schema.json").read_text())
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


# Typos in every part of the facts. Before the strict reading, each gave a confident verdict:
# a misspelt "is_challenge" skipped CM5, a misspelt "rules_published_on" made F1 "not met".
TYPOS = [
    ({"todya": "2026-01-01"}, 'todya: unknown key; did you mean "today"?'),
    ({"forum": {"rules_publishd_on": "2025-01-01"}},
     'forum.rules_publishd_on: unknown key; did you mean "rules_published_on"?'),
    ({"forum": {"inclusion_groups": ["young"]}},
     'forum.inclusion_groups[0]: "young" is not one of'),
    ({"plan": {"slot": "may", "start_year": 2024, "years": 4}}, 'plan.slot: "may" is not one of'),
    ({"plan": {"slot": "june", "start_year": 2024, "years": 3}},
     "plan.years: 3 is not one of [2, 4]"),
    ({"plan": {"slot": "june", "start_year": "2024", "years": 2}},
     'plan.start_year: expected a whole number, got "2024"'),
    ({"plan": {"slot": "june", "start_year": 2024, "years": 2, "delivered_on": "31/12/2024"}},
     'plan.delivered_on: "31/12/2024" is not a date'),
    ({"meetings": [{"date": "2026-03-01", "kind": "plenary"}]},
     'meetings[0].kind: "plenary" is not one of ["forum", "cocreation_workshop"'),
    ({"meetings": [{"date": "2026-13-01", "kind": "forum"}]},
     'meetings[0].date: "2026-13-01" is not a date; expected YYYY-MM-DD'),
    ({"cocreation": {"mechanisms": [{"opens_on": "2026-01-01", "closes_on": "2026-02-01",
                                     "kind": "webform"}]}},
     'cocreation.mechanisms[0].kind: "webform" is not one of ["online_form"'),
    ({"cocreation": {"outreach": [{"date": "2026-01-01", "format": "zoom"}]}},
     'cocreation.outreach[0].format: "zoom" is not one of ["in_person", "online", "hybrid", null]'),
    ({"cocreation": {"contributions": {"answerd": 3}}},
     'cocreation.contributions.answerd: unknown key; did you mean "answered"?'),
    ({"refresh": {"timeline_publish_on": "2026-01-01"}},
     'refresh.timeline_publish_on: unknown key; did you mean "timeline_published_on"?'),
    ({"website": {"link": "https://example.org"}}, "website.link: unknown key"),
    ({"repository": {"update": ["2026-01-01"]}},
     'repository.update: unknown key; did you mean "updates"?'),
    ({"commitments": [{"id": "1", "is_local": True}]}, "commitments[0].is_local: unknown key"),
    ({"cycles": [{"plan": "1", "end_on": "2024-12-31"}]}, "cycles[0].ends_on: is required"),
    ({"cycles": [{"ends_on": "2024-12-31", "irm_failed_requirements": ["1.1"]}]},
     'cycles[0].irm_failed_requirements[0]: "1.1" is not one of ["F1"'),
    ({"commitment_checks": {"status": "cocreation"}},
     'commitment_checks.status: "cocreation" is not one of ["co_creation", "implementation", '
     '"completed"]'),
    ({"commitment_checks": {"commitments": [{"number": 1, "challenge": True}]}},
     'commitment_checks.commitments[0].challenge: unknown key; did you mean "is_challenge"?'),
    ({"commitment_checks": {"commitments": [{"milestones": [{"due": "2027-01-01"}]}]}},
     'commitment_checks.commitments[0].milestones[0].due: unknown key; did you mean "due_on"?'),
    ({"commitment_checks": {"languages": ["French"]}},
     "commitment_checks.languages[0]: "),
    ({"commitment_checks": {"sections": {"intro": "x"}}},
     'commitment_checks.sections.intro: unknown key; did you mean "introduction"?'),
]


@pytest.mark.parametrize(("facts", "message"), TYPOS, ids=[m.split(":")[0] for _, m in TYPOS])
def test_a_typo_anywhere_is_refused_with_its_json_path(tmp_path, capsys, facts, message):
    from opengov.rules.__main__ import main

    path = tmp_path / "facts.json"
    path.write_text(json.dumps({"today": "2026-11-27", **facts}) if "todya" not in facts
                    else json.dumps(facts), encoding="utf-8")
    assert main(["evaluate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"error: {message}" in err, err


def test_every_problem_is_listed_one_a_line():
    result = run("evaluate", "-", "--today", "2026-01-01", stdin=json.dumps(
        {"forum": {"rules_publishd_on": "2025-01-01"}, "plan": {"slot": "may"}}))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        'error: forum.rules_publishd_on: unknown key; did you mean "rules_published_on"? '
        'expected one of ["inclusion_groups", "rules_published_on"]',
        'error: plan.slot: "may" is not one of ["june", "december"]',
        "error: plan.start_year: is required",
        "error: plan.years: is required",
    ]


def test_a_reader_that_stops_early_gets_no_traceback():
    """``evaluate … | head``: the command stops quietly when its reader goes away."""
    big = {"today": "2026-11-27", "commitment_checks": {"commitments": [{}] * 4000}}
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "opengov.rules", "evaluate", "-"], cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdin.write(json.dumps(big).encode())
    process.stdin.close()
    assert process.stdout.readline().strip() == b"{"
    process.stdout.close()
    assert process.wait(timeout=60) == 1
    assert process.stderr.read() == b""
