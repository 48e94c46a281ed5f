""""Public" means the record and everything it hangs under are public.

The attack: the Point of Contact takes the completed plan off the website, then files
evidence on one of its commitments. The evidence must then be nowhere a reader can reach:
not its page, its file, the API (with or without ``?plan=``), the feed, the documents list,
the search or the open data download. Below it, each model's ``public()`` is checked against
every parent that can hide it, and the search index against every link that can.
"""

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from opengov.api.opendata import build_zip
from opengov.cocreation.models import (
    CoCreationProcess,
    Contribution,
    InputMechanism,
    ReasonedResponse,
)
from opengov.core.models import ModerationState
from opengov.forum.models import Meeting
from opengov.plans.models import ActionPlan, Commitment, Milestone
from opengov.reports.models import SelfAssessment
from opengov.repository import services as repository
from opengov.repository.models import Document, DocumentVersion
from opengov.search.query import search
from opengov.tracking.models import Comment, ProgressUpdate
from tests.tracking.files import pdf_with

pytestmark = pytest.mark.django_db

COMPLETED = "valmerre-plan-2"  # the demo's completed plan
WORD = "Quokkaproof"  # in no text of the demo


@pytest.fixture(autouse=True)
def in_english():
    """Titles are written in the active language: English, whatever a test before left."""
    with translation.override("en"):
        yield


def set_public(plan, public):
    """Take a plan off the website (or put it back) as the back office does: its flag, saved,
    so that everything listening to the save (the search index) hears of it."""
    plan = ActionPlan.objects.get(pk=plan.pk)
    plan.is_public = public
    plan.save()


def api_ids(client, **params):
    ids, offset = set(), 0
    while True:
        page = client.get("/api/v1/documents", {**params, "limit": 500, "offset": offset}).json()
        ids |= {item["id"] for item in page["items"]}
        offset += 500
        if offset >= page["count"]:
            return ids


def open_data(data: bytes):
    """The documents of an open data ZIP: ids in documents.csv, and data.json's list."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    rows = list(csv.DictReader(io.StringIO(archive.read("documents.csv").decode("utf-8-sig"))))
    return {int(row["id"]) for row in rows}, json.loads(archive.read("data.json"))["documents"]


def where_readers_find(client, document):
    """Everywhere a reader could come across ``document``, and whether it is there."""
    plan, commitment = document.plan, document.commitment
    ids, listed = open_data(build_zip())
    return {
        "page": client.get(f"/en/documents/{document.pk}/").status_code == 200,
        "file": client.get(f"/en/documents/{document.pk}/v1/download/").status_code == 200,
        "api": document.pk in api_ids(client),
        "api by plan": document.pk in api_ids(client, plan=plan.slug),
        "api by commitment": document.pk in api_ids(client, commitment=commitment.pk),
        "feed": WORD in client.get("/en/feeds/documents/").content.decode(),
        "list": WORD in client.get("/en/documents/").content.decode(),
        "search": bool(search(WORD, lang="en")[0]),
        "search page": f"/en/documents/{document.pk}/" in client.get(
            "/en/search/", {"q": WORD}).content.decode(),
        "open data csv": document.pk in ids,
        "open data json": WORD in json.dumps(listed),
    }


def evidence_under_a_withdrawn_plan(demo, poc, commit, upload, *, under_plan=False):
    """The completed plan withdrawn, then evidence filed by the POC team under its first
    commitment (and under the plan itself, ``under_plan``), each step committed as on the
    site."""
    plan = ActionPlan.objects.get(member=demo, slug=COMPLETED)
    commitment = plan.commitments.order_by("number").first()
    with commit(execute=True):
        set_public(plan, False)
    with commit(execute=True):
        document = repository.document_add(
            actor=poc, member=demo, kind="evidence", title=f"{WORD} evidence", upload=upload,
            commitment=commitment, plan=plan if under_plan else None)
    return plan, commitment, document


def test_evidence_filed_under_a_withdrawn_plan_is_nowhere_public(
        client, demo, users, django_capture_on_commit_callbacks):
    plan, _commitment, document = evidence_under_a_withdrawn_plan(
        demo, users["poc"], django_capture_on_commit_callbacks,
        SimpleUploadedFile("evidence.pdf", pdf_with("Preuve")), under_plan=True)
    assert document.is_public  # its own flag says public: its plan does not
    assert not any(where_readers_find(client, document).values())
    download = client.get("/open-data/opengov-open-data.zip")  # as readers get it
    assert download.status_code == 200
    ids, listed = open_data(download.content)
    assert document.pk not in ids and WORD not in json.dumps(listed)

    with django_capture_on_commit_callbacks(execute=True):
        set_public(plan, True)
    assert all(where_readers_find(client, document).values())


def test_evidence_filed_only_under_a_commitment_follows_its_plan(
        client, demo, users, django_capture_on_commit_callbacks):
    _plan, commitment, document = evidence_under_a_withdrawn_plan(
        demo, users["poc"], django_capture_on_commit_callbacks,
        SimpleUploadedFile("evidence.txt", b"Evidence"))
    assert client.get(f"/en/documents/{document.pk}/").status_code == 404
    assert document.pk not in api_ids(client, commitment=commitment.pk)
    assert WORD not in client.get("/en/feeds/documents/").content.decode()


# -- each model's public(), against each parent that can hide it -------------------------

@pytest.fixture
def tree(demo):
    """A public record of every kind, all under the completed plan."""
    today = timezone.localdate()
    plan = ActionPlan.objects.get(member=demo, slug=COMPLETED)
    commitment = plan.commitments.order_by("number").first()
    milestone = Milestone.objects.create(commitment=commitment, number=90, title="M")
    process = CoCreationProcess.objects.create(plan=plan, title="Process")
    update = ProgressUpdate.objects.create(commitment=commitment, completion="limited",
                                           timeliness="on_time", summary="U",
                                           published_on=today)
    assessment = SelfAssessment.objects.create(plan=plan, prepared_on=today,
                                               published_on=today)
    meeting = Meeting.objects.create(forum=demo.forum, kind="forum", title="Meeting",
                                     starts_at=timezone.now(), format="online", plan=plan)

    def document(**links):
        return Document.objects.create(member=demo, kind="other", title="D", date=today,
                                       language="en", **links)

    response = ReasonedResponse.objects.create(process=process, decision="included",
                                               summary="s", consideration="c", influence="i",
                                               reasons="r", published_on=today)
    return {
        "plan": plan, "commitment": commitment, "milestone": milestone, "process": process,
        "update": update, "assessment": assessment, "meeting": meeting,
        "response": response,
        "mechanism": InputMechanism.objects.create(process=process, kind="survey", title="S",
                                                   opens_on=today, closes_on=today),
        "contribution": Contribution.objects.create(
            process=process, text="C", language="en", stakeholder_type="citizen",
            consent_to_publish=True, moderation_state=ModerationState.PUBLISHED),
        "meeting of a commitment": Meeting.objects.create(
            forum=demo.forum, kind="commitment_monitoring", title="Monitoring",
            starts_at=timezone.now(), format="online", commitment=commitment),
        "comment on an update": Comment.objects.create(
            progress_update=update, text="C", moderation_state=ModerationState.PUBLISHED),
        "comment on a self-assessment": Comment.objects.create(
            self_assessment=assessment, text="C", moderation_state=ModerationState.PUBLISHED),
        "document of the plan": document(plan=plan),
        "document of a commitment": document(commitment=commitment),
        "document of a milestone": document(milestone=milestone),
        "document of a meeting": document(meeting=meeting),
        "document of a process": document(process=process),
    }


def is_public(record):
    return type(record).objects.public().filter(pk=record.pk).exists()


UNDER_THE_PLAN = ["plan", "commitment", "milestone", "process", "mechanism", "contribution",
                  "response", "update", "assessment", "meeting", "meeting of a commitment",
                  "comment on an update", "comment on a self-assessment",
                  "document of the plan", "document of a commitment",
                  "document of a milestone", "document of a meeting", "document of a process"]


@pytest.mark.parametrize("name", UNDER_THE_PLAN)
def test_a_withdrawn_plan_hides_everything_under_it(tree, name):
    record = tree[name]
    assert is_public(record)
    ActionPlan.objects.filter(pk=tree["plan"].pk).update(is_public=False)
    assert not is_public(record)


@pytest.mark.parametrize("name", UNDER_THE_PLAN[1:])
def test_a_hidden_plan_hides_everything_under_it(tree, name):
    record = tree[name]
    assert is_public(record)
    # Soft deletion marks the row; what only links to it (a document, a meeting) keeps the
    # link, and must not show either.
    ActionPlan.objects.filter(pk=tree["plan"].pk).update(deleted_at=timezone.now())
    assert not is_public(record)


# Dates in the parameters below are read when the test runs, on the suite's fixed day, never
# when the module is collected (the real clock).
NOW, TOMORROW = "now", "tomorrow"


def hide(model, record, **values):
    when = {NOW: timezone.now(), TOMORROW: timezone.localdate() + timedelta(days=1)}
    model.objects.filter(pk=record.pk).update(
        **{field: when.get(value, value) if isinstance(value, str) else value
           for field, value in values.items()})


@pytest.mark.parametrize(("name", "model", "parent", "values"), [
    ("document of a meeting", Meeting, "meeting", {"is_public": False}),
    ("document of a meeting", Meeting, "meeting", {"deleted_at": NOW}),
    ("document of a commitment", Commitment, "commitment", {"deleted_at": NOW}),
    ("document of a milestone", Milestone, "milestone", {"deleted_at": NOW}),
    ("document of a process", CoCreationProcess, "process", {"deleted_at": NOW}),
    ("comment on an update", ProgressUpdate, "update", {"published_on": None}),
    ("comment on an update", ProgressUpdate, "update",
     {"published_on": TOMORROW}),
    ("comment on a self-assessment", SelfAssessment, "assessment", {"published_on": None}),
    ("meeting of a commitment", Commitment, "commitment", {"deleted_at": NOW}),
])
def test_a_hidden_parent_other_than_the_plan_hides_what_hangs_under_it(tree, name, model,
                                                                        parent, values):
    assert is_public(tree[name])
    hide(model, tree[parent], **values)
    assert not is_public(tree[name])


@pytest.mark.parametrize(("name", "values"), [
    ("plan", {"is_public": False}),
    ("meeting", {"is_public": False}),
    ("document of the plan", {"is_public": False}),
    ("update", {"published_on": None}),
    ("update", {"published_on": TOMORROW}),
    ("response", {"published_on": None}),
    ("contribution", {"consent_to_publish": False}),
    ("contribution", {"moderation_state": ModerationState.PENDING}),
    ("contribution", {"moderation_state": ModerationState.SPAM}),
    ("comment on an update", {"moderation_state": ModerationState.PENDING}),
    ("assessment", {"published_on": None}),
])
def test_a_record_that_is_not_published_itself_is_not_public(tree, name, values):
    record = tree[name]
    assert is_public(record)
    hide(type(record), record, **values)
    assert not is_public(record)


def test_a_draft_self_assessment_is_public_from_the_day_comments_open(tree):
    assessment = tree["assessment"]
    today = timezone.localdate()
    hide(SelfAssessment, assessment, published_on=None, comments_open_on=today)
    assert is_public(assessment)
    hide(SelfAssessment, assessment, comments_open_on=today + timedelta(days=1))
    assert not is_public(assessment)


def test_answered_still_means_a_published_response_whatever_the_plan(tree):
    # The desk's and the compliance facts' "answered" (CC8, CC9) is not the public's view.
    ActionPlan.objects.filter(pk=tree["plan"].pk).update(is_public=False)
    assert ReasonedResponse.objects.published().filter(pk=tree["response"].pk).exists()
    assert ProgressUpdate.objects.published().filter(pk=tree["update"].pk).exists()


def test_related_managers_read_public_records_too(tree):
    plan, commitment = tree["plan"], tree["commitment"]
    assert tree["document of a commitment"] in commitment.documents.public()
    ActionPlan.objects.filter(pk=plan.pk).update(is_public=False)
    assert not commitment.documents.public().exists()


# -- the search index follows every parent ------------------------------------------------

def found(kind=""):
    return {hit.entry.object_id for hit in search(WORD, lang="en", kind=kind)[0]}


@pytest.fixture
def filed(current_plan, demo, django_capture_on_commit_callbacks):
    """Documents with the word, public, each filed under the current plan another way."""
    commitment = current_plan.commitments.order_by("number").first()
    milestone = commitment.milestones.order_by("number").first()
    process = current_plan.cocreation_processes.first()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = Meeting.objects.create(forum=demo.forum, kind="forum", title="Plenary",
                                         starts_at=timezone.now(), format="online",
                                         plan=current_plan)
        documents = {}
        for name, links in (("commitment", {"commitment": commitment}),
                            ("milestone", {"milestone": milestone}),
                            ("meeting", {"meeting": meeting}),
                            ("process", {"process": process})):
            documents[name] = Document.objects.create(
                member=demo, kind="other", title=f"{WORD} {name}",
                date=timezone.localdate(), language="en", **links)
            DocumentVersion.objects.create(document=documents[name],
                                           file=ContentFile(b"words", name="notes.txt"))
    return meeting, documents


def test_withdrawing_a_plan_takes_every_document_under_it_out_of_the_search(
        current_plan, filed, django_capture_on_commit_callbacks):
    _meeting, documents = filed
    every = {document.pk for document in documents.values()}
    assert found("document") == every
    with django_capture_on_commit_callbacks(execute=True):
        set_public(current_plan, False)
    assert found() == set()
    with django_capture_on_commit_callbacks(execute=True):
        set_public(current_plan, True)
    assert found("document") == every


def test_a_meeting_made_private_takes_its_documents_out_of_the_search(
        filed, django_capture_on_commit_callbacks):
    meeting, documents = filed
    minutes = documents["meeting"].pk
    assert minutes in found("document")
    with django_capture_on_commit_callbacks(execute=True):
        meeting.is_public = False
        meeting.save()
    assert minutes not in found("document")
    with django_capture_on_commit_callbacks(execute=True):
        meeting.is_public = True
        meeting.save()
    assert minutes in found("document")


def test_a_commitment_moved_to_a_private_plan_takes_what_hangs_under_it_along(
        demo, filed, django_capture_on_commit_callbacks):
    _meeting, documents = filed
    commitment = documents["commitment"].commitment
    with django_capture_on_commit_callbacks(execute=True):
        monitoring = Meeting.objects.create(
            forum=demo.forum, kind="commitment_monitoring", title=f"{WORD} monitoring",
            starts_at=timezone.now(), format="online", commitment=commitment)
    under = {documents["commitment"].pk, documents["milestone"].pk}
    assert under <= found("document") and found("meeting") == {monitoring.pk}
    with django_capture_on_commit_callbacks(execute=True):
        draft = ActionPlan.objects.create(member=demo, number=9, slug="draft-plan",
                                          title="Draft", start_year=2030, duration_years=2,
                                          delivery_slot="june")
        commitment.plan = draft  # as the Point of Contact team may, in the admin
        commitment.save()
    assert not under & found("document") and found("meeting") == set()
    assert documents["process"].pk in found("document")  # the rest stays
