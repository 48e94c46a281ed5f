"""Real OGP commitments (558 of 214 plans, CC BY 4.0) through our model and pages.

Real data is messier than any demo: 1- and 3-year plans (C1 says 2 or 4), short titles of
200 characters and more (CM2), titles of 600 characters, text in many languages.
"""

import csv
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from opengov.plans.models import ActionPlan, Commitment

# OGP's public commitment data (558 commitments, CC BY 4.0): see ogp-commitments/README.md.
DATA = Path(__file__).resolve().parent / "ogp-commitments" / "ogp-commitments-extract-2024.csv"


@pytest.fixture(scope="module")
def rows():
    with DATA.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_data_set_is_the_expected_extract(rows):
    assert len(rows) == 558
    assert len({r["Action Plan ID"] for r in rows}) == 214


@pytest.mark.django_db
def test_c1_flags_exactly_the_real_plans_that_are_not_two_or_four_years(rows, demo):
    plans = {r["Action Plan ID"]: r for r in rows}
    refused = set()
    for number, (plan_id, row) in enumerate(sorted(plans.items()), start=100):
        plan = ActionPlan(member=demo, number=number, slug=f"real-{number}", title=plan_id,
                          start_year=int(row["Year Of Submission"]),
                          duration_years=int(row["Action Plan Duration (Years)"]),
                          delivery_slot="june")
        try:
            plan.full_clean(exclude=["ends_on"])
        except ValidationError as error:
            assert "duration_years" in error.message_dict
            refused.add(plan_id)
    expected = {pid for pid, r in plans.items()
                if r["Action Plan Duration (Years)"] not in {"2", "4"}}
    assert refused == expected and refused  # e.g. one-year and three-year plans


@pytest.mark.django_db
def test_cm2_short_description_limit_on_real_text(rows, current_plan):
    refused, accepted = [], 0
    for number, row in enumerate(rows, start=100):
        commitment = Commitment(
            plan=current_plan, number=number, slug=f"real-{number}",
            title=row["Commitment Title"][:1000], short_description=row["Short Title"],
            lead_agency=current_plan.member.lead_agency, period_start=date(2025, 1, 1),
            period_end=date(2028, 12, 31), problem=row["Full Text"],
        )
        try:
            commitment.full_clean(exclude=["plan", "lead_agency"])
            accepted += 1
        except ValidationError as error:
            assert set(error.message_dict) <= {"short_description", "short_description_en"}
            refused.append(row["Commitment Unique Identifier"])
    too_long = [r["Commitment Unique Identifier"] for r in rows if len(r["Short Title"]) >= 200]
    assert refused == too_long and len(too_long) == 3
    assert accepted == 555  # every real title (up to 603 characters) fits


@pytest.mark.django_db
def test_real_commitment_in_spanish_renders_on_the_public_page(rows, current_plan, client):
    row = next(r for r in rows if r["Commitment Unique Identifier"] == "AR0045")
    commitment = Commitment.objects.create(
        plan=current_plan, number=99, slug="ar0045", title_en=row["Commitment Title"],
        short_description_en=row["Short Title"], problem_en=row["Full Text"],
        lead_agency=current_plan.member.lead_agency, period_start=date(2017, 8, 1),
        period_end=date(2019, 6, 30),
    )
    body = client.get(commitment.get_absolute_url()).content.decode()
    assert "Apertura de datos del Congreso Nacional" in body
    assert row["Full Text"].split("\n")[0][:60] in body
