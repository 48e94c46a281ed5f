"""The public side of implementation: dashboard, repository, tracking sheet, self-assessment."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from opengov.core.models import ModerationState
from opengov.plans.models import ActionPlan, Commitment, Milestone
from opengov.reports.models import SelfAssessment
from opengov.reports.services import self_assessment_draft
from opengov.repository.models import Document
from opengov.tracking.models import Comment, ProgressUpdate
from opengov.tracking.selectors import progress

from .files import pdf_with


@pytest.mark.django_db
def test_dashboard_has_accessible_charts_with_tables(client, current_plan):
    body = client.get("/en/implementation/").content.decode()
    assert body.count('role="img"') == 2  # the milestone lanes are told as lists of text
    for caption in ("Commitments by completion", "Overdue milestones",
                    "Progress updates published per month"):
        assert f"<caption>{caption}</caption>" in body
    overdue = [m for row in progress(current_plan.commitments.all())
               for m in row.overdue_milestones]
    assert overdue and all(m.milestone.title in body for m in overdue)
    assert body.count('class="mark-overdue"') == len(overdue)
    lanes = body[body.index('class="lane-list"'):body.index('id="timeline-caption"')]
    assert lanes.count(": overdue</li>") == len(overdue)


@pytest.mark.django_db
def test_svg_coordinates_are_not_localised(client):
    """French writes 12,5: an SVG coordinate must stay 12.5."""
    body = client.get("/fr/implementation/").content.decode()
    assert 'x="' in body and ',' not in body.split('x="', 2)[1].split('"')[0]


@pytest.mark.django_db
def test_stale_commitments_are_flagged(client, users, current_plan, own_and_other_commitment):
    own, _other = own_and_other_commitment
    today = timezone.localdate()
    # Nothing published on this commitment for seven months.
    ProgressUpdate.objects.filter(commitment=own).update(reported_on=today - timedelta(days=213))
    local = Commitment.objects.get(plan=current_plan, is_local=True)
    ProgressUpdate.objects.filter(commitment=local).update(reported_on=today - timedelta(days=100))
    rows = {row.commitment.pk: row for row in progress(current_plan.commitments.all())}
    assert rows[own.pk].stale and rows[own.pk].due.rule == "W3"
    assert rows[local.pk].stale and rows[local.pk].due.rule == "CM6"  # three months
    fresh = [row for pk, row in rows.items() if pk not in (own.pk, local.pk)]
    assert not any(row.stale for row in fresh)
    body = client.get("/en/implementation/").content.decode()
    assert body.count(">Overdue</span>") == 2
    client.force_login(users["agency"])
    assert "Update overdue" in client.get(reverse("workspace:home")).content.decode()


@pytest.mark.django_db
def test_repository_has_a_folder_per_commitment_and_for_the_process(client, current_plan):
    empty = Commitment.objects.filter(plan=current_plan).exclude(documents__isnull=False).first()
    body = client.get(reverse("repository:plan_repository", args=[current_plan.slug])).content
    body = body.decode()
    for commitment in current_plan.commitments.all():
        assert reverse("repository:folder", args=[current_plan.slug, commitment.slug]) in body
    assert reverse("repository:folder", args=[current_plan.slug, "process"]) in body
    folder = client.get(reverse("repository:folder", args=[current_plan.slug, empty.slug]))
    assert folder.status_code == 200
    assert "No document in this folder yet." in folder.content.decode()
    assert client.get(reverse("repository:folder",
                              args=[current_plan.slug, "nope"])).status_code == 404


@pytest.mark.django_db
def test_repository_folder_shows_last_update_and_hides_private(client, demo, current_plan,
                                                                own_and_other_commitment):
    own, _other = own_and_other_commitment
    Document.objects.create(member=demo, kind="evidence", title="SECRET-draft-evidence",
                            date=timezone.localdate(), language="fr", commitment=own,
                            plan=current_plan, is_public=False)
    body = client.get(reverse("repository:folder", args=[current_plan.slug, own.slug]))
    body = body.content.decode()
    assert "SECRET-draft-evidence" not in body
    assert "Last updated on" in body


@pytest.mark.django_db
def test_tracking_sheet_csv_and_xlsx(client, current_plan):
    url_csv = reverse("repository:sheet", args=[current_plan.slug, "csv"])
    rows = list(csv.reader(io.StringIO(client.get(url_csv).content.decode())))
    assert rows[0][:4] == ["Number", "Commitment", "Lead agency", "Latest completion"]
    assert len(rows) - 1 == current_plan.commitments.count()
    contracting = next(r for r in rows if r[1] == "Open data on public procurement")
    assert "http://testserver/en/documents/" in contracting[-1]
    xlsx = client.get(reverse("repository:sheet", args=[current_plan.slug, "xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet.max_row == len(rows) and sheet["B1"].value == "Commitment"
    assert client.get(reverse("repository:sheet", args=[current_plan.slug, "exe"])).status_code \
        == 404


@pytest.mark.django_db
def test_tracking_sheet_writes_formulas_as_text(client, current_plan):
    """CSV injection (OWASP): a title a spreadsheet would run as a formula gets a leading '
    in the CSV, and is a plain text cell in the XLSX."""
    formula = '=HYPERLINK("http://evil.example","x")'
    commitment = Commitment.objects.get(plan=current_plan, slug="open-contracting")
    commitment.title_en = formula
    commitment.save()
    url = reverse("repository:sheet", args=[current_plan.slug, "csv"])
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert [row[1] for row in rows if row[0] == str(commitment.number)] == [f"'{formula}"]
    xlsx = client.get(reverse("repository:sheet", args=[current_plan.slug, "xlsx"])).content
    cells = [cell for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    title = next(cell for cell in cells if cell.value == formula)
    assert title.data_type == "s" and title.quotePrefix
    number = next(cell for cell in cells if cell.column == 1 and cell.row == title.row)
    assert number.value == commitment.number and number.data_type == "n"


@pytest.mark.django_db
def test_self_assessment_draft_colours_follow_the_updates(current_plan):
    today = timezone.localdate()
    report = self_assessment_draft(current_plan, today=today)
    items = {i.commitment.number: i for i in report.commitment_assessments.all()}
    rows = {row.commitment.number: row for row in progress(current_plan.commitments.all())}
    assert len(items) == current_plan.commitments.count()
    for number, item in items.items():
        latest = rows[number].latest
        if latest.completion in ("complete", "substantial"):
            assert item.colour == "green"
        elif latest.completion == "not_started":
            assert item.colour == "red"
        else:
            assert item.colour in ("orange", "red")
    # Commitment 3 is limited, delayed, with a milestone over a year late: seriously delayed.
    assert rows[3].latest.completion == "limited" and items[3].colour == "red"
    assert "Overdue milestones: 3.1" in items[3].justification_en
    assert "Jalons en retard : 3.1" in items[3].justification_fr
    assert report.irm_recommendations_en.startswith("1. Give every commitment a budget line")


@pytest.mark.django_db
def test_self_assessment_comment_period_and_documents(client, current_plan):
    today = timezone.localdate()
    report = self_assessment_draft(current_plan, today=today)
    url = reverse("reports:self_assessment", args=[current_plan.slug, report.pk])
    assert client.get(url).status_code == 404  # a draft is private until comments open
    SelfAssessment.objects.filter(pk=report.pk).update(comments_open_on=today,
                                                       comments_close_on=today + timedelta(30))
    assert client.post(url, {"text": "Le code couleur de l'engagement 6 est trop sévère."}
                       ).status_code == 302
    comment = Comment.objects.get(self_assessment=report)
    assert comment.moderation_state == ModerationState.PENDING
    docx_bytes = client.get(reverse("reports:self_assessment_file",
                                    args=[current_plan.slug, report.pk, "docx"])).content
    import docx

    text = "\n".join(cell.text for table in docx.Document(io.BytesIO(docx_bytes)).tables
                     for row in table.rows for cell in row.cells)
    assert "Open data on public procurement" in text and "Red: not started" in text
    pdf = client.get(reverse("reports:self_assessment_file",
                             args=[current_plan.slug, report.pk, "pdf"])).content
    from pypdf import PdfReader

    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Self-assessment report" in pdf_text and "procurement" in pdf_text
    SelfAssessment.objects.filter(pk=report.pk).update(comments_close_on=today - timedelta(1),
                                                       comments_open_on=today - timedelta(9))
    assert client.post(url, {"text": "Trop tard pour commenter ?"}).status_code == 404


@pytest.mark.django_db
def test_who_writes_a_self_assessment_draft(client, users, current_plan):
    url = reverse("workspace:self_assessment")
    got = {}
    for role, user in users.items():
        client.logout()
        if user:
            client.force_login(user)
        got[role] = client.get(url).status_code
    assert got == {"anonymous": 302, "superuser": 200, "poc": 200, "agency": 403, "forum": 403,
                   "irm": 403, "moderator": 403, "administrator": 403, "no_role": 403}
    client.force_login(users["poc"])
    response = client.post(url, {"plan": current_plan.pk})
    draft = SelfAssessment.objects.filter(plan=current_plan).latest("pk")
    assert response.status_code == 302
    assert response.url == reverse("workspace:self_assessment_edit", args=[draft.pk])


@pytest.mark.django_db
def test_staff_upload_of_ogp_data(client, users, settings):

    url = reverse("workspace:ogp_import")
    for role in ("agency", "forum", "irm", "moderator", "no_role"):
        client.force_login(users[role])
        assert client.get(url).status_code == 403
    client.force_login(users["poc"])
    from tests.data.test_real_commitments import DATA

    data = DATA.read_bytes()
    albania = sum(1 for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
                  if row["Country/Locality"] == "Albania")
    first = client.post(url, {"file": SimpleUploadedFile("ogp.csv", data),
                              "member": "Albania"}).content.decode()
    imported = Commitment.objects.filter(plan__member__slug="albania").count()
    assert imported == albania > 0
    assert f"1 new members, {ActionPlan.objects.filter(member__slug='albania').count()} new " \
           f"plans, {imported} new commitments" in first
    again = client.post(url, {"file": SimpleUploadedFile("ogp.csv", data), "member": "Albania"})
    assert "0 new members, 0 new plans, 0 new commitments" in again.content.decode()
    latin = client.post(url, {"file": SimpleUploadedFile("ogp.csv", "Pays;é".encode("latin-1"))})
    assert "is not UTF-8 text" in latin.content.decode()
    wrong = client.post(url, {"file": SimpleUploadedFile("x.csv", b"a,b\n1,2\n")})
    assert "does not have OGP" in wrong.content.decode()


@pytest.mark.django_db
def test_milestone_update_must_belong_to_the_commitment(users, own_and_other_commitment):
    from django.core.exceptions import ValidationError

    from opengov.tracking.services import progress_update_post

    own, other = own_and_other_commitment
    with pytest.raises(ValidationError):
        progress_update_post(commitment=own, author=users["poc"], texts={"summary_en": "x"},
                             completion="limited", timeliness="on_time",
                             milestone=Milestone.objects.filter(commitment=other).first())


@pytest.mark.django_db
def test_evidence_pdf_is_downloadable_without_password(client, demo, current_plan):
    from opengov.repository.services import document_add

    document = document_add(member=demo, kind="evidence", title="Preuve",
                            upload=SimpleUploadedFile("preuve.pdf", pdf_with("Preuve publique")),
                            plan=current_plan)
    response = client.get(reverse("web:document_download", args=[document.pk, 1]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_plan_page_lists_published_irm_products(client, demo):
    from opengov.plans.models import ActionPlan
    from opengov.reports.models import IRMProduct

    previous = ActionPlan.objects.get(member=demo, number=2)
    IRMProduct.objects.create(plan=previous, kind="cocreation_brief",
                              summary="NOT-YET-PUBLISHED brief")
    body = client.get(previous.get_absolute_url()).content.decode()
    assert "Results report" in body and "the repository lapsed in 2023" in body
    assert "NOT-YET-PUBLISHED" not in body
