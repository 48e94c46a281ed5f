"""CM1–CM6 checks on commitment templates, with real-looking text."""

from datetime import date

from opengov.rules.commitments import check_commitment, check_plan


def complete(**overrides):
    commitment = {
        "number": 1,
        "title": {"fr": "Données ouvertes sur la commande publique",
                  "en": "Open data on public procurement"},
        "short_description": {"fr": "Publier tous les marchés.", "en": "Publish all contracts."},
        "lead_agency": "ANMP",
        **{field: {"fr": "Texte.", "en": "Text."} for field in (
            "problem", "causes", "done_so_far", "solution", "expected_results", "transparency",
            "accountability", "participation")},
        "milestones": [{"number": 1, "due_on": "2026-06-30", "lead": "ANMP",
                        "expected_result": {"fr": "Fait.", "en": "Done."}}],
    }
    commitment.update(overrides)
    return commitment


PERIOD = {"plan_start": date(2024, 7, 1), "plan_end": date(2028, 12, 31),
          "languages": ("fr", "en")}


def rules_of(findings):
    return sorted({f["rule"] for f in findings})


def test_a_complete_commitment_has_no_findings():
    assert check_commitment(complete(), **PERIOD) == []


def test_cm1_empty_template_fields_are_named():
    findings = check_commitment(complete(causes={"fr": "", "en": ""}, lead_agency=None),
                                **PERIOD)
    assert {f["field"] for f in findings if f["rule"] == "CM1"} == {"causes", "lead_agency"}


def test_cm2_counts_characters_not_bytes_in_each_language():
    short = {"fr": "é" * 199, "en": "x" * 200}
    findings = check_commitment(complete(short_description=short), **PERIOD)
    cm2 = [f for f in findings if f["rule"] == "CM2"]
    assert len(cm2) == 1 and cm2[0]["params"]["lang"] == "en"


def test_c6_missing_english_text():
    findings = check_commitment(complete(problem={"fr": "Un problème.", "en": ""}), **PERIOD)
    assert rules_of(findings) == ["C6"]


def test_cm3_all_three_values_not_applicable():
    na = {"fr": "N/A", "en": "N/A"}
    findings = check_commitment(complete(transparency=na, accountability=na,
                                         participation={"fr": "n/a.", "en": "N/A"}), **PERIOD)
    assert rules_of(findings) == ["CM3"]
    one_real = complete(transparency=na, accountability=na)
    assert check_commitment(one_real, **PERIOD) == []


def test_cm4_smart_findings_on_milestones():
    milestones = [{"number": 1}, {"number": 2, "due_on": "2030-01-01", "lead": "X",
                                  "expected_result": "Done."}]
    findings = check_commitment(complete(milestones=milestones), **PERIOD)
    explanations = " ".join(f["explanation"] for f in findings)
    assert "Milestone 1 has no planned completion date" in explanations
    assert "Milestone 2 is due on 2030-01-01, outside the plan's period" in explanations
    assert check_commitment(complete(milestones=[]), **PERIOD)[0]["rule"] == "CM4"


def test_cm6_local_commitment_needs_a_national_policy():
    assert rules_of(check_commitment(complete(is_local=True), **PERIOD)) == ["CM6"]
    local = complete(is_local=True, national_policy={"fr": "Loi de 2019", "en": "2019 Act"})
    assert check_commitment(local, **PERIOD) == []


def test_cm5_at_most_two_challenge_commitments_and_only_in_implementation():
    plan = [complete(number=n, is_challenge=True) for n in (1, 2, 3)]
    result = check_plan(plan, status="implementation", **PERIOD)
    assert [f["rule"] for f in result["plan"]] == ["CM5"]
    result = check_plan(plan[:1], status="co_creation", **PERIOD)
    assert "implementation" in result["plan"][0]["explanation"]
    assert check_plan(plan[:2], status="implementation", **PERIOD)["plan"] == []
