"""Crafted requests on the workspace desks, replayed: each now fails to break in, and bad
input gives an answer, never a server error."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opengov.cocreation.models import Contribution
from opengov.core.models import Activity
from opengov.forum.models import Meeting
from opengov.plans.models import ActionPlan, Commitment
from opengov.repository.models import Document
from opengov.tracking.models import Comment
from tests.conftest import DEMO_TODAY
from tests.data.test_real_commitments import DATA
from tests.helpers import as_user

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"



@pytest.fixture
def old_commitment(demo):
    """A commitment of the completed plan, led by the agency editor's organisation."""
    from opengov.members.models import Organisation

    commitment = Commitment.objects.filter(plan__member=demo, plan__status="completed",
                                           progress_updates__isnull=False).first()
    Commitment.objects.filter(pk=commitment.pk).update(
        lead_agency=Organisation.objects.get(member=demo, acronym="ANMP"))
    commitment.refresh_from_db()
    return commitment


@pytest.mark.django_db
class TestUnicodeDigitsAndHugeNumbers:
    @pytest.mark.parametrize("path", [
        "/en/workspace/co-creation/new/?plan=%C2%B2",
        "/en/workspace/co-creation/{p}/answer/?c=%C2%B2",
        "/en/workspace/co-creation/{p}/answer/?group=%C2%B2",
    ])
    def test_a_superscript_two_is_no_id(self, client, users, current_plan, path):
        process = current_plan.cocreation_processes.first()
        for role in ("no_role", "poc"):
            status = as_user(client, users[role]).get(path.format(p=process.pk)).status_code
            assert status in (302, 403, 404), (role, path, status)

    def test_group_actions_with_a_superscript_two(self, client, users, current_plan):
        process = current_plan.cocreation_processes.first()
        response = as_user(client, users["poc"]).post(
            reverse("workspace:cocreation_group_action", args=[process.pk]),
            {"action": "accept", "group": "²"})
        assert response.status_code == 404

    def test_a_huge_theme_on_the_public_form_is_a_form_error(self, client):
        response = client.post("/en/plans/valmerre-plan-3/co-creation/contribute/", {
            "text": "A long enough idea about open budgets for every town.",
            "stakeholder_type": "citizen", "themes": "100000000000000000000"})
        assert response.status_code == 200
        assert "valid choice" in response.content.decode()

    def test_a_huge_commitment_on_a_response_is_a_form_error(self, client, users,
                                                            current_plan):
        contribution = Contribution.objects.filter(process__plan=current_plan).exclude(
            moderation_state__in=["spam", "abuse"]).first()
        response = as_user(client, users["poc"]).post(
            reverse("workspace:cocreation_answer", args=[contribution.process_id]),
            {"c": contribution.pk, "decision": "included", "summary_fr": "x",
             "consideration_fr": "x", "influence_fr": "x", "reasons_fr": "x",
             "commitments": "100000000000000000000"})
        assert response.status_code == 200
        assert "valid choice" in response.content.decode()


@pytest.mark.django_db
class TestOGPImportFromTheWorkspace:
    def rows(self, **changes):
        source = DATA.read_text(encoding="utf-8-sig")
        reader = csv.DictReader(io.StringIO(source))
        row = next(reader)
        row.update(changes)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames)
        writer.writeheader()
        writer.writerow(row)
        return out.getvalue().encode()

    @pytest.mark.parametrize("changes", [
        {"Action Plan End Year": "²"}, {"Action Plan Number": "²"},
        {"Start Date": "0000"}, {"End Date": "December 9999"},
        {"Year Of Submission": "9999"},
    ])
    def test_odd_values_are_reported_not_a_server_error(self, client, users, changes):
        response = as_user(client, users["poc"]).post(
            reverse("workspace:ogp_import"),
            {"file": SimpleUploadedFile("ogp.csv", self.rows(**changes))})
        assert response.status_code == 200

    def test_the_import_is_logged_with_its_author(self, client, users, demo):
        as_user(client, users["poc"]).post(
            reverse("workspace:ogp_import"),
            {"file": SimpleUploadedFile("ogp.csv", self.rows())})
        line = Activity.objects.get(kind="ogp_data_imported")
        assert line.actor == users["poc"] and "1 plans" in line.summary


@pytest.mark.django_db
class TestAgencyLimits:
    def test_an_agency_cannot_file_or_make_an_irm_report(self, client, users,
                                                        own_and_other_commitment):
        own, _ = own_and_other_commitment
        client = as_user(client, users["agency"])
        before = Document.objects.filter(kind="irm_report").count()
        response = client.post(reverse("workspace:document_new"), {
            "kind": "irm_report", "commitment": own.pk, "plan": own.plan_id,
            "title_fr": "Faux rapport", "date": DEMO_TODAY.isoformat(), "language": "fr",
            "licence": "cc_by_4", "is_public": "on",
            "file": SimpleUploadedFile("faux.pdf", PDF, content_type="application/pdf")})
        assert response.status_code == 403
        assert Document.objects.filter(kind="irm_report").count() == before
        mine = Document.objects.filter(commitment=own).exclude(kind="irm_report").first()
        from django.core.exceptions import PermissionDenied

        from opengov.repository.services import document_change

        with pytest.raises(PermissionDenied):
            document_change(actor=users["agency"], document=mine, kind="irm_report")
        mine.refresh_from_db()
        assert mine.kind != "irm_report"

    def test_a_completed_plan_is_the_record_of_the_past(self, client, users, old_commitment):
        assert old_commitment is not None
        agency = users["agency"]
        document = Document(member=old_commitment.plan.member, commitment=old_commitment,
                            plan=old_commitment.plan, kind="evidence")
        assert not agency.has_perm("repository.add_document", document)
        comment = Comment(progress_update=old_commitment.progress_updates.first())
        assert not agency.has_perm("tracking.answer_comment", comment)
        assert users["poc"].has_perm("tracking.answer_comment", comment)

    def test_evidence_is_logged_under_its_author(self, users, own_and_other_commitment):
        from opengov.tracking.services import progress_update_post

        own, _ = own_and_other_commitment
        update = progress_update_post(
            commitment=own, author=users["agency"], texts={"summary_fr": "Preuve"},
            completion="limited", timeliness="on_time",
            files=[SimpleUploadedFile("preuve.pdf", PDF, content_type="application/pdf")])
        document = update.evidence.get()
        assert Activity.objects.get(kind="document_added",
                                    target_id=document.pk).actor == users["agency"]


@pytest.mark.django_db
def test_a_public_meeting_does_not_show_a_draft_plan(client, demo, current_plan):
    draft = ActionPlan.objects.create(member=demo, number=9, title="Plan en préparation",
                                      slug="plan-en-preparation", start_year=DEMO_TODAY.year + 1,
                                      duration_years=2, delivery_slot="june", is_public=False)
    meeting = Meeting.objects.filter(is_public=True).first()
    Meeting.objects.filter(pk=meeting.pk).update(plan=draft)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Plan en préparation" not in page
