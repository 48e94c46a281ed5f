"""One rule registry: every rule the platform names is in it, every check it lists exists and
is tested, docs/rules.md is written from it, and the engine's schema agrees with the models."""

import importlib
import re
from pathlib import Path

import pytest

from opengov.rules import registry
from opengov.rules.catalogue import current, files_naming, markdown, needs_tests
from opengov.rules.schema import load

ROOT = Path(__file__).resolve().parents[2]
RULE_ID = re.compile(r"(?<![A-Za-z0-9_])(?:RO|CC|AP|CM|SA|F|C|I|W|R|B|P)\d{1,2}(?![0-9A-Za-z_])")


def resolve(dotted: str):
    """``opengov.rules.calendar.PlanCalendar.refresh_deadline`` → that attribute."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise ImportError(dotted)


def test_ids_are_unique_and_every_minimum_requirement_has_its_number():
    ids = [rule.id for rule in registry.RULES]
    assert len(ids) == len(set(ids))
    minimums = [r for r in registry.RULES if r.kind is registry.Kind.MINIMUM_REQUIREMENT]
    assert {r.id: r.requirement for r in minimums} == {
        "F1": "1.1", "W1": "2.1", "R1": "2.2", "CC3": "3.1", "CC4": "3.2", "CC5": "3.3",
        "CC9": "4.1", "I5": "5.1"}


@pytest.mark.parametrize("rule", registry.RULES, ids=lambda r: r.id)
def test_every_listed_check_exists(rule):
    for dotted in rule.checks:
        assert resolve(dotted) is not None, dotted


def test_a_rule_with_a_check_is_named_by_a_test():
    named = files_naming(ROOT / "tests")
    untested = [r.id for r in registry.RULES if needs_tests(r) and not [
        f for f in named[r.id] if f != "tests/rules/test_registry.py"]]
    assert untested == []


def test_every_minimum_requirement_says_what_to_do_when_at_risk_or_not_met():
    for rule in registry.RULES:
        if rule.kind is registry.Kind.MINIMUM_REQUIREMENT and rule.id != "W1":
            assert rule.next_step("at_risk") and rule.next_step("not_met"), rule.id


def test_rules_without_a_check_say_why():
    for rule in registry.RULES:
        assert rule.checks or rule.guidance, rule.id


def test_every_rule_id_the_code_names_is_in_the_registry():
    unknown = {}
    for path in (ROOT / "opengov").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for found in RULE_ID.findall(path.read_text(encoding="utf-8")):
            if found not in registry.BY_ID and found != "CC0":  # CC0: the licence
                unknown.setdefault(found, []).append(str(path.relative_to(ROOT)))
    assert unknown == {}


def test_the_documented_catalogue_is_the_registry():
    """docs/rules.md is rewritten by `python -m opengov.rules catalogue --tests tests
    --write docs/rules.md`; run it when this fails."""
    assert current(ROOT / "docs" / "rules.md") == markdown(ROOT / "tests")


def test_no_file_points_outside_the_repository():
    forbidden = ["RULES" + ".md", "../" + "shared", "handbook" + "/", "manuel" + "-national"]
    skipped = {".git", ".venv", "node_modules", "var", "__pycache__", ".pytest_cache"}
    found = []
    for path in ROOT.rglob("*"):
        if skipped & set(path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path.suffix in {".py", ".md", ".html", ".json", ".toml", ".txt", ".po", ".cfg",
                           ".yml", ".yaml"} or path.name in {"Makefile", "run"}:
            text = path.read_text(encoding="utf-8", errors="ignore")
            found += [(str(path.relative_to(ROOT)), w) for w in forbidden if w in text]
    assert found == []


# -- the schema and the platform's records say the same ------------------------------------

def _enum(*path):
    node = load("facts")
    for key in path:
        node = node[key]
    return [v for v in node["enum"] if v is not None]


def test_schema_values_are_the_platform_s_choices():
    from opengov.cocreation.models import InputMechanism
    from opengov.core.models import MeetingFormat
    from opengov.forum.models import InclusionGroup, Meeting
    from opengov.plans.models import ActionPlan
    from opengov.rules.calendar import DURATIONS, Slot

    props = ("properties",)
    assert _enum(*props, "meetings", "items", *props, "kind") == list(Meeting.Kind.values)
    cocreation = ("$defs", "cocreation", *props)
    assert _enum(*cocreation, "outreach", "items", *props, "format") == MeetingFormat.values
    assert _enum(*cocreation, "mechanisms", "items", *props, "kind") == \
        InputMechanism.Kind.values
    assert _enum(*props, "commitment_checks", *props, "status") == ActionPlan.Status.values
    groups = _enum(*props, "forum", *props, "inclusion_groups", "items")
    assert groups == InclusionGroup.values
    assert _enum(*props, "plan", *props, "slot") == [s.value for s in Slot]
    assert _enum(*props, "plan", *props, "years") == list(DURATIONS)
    assert tuple(_enum("$defs", "minimum_requirement")) == registry.MINIMUM_REQUIREMENTS


def test_every_field_of_the_schema_is_described():
    schema = load("facts")
    undescribed = [f"$defs.{k}" for k, v in schema["$defs"].items() if "description" not in v]

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in (node.get("properties") or {}).items():
                if "description" not in value and "$ref" not in value:
                    undescribed.append(f"{path}.{key}")
                walk(value, f"{path}.{key}")
            walk(node.get("items"), f"{path}[]")

    walk(schema, "facts")
    for name, definition in schema["$defs"].items():
        walk(definition, f"$defs.{name}")
    assert undescribed == []


@pytest.mark.django_db
def test_the_platform_s_facts_match_the_schema_and_read_back_the_same(demo):
    from opengov.compliance.facts import plan_facts
    from opengov.plans.models import ActionPlan
    from opengov.rules.facts import facts_as_json, parse_facts
    from opengov.rules.schema import problems
    from tests.conftest import DEMO_TODAY

    for plan in ActionPlan.objects.filter(member=demo):
        facts = plan_facts(plan, today=DEMO_TODAY)
        data = facts_as_json(facts)
        assert problems(data) == []
        assert parse_facts(data) == facts
