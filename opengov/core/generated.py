"""Documents the platform makes (PDF, DOCX) are made by a task, once, kept in storage, and
served from there: no request renders a PDF.

A view names the file it wants (``Wanted``) and calls ``serve``. If the file is in storage,
it is sent. If not, one task is enqueued to make it (however many readers ask at once), and
the reader gets a page saying it is being prepared (HTTP 202), with a link to try again.
What never changes (a frozen plan version, a published report) has an empty fingerprint and
is made once; what changes (a draft, the feedback report, a commitment as it stands) is
fingerprinted with the content version, so a change gets a new file, and older files of
the same subject are removed once the new one is made.

Makers are plain functions named in ``MAKERS``; they receive the wanted file's
``arguments`` and return its bytes.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .documents import file_response
from .models import GeneratedFile
from .tasks import background

# name -> the function that makes the bytes from the wanted file's arguments.
MAKERS = {
    "plan_version": "opengov.plans.documents.make_version",
    "commitment": "opengov.plans.documents.make_commitment",
    "plan_draft": "opengov.plans.documents.make_draft",
    "feedback": "opengov.cocreation.views.make_feedback_report",
    "self_assessment": "opengov.reports.documents.make_self_assessment",
    "open_data_zip": "opengov.api.opendata.build_zip",
    "open_data_xlsx": "opengov.api.opendata.commitments_xlsx",
}
STALE_AFTER = timedelta(minutes=10)  # a file still pending by then is asked for again


@dataclass
class Wanted:
    subject: str
    maker: str
    filename: str
    content_type: str
    label: str
    arguments: dict = field(default_factory=dict)
    fingerprint: str = ""


def request(wanted: Wanted) -> GeneratedFile:
    """The stored file for ``wanted``; if it is not made yet, a task is asked to make it."""
    now = timezone.now()
    try:
        with transaction.atomic():
            generated, created = GeneratedFile.objects.get_or_create(
                subject=wanted.subject, fingerprint=wanted.fingerprint, defaults={
                    "maker": wanted.maker, "arguments": wanted.arguments,
                    "label": str(wanted.label)[:300], "filename": wanted.filename,
                    "content_type": wanted.content_type, "requested_at": now})
    except IntegrityError:  # asked for at the same moment by another reader
        return GeneratedFile.objects.get(subject=wanted.subject,
                                         fingerprint=wanted.fingerprint)
    stale = generated.state == GeneratedFile.State.PENDING and (
        now - generated.requested_at > STALE_AFTER)
    if created or stale:
        if stale:
            GeneratedFile.objects.filter(pk=generated.pk).update(requested_at=now)
        make_file.enqueue(generated.pk)
        generated.refresh_from_db()  # made already where tasks run at once
    return generated


def serve(http_request, wanted: Wanted):
    generated = request(wanted)
    if generated.state == GeneratedFile.State.READY:
        with generated.file.open("rb") as file:  # documents are small: sent whole
            return file_response(file.read(), generated.content_type, generated.filename)
    response = render(http_request, "generated_pending.html", {"label": generated.label},
                      status=202)
    response["Retry-After"] = "10"
    response["Cache-Control"] = "no-store"
    return response


def prepare(wanted_files):
    """Ask, after commit, for files that readers will want (a version just delivered), unless
    ``GENERATED_FILES_AHEAD`` is off (the tests: each asks for what it reads)."""
    if getattr(settings, "GENERATED_FILES_AHEAD", True):
        transaction.on_commit(lambda: [request(wanted) for wanted in wanted_files])


@background(label=_("Make a document (PDF or DOCX)"))
def make_file(generated_id):
    generated = GeneratedFile.objects.filter(pk=generated_id).first()
    if generated is None or generated.state == GeneratedFile.State.READY:
        return
    with translation.override(generated.arguments.get("lang")):
        data = import_string(MAKERS[generated.maker])(**generated.arguments)
    generated.file.save(generated.filename, ContentFile(data), save=False)
    generated.state, generated.made_at = GeneratedFile.State.READY, timezone.now()
    generated.save(update_fields=["file", "state", "made_at"])
    for older in GeneratedFile.objects.filter(subject=generated.subject).exclude(
            pk=generated.pk):
        if older.file:
            older.file.delete(save=False)
        older.delete()


def pending():
    """Documents being made, oldest first, for staff."""
    return GeneratedFile.objects.filter(state=GeneratedFile.State.PENDING).order_by(
        "requested_at")
