"""Importing members' history from OGP's public commitment data (the real 558-row extract)."""

from datetime import date

import pytest
from django.core.management import call_command

from opengov.members.models import Member
from opengov.plans.models import ActionPlan, Commitment
from opengov.plans.ogp_import import import_commitments, parse_date, read_rows
from opengov.reports.models import CommitmentFinding

from .test_real_commitments import DATA


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("1/1/2018", False, date(2018, 1, 1)), ("6/30/19", False, date(2019, 6, 30)),
    ("July 2019", False, date(2019, 7, 1)), ("July 2019", True, date(2019, 7, 31)),
    ("2011", True, date(2011, 12, 31)), ("43525", False, date(2019, 3, 1)),
    ("NA", False, None), ("I quarter of 2021", False, None), ("2/30/2020", False, None)])
def test_mixed_date_formats(text, end, expected):
    assert parse_date(text, end=end) == expected


@pytest.mark.django_db
def test_whole_example_file_idempotent_with_reasons(capsys):
    rows = read_rows(DATA)
    first = import_commitments(rows)
    # Plans of 1 or 3 years cannot be plans (C1): their rows are listed, with the reason.
    assert first.skipped and all("C1" in reason for _id, reason in first.skipped)
    assert first.commitments + len(first.skipped) == len(rows) == 558
    assert first.per_member["Albania"] == Commitment.objects.filter(
        plan__member__slug="albania").count()
    plans, commitments = ActionPlan.objects.count(), Commitment.objects.count()
    call_command("import_ogp_commitments", str(DATA))
    assert "0 new members, 0 new plans, 0 new commitments." in capsys.readouterr().out
    assert (ActionPlan.objects.count(), Commitment.objects.count()) == (plans, commitments)

    costa_rica = ActionPlan.objects.get(ogp_id="AP_CRI05")
    assert costa_rica.duration_years == 4  # 2023–2027, though the file says 2
    assert all(len(c.short_description_en) < 200 for c in Commitment.objects.all())  # CM2
    assert Member.objects.filter(kind="local").exists()
    ratings = CommitmentFinding.objects.exclude(completion="")
    assert ratings.count() > 200 and ratings.filter(did_it_open_government="major").exists()


@pytest.mark.django_db
def test_one_member_only():
    report = import_commitments(read_rows(DATA), member_name="Albania")
    assert list(report.per_member) == ["Albania"]
    assert set(Member.objects.filter(plans__ogp_id__startswith="AP_").values_list(
        "slug", flat=True)) == {"albania"}
