"""Documents are made by a task and served from storage: no request renders a PDF, many
readers asking at once make one task, a frozen version's files are made once, ahead, and a
draft's file is made again only after content has changed. Staff see what is being made."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from opengov.core.models import GeneratedFile
from opengov.plans.models import Commitment, PlanVersion
from tests.helpers import as_user, run_database_tasks

pytestmark = pytest.mark.django_db
QUEUED = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


def worker():
    run_database_tasks()


@pytest.fixture
def version(current_plan):
    return PlanVersion.objects.filter(plan__is_public=True).select_related("plan").first()


@pytest.fixture
def no_pdf_in_requests(monkeypatch):
    """Rendering a PDF while a request is being answered fails the test."""
    from weasyprint import HTML

    def refuse(*args, **kwargs):
        raise AssertionError("a PDF was rendered in a request")

    monkeypatch.setattr(HTML, "write_pdf", refuse)
    return lambda: monkeypatch.undo()


@QUEUED
def test_an_anonymous_reader_never_waits_for_a_pdf_to_render(client, version,
                                                               no_pdf_in_requests):
    url = reverse("plans:version_file", args=[version.plan.slug, version.number, "en", "pdf"])
    first = client.get(url)
    assert first.status_code == 202 and first["Retry-After"] == "10"
    assert "being prepared" in first.content.decode()
    for _ in range(5):  # more readers: still one task
        assert client.get(url).status_code == 202
    assert DBTaskResult.objects.count() == 1
    no_pdf_in_requests()
    worker()
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert ready.content.startswith(b"%PDF") and "attachment" in ready["Content-Disposition"]


@QUEUED
def test_staff_see_what_is_being_made(client, users, version):
    client.get(reverse("plans:version_file",
                       args=[version.plan.slug, version.number, "en", "docx"]))
    page = as_user(client, users["poc"]).get("/en/workspace/tasks/").content.decode()
    assert f"v{version.number} (en, DOCX)" in page


@override_settings(GENERATED_FILES_AHEAD=True)
def test_a_delivered_version_s_files_are_made_ahead_in_every_language(
        current_plan, users, django_capture_on_commit_callbacks):
    from opengov.plans.services import plan_amend

    with django_capture_on_commit_callbacks(execute=True):
        version = plan_amend(actor=users["poc"], plan=current_plan, kind="amendment",
                             delivered_on=current_plan.delivered_on,
                             change_notes=dict.fromkeys(current_plan.member.document_languages,
                                                        "Milestone dates corrected."))
    made = GeneratedFile.objects.filter(subject__startswith=f"plan-version:{version.pk}:")
    languages = current_plan.member.document_languages
    assert made.count() == 2 * len(languages)
    assert set(made.values_list("state", flat=True)) == {GeneratedFile.State.READY}


def test_a_commitment_file_is_made_again_only_after_a_change(
        client, current_plan, django_capture_on_commit_callbacks):
    commitment = Commitment.objects.filter(plan=current_plan).first()
    url = reverse("plans:commitment_file", args=[current_plan.slug, commitment.slug, "en",
                                                 "docx"])
    first = client.get(url)
    assert first.status_code == 200
    made = GeneratedFile.objects.get(subject=f"commitment:{commitment.pk}:en:docx")
    assert client.get(url).content == first.content
    assert GeneratedFile.objects.get(subject=made.subject).pk == made.pk  # not made again
    with django_capture_on_commit_callbacks(execute=True):
        commitment.title_en = "Persimmon registry"
        commitment.save()
    assert client.get(url).status_code == 200
    again = GeneratedFile.objects.get(subject=made.subject)  # the old one is removed
    assert again.pk != made.pk and again.fingerprint != made.fingerprint
