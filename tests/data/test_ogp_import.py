"""Importing members' history from OGP's public commitment data (the real 558-row extract)."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext

from opengov.members.models import Member, Organisation
from opengov.plans.models import ActionPlan, Commitment, CommitmentStakeholder
from opengov.plans.ogp_import import import_commitments, parse_date, read_rows
from opengov.reports.models import CommitmentFinding, IRMProduct

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


def small_file(country, plans, commitments):
    """Rows in OGP's columns: ``plans`` two-year plans of ``commitments`` commitments each,
    every one with a lead and two supporting institutions of its own, and IRM ratings."""
    code = country[:3].upper()
    return [{
        "Country/Locality": country, "National Or Local": "National",
        "Action Plan ID": f"AP_{code}{plan:02}", "Action Plan Number": str(plan),
        "Year Of Submission": str(2014 + 2 * plan), "Action Plan End Year": str(2016 + 2 * plan),
        "Action Plan Duration (Years)": "2",
        "Commitment Unique Identifier": f"{code}{plan:02}{number:02}",
        "Commitment Title": f"Commitment {plan}.{number}", "Full Text": "What it does.",
        "Start Date": f"1/1/{2014 + 2 * plan}", "End Date": f"6/30/{2016 + 2 * plan}",
        "Lead Institution": f"Ministry {plan}.{number}",
        "Supporting Institution(s)": f"Agency {plan}.{number}; Network {plan}.{number}",
        "Specificity": "High", "Verifiable": "Yes", "Potential for Results": "Modest",
        "Completion (End Of Term)": "Substantial", "Early Results": "Moderate",
        "Did It Open Government (Overall)": "Major",
    } for plan in range(1, plans + 1) for number in range(1, commitments + 1)]


def queries_of_import(rows):
    with CaptureQueriesContext(connection) as captured:
        import_commitments(rows)
    return [query["sql"] for query in captured]


@pytest.mark.django_db
def test_queries_do_not_grow_with_rows(settings):
    # The importer's own queries; what the search index does with the changes is its own.
    settings.SEARCH_REINDEX_ON_SAVE = False
    # Both files fit in one insert per table (SQLite takes 999 values per statement).
    one, eight = small_file("Oneland", 1, 1), small_file("Eightland", 2, 4)
    first = len(queries_of_import(one)), len(queries_of_import(eight))
    again = len(queries_of_import(one)), len(queries_of_import(eight))
    assert first[0] == first[1] <= 25  # each table read once, written once (with history)
    assert again[0] == again[1] <= 10  # each table read once


TRACKED = (Member, Organisation, ActionPlan, Commitment, CommitmentStakeholder, IRMProduct,
           CommitmentFinding)


def history_and_last_changes():
    return {model.__name__: (model.history.count(),
                             model.all_objects.aggregate(last=Max("updated_at"))["last"])
            for model in TRACKED}


@pytest.mark.django_db
def test_second_import_of_the_same_file_writes_nothing():
    rows = read_rows(DATA)
    import_commitments(rows)
    before = history_and_last_changes()
    queries = queries_of_import(rows)
    assert [sql for sql in queries if not sql.startswith(("SELECT", "SAVEPOINT", "RELEASE"))] == []
    assert history_and_last_changes() == before  # no history rows, no updated_at moved


@pytest.mark.django_db
def test_a_changed_row_rewrites_only_its_records():
    rows = small_file("Changeland", 1, 3)
    import_commitments(rows)
    untouched = Commitment.objects.get(ogp_id="CHA0101")
    rows[1]["Commitment Title"] = "Renamed"
    rows[2]["Completion (End Of Term)"] = "Limited"
    rows[2]["Supporting Institution(s)"] += "; A new partner"
    report = import_commitments(rows)
    assert (report.members, report.plans, report.commitments) == (0, 0, 0)
    edits = Commitment.history.filter(ogp_id__startswith="CHA", history_type="~")
    assert list(edits.values_list("ogp_id", "title_en")) == [("CHA0102", "Renamed")]
    findings = CommitmentFinding.history.filter(commitment__ogp_id__startswith="CHA")
    assert list(findings.filter(history_type="~").values_list("completion", flat=True)) == [
        "limited"]
    assert not ActionPlan.history.filter(ogp_id="AP_CHA01", history_type="~").exists()
    assert Commitment.objects.get(pk=untouched.pk).updated_at == untouched.updated_at
    assert set(CommitmentStakeholder.objects.filter(commitment__ogp_id="CHA0103").values_list(
        "organisation__name_en", flat=True)) == {"Agency 1.3", "Network 1.3", "A new partner"}


@pytest.mark.django_db
def test_a_deleted_plan_found_again_is_brought_back():
    rows = small_file("Deleteland", 1, 2)
    import_commitments(rows)
    ActionPlan.objects.get(ogp_id="AP_DEL01").delete()  # soft, down to its commitments
    report = import_commitments(rows)
    assert (report.plans, report.commitments) == (0, 0)
    assert ActionPlan.objects.get(ogp_id="AP_DEL01").commitments.count() == 2
