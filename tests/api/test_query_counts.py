"""Pinned query counts of the open data API, the bulk downloads and the feeds.

Every list is read with a few records added to a fresh public plan (contributions with two
published responses each, commitments with milestones and updates, documents with versions,
meetings, seats, plan versions...), then with ten times as many. The number of queries must
not change (a count that grows is a query per row, an N+1), nor the number of rows a page
turns into objects (rows that grow are a list built in Python before it is paginated), and
a list does not load the long texts it does not return.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opengov.api.opendata import build_zip, commitments_xlsx
from opengov.cocreation.models import (
    CoCreationProcess,
    Contribution,
    InputMechanism,
    ReasonedResponse,
    Theme,
)
from opengov.core import content
from opengov.core.models import ModerationState
from opengov.forum.models import Meeting, Seat
from opengov.members.models import Member, Organisation, Person
from opengov.plans.models import ActionPlan, Commitment, Milestone, PlanVersion
from opengov.repository.models import Document, DocumentVersion
from opengov.tracking.models import ProgressUpdate
from tests.helpers import count_queries

SMALL, LARGE = 3, 30
PLAN = "qc-plan"
FAR = 2000  # days ahead: the meetings of the test start after every demo meeting


def grow(demo, n, *, start=0):
    """Add ``n`` of each kind of record (numbered from ``start``), most to the plan PLAN."""
    today = timezone.localdate()
    plan = ActionPlan.objects.get(slug=PLAN)
    process = CoCreationProcess.objects.get(plan=plan)
    agency = Organisation.objects.get(member=demo, acronym="ANMP")
    themes = list(Theme.objects.filter(member=demo).order_by("pk")[:2])
    person = Person.objects.create(name="QC representative", organisation=agency, is_public=True)
    other = Member.objects.get(slug="qc")
    first = Commitment.objects.filter(plan=plan, number=1).first()
    # One instant for every contribution: only the primary key orders them.
    submitted = timezone.now().replace(microsecond=0) - timedelta(days=1)
    for i in range(start, start + n):
        Member.objects.create(name=f"QC member {i}", slug=f"qc-member-{i}", kind="local",
                              lead_agency=agency)
        ActionPlan.objects.create(member=other, number=i + 1, slug=f"qc-other-{i}",
                                  title=f"QC other plan {i}", start_year=2040 + 2 * i,
                                  duration_years=2, delivery_slot="june", is_public=True)
        PlanVersion.objects.create(plan=plan, number=i + 1, kind="amendment",
                                   delivered_on=today, change_notes={"en": f"Change {i}"},
                                   snapshot={"commitments": [], "text": "x" * 2000})
        commitment = Commitment.objects.create(
            plan=plan, number=i + 1, slug=f"c-{i}", title=f"QC commitment {i}",
            short_description="Short", problem="A long problem. " * 50, lead_agency=agency,
            period_start=plan.ends_on.replace(month=1, day=1), period_end=plan.ends_on)
        commitment.themes.set(themes)
        first = first or commitment
        for m in range(2):
            milestone = Milestone.objects.create(commitment=commitment, number=m + 1,
                                                 title=f"QC milestone {i}.{m}", lead=agency,
                                                 due_on=plan.ends_on)
            ProgressUpdate.objects.create(
                commitment=commitment, milestone=milestone if m else None,
                completion="limited", timeliness="on_time", summary=f"QC update {i}.{m}",
                reported_on=today - timedelta(days=i), published_on=today - timedelta(days=i))
        ProgressUpdate.objects.create(  # the first commitment's feed grows too
            commitment=first, completion="substantial", timeliness="delayed",
            summary=f"QC update {i} of the first", reported_on=today, published_on=today)
        contribution = Contribution.objects.create(
            process=process, text=f"QC idea {i}", title=f"Idea {i}", language="en",
            stakeholder_type="citizen", consent_to_publish=True, submitted_at=submitted,
            moderation_state=ModerationState.PUBLISHED, author_name=f"Author {i}",
            author_email=f"qc-{i}@example.org")
        contribution.themes.set(themes)
        Contribution.objects.create(process=process, text=f"QC pending {i}", language="en",
                                    stakeholder_type="citizen", consent_to_publish=True)
        # Two published rejections of each: a join on responses would list it twice.
        for _ in range(2):
            response = ReasonedResponse.objects.create(
                process=process, decision="rejected", summary="s", consideration="c",
                influence="i", reasons="r", published_on=today)
            response.contributions.set([contribution])
            response.commitments.set([commitment])
        # Published later: not public yet, and no reason to list the contribution now.
        later = ReasonedResponse.objects.create(
            process=process, decision="amended", summary="later", consideration="c",
            influence="i", reasons="r", published_on=today + timedelta(days=5))
        later.contributions.set([contribution])
        document = Document.objects.create(
            member=demo, kind="evidence", title=f"QC document {i}", description="d " * 500,
            date=today - timedelta(days=i), language="en", plan=plan, commitment=commitment)
        for version in range(2):
            DocumentVersion.objects.create(document=document, file=ContentFile(
                f"QC evidence {i} v{version} ".encode() * 200, name=f"qc{i}.txt"))
        Meeting.objects.create(forum=demo.forum, kind="forum", title=f"QC meeting {i}",
                               starts_at=timezone.now() + timedelta(days=FAR, hours=i),
                               format="online", agenda="Agenda", plan=plan, is_public=True)
        Seat.objects.create(forum=demo.forum, organisation=agency, person=person,
                            constituency="government", role="Member", starts_on=today,
                            selection="appointment")
        InputMechanism.objects.create(process=process, kind="survey", title=f"QC survey {i}",
                                      opens_on=today + timedelta(days=FAR + i),
                                      closes_on=today + timedelta(days=FAR + i + 30))


@pytest.fixture
def world(demo):
    plan = ActionPlan.objects.create(member=demo, number=199, slug=PLAN, title="QC plan",
                                     start_year=2030, duration_years=2, delivery_slot="june",
                                     status="implementation", is_public=True)
    CoCreationProcess.objects.create(plan=plan, title="QC process")
    Member.objects.create(name="QC", slug="qc", kind="national")  # for the other plans
    return demo


def since():
    return (timezone.localdate() + timedelta(days=FAR)).isoformat()


# Each list or feed with the queries it makes, pinned: the same with 3 records or 30.
# A paginated list reads the content version and its kept COUNT (one query with the
# database cache of the tests, none with Redis) instead of counting every row again.
LISTS = {
    "members": ("/api/v1/members", 1),
    "plans": ("/api/v1/plans?limit=500", 3),
    "plan versions": (f"/api/v1/plans/{PLAN}/versions", 2),
    "commitments": (f"/api/v1/commitments?plan={PLAN}", 4),
    "milestones": (f"/api/v1/milestones?plan={PLAN}", 3),
    "progress updates": (f"/api/v1/progress-updates?plan={PLAN}", 3),
    "contributions": (f"/api/v1/contributions?plan={PLAN}", 6),
    "contributions, by decision": (f"/api/v1/contributions?plan={PLAN}&decision=rejected", 6),
    "meetings": ("/api/v1/meetings?since={since}", 3),
    "documents": (f"/api/v1/documents?plan={PLAN}", 4),
    "seats": ("/api/v1/seats?current=false", 1),
    "updates feed": ("/en/feeds/updates/", 1),
    "plan updates feed": (f"/en/plans/{PLAN}/feeds/updates/", 2),
    "commitment updates feed": (f"/en/plans/{PLAN}/commitments/c-0/feeds/updates/", 2),
    "documents feed": ("/fr/feeds/documents/", 1),
    "meetings feed": ("/en/feeds/meetings/", 1),
    "opportunities feed": ("/es/feeds/opportunities/", 1),
    # The downloads are made by a task (opengov.core.generated): what making them costs.
    "open data zip": (build_zip, 11),
    "commitments spreadsheet": (commitments_xlsx, 2),
}


def url_of(name):
    return LISTS[name][0].replace("{since}", since())


def measure(client, name):
    if callable(LISTS[name][0]):
        with CaptureQueriesContext(connection) as queries:
            LISTS[name][0]()
        return len(queries)
    return count_queries(client, url_of(name))


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_data(client, world):
    """All lists in one test: the records are built once for all of them."""
    grow(world, SMALL)
    for name in LISTS:
        measure(client, name)  # warm the per-process caches (content types...)
    small = {name: measure(client, name) for name in LISTS}
    grow(world, LARGE - SMALL, start=SMALL)
    large = {name: measure(client, name) for name in LISTS}
    for name in LISTS:
        print(f"QUERIES {name}: {small[name]} -> {large[name]}")
    pinned = {name: count for name, (_, count) in LISTS.items()}
    assert small == pinned
    assert large == pinned


class Instances:
    """The model instances a request builds (rows read), with the fields each left unread."""

    def __init__(self):
        self.built = Counter()
        self.deferred = {}

    def __call__(self, sender, instance, **kwargs):
        self.built[sender.__name__] += 1
        self.deferred.setdefault(sender.__name__, []).append(instance.get_deferred_fields())

    def read(self, client, url):
        self.built.clear()
        self.deferred.clear()
        post_init.connect(self)
        try:
            response = client.get(url)
        finally:
            post_init.disconnect(self)
        assert response.status_code == 200
        return response


# Each paginated list, filtered to the test's records, with how many of them it holds.
PAGES = {
    "plans": ("/api/v1/plans?member=qc", lambda n: n),
    "commitments": (f"/api/v1/commitments?plan={PLAN}", lambda n: n),
    "milestones": (f"/api/v1/milestones?plan={PLAN}", lambda n: 2 * n),
    "progress updates": (f"/api/v1/progress-updates?plan={PLAN}", lambda n: 3 * n),
    "contributions": (f"/api/v1/contributions?plan={PLAN}", lambda n: n),
    "contributions, by theme": (f"/api/v1/contributions?plan={PLAN}&theme={{theme}}",
                                lambda n: n),
    "contributions, by decision": (f"/api/v1/contributions?plan={PLAN}&decision=rejected",
                                   lambda n: n),
    "meetings": ("/api/v1/meetings?since={since}", lambda n: n),
    "documents": (f"/api/v1/documents?plan={PLAN}", lambda n: n),
}


def page_url(name, **params):
    url = PAGES[name][0].replace("{since}", since()).replace(
        "{theme}", Theme.objects.filter(member__slug="valmerre").order_by("pk").first().slug)
    return url + "&" + "&".join(f"{k}={v}" for k, v in params.items())


def read_pages(client):
    """Each list's ``?limit=2`` page: (items, count, rows read by model)."""
    instances, pages = Instances(), {}
    for name in PAGES:
        page = instances.read(client, page_url(name, limit=2)).json()
        pages[name] = (len(page["items"]), page["count"], dict(instances.built))
    return pages


@pytest.mark.django_db
def test_a_page_reads_only_its_rows(client, world):
    grow(world, SMALL)
    small = read_pages(client)
    grow(world, LARGE - SMALL, start=SMALL)
    content._bump_now()  # as the commit of those records does: the kept counts are old
    large = read_pages(client)
    for name, (_, expected) in PAGES.items():
        assert small[name][:2] == (2, expected(SMALL)), name
        assert large[name][:2] == (2, expected(LARGE)), name
        assert large[name][2] == small[name][2], name  # the same rows, whatever the size


@pytest.mark.django_db
def test_pages_of_a_filtered_list_cover_it_once_in_a_stable_order(client, world):
    """Two published rejections of each contribution, all submitted at the same instant:
    the pages still hold each contribution once, and the same ones each time."""
    grow(world, 7)
    url = f"/api/v1/contributions?plan={PLAN}&decision=rejected"
    whole = [c["reference"] for c in client.get(url).json()["items"]]
    pages = []
    for offset in range(0, 8, 2):
        page = client.get(f"{url}&limit=2&offset={offset}").json()
        assert page["count"] == 7
        pages += [c["reference"] for c in page["items"]]
    assert pages == whole and len(set(whole)) == 7
    assert all(len(c["responses"]) == 2 and {r["decision"] for r in c["responses"]}
               == {"rejected"} for c in client.get(url).json()["items"])
    # A response published only later lists nothing yet.
    assert client.get(f"/api/v1/contributions?plan={PLAN}&decision=amended").json()[
        "count"] == 0


# A list and the long or private text it must leave in the database: model, field.
UNREAD = {
    "contributions": (f"/api/v1/contributions?plan={PLAN}", [("Contribution", "author_email")]),
    "documents": (f"/api/v1/documents?plan={PLAN}", [("DocumentVersion", "text"),
                                                    ("Document", "description_en")]),
    "commitments": (f"/api/v1/commitments?plan={PLAN}", [("Commitment", "problem_en")]),
    "plans": ("/api/v1/plans", [("ActionPlan", "introduction_en")]),
    "plan versions": (f"/api/v1/plans/{PLAN}/versions", [("PlanVersion", "snapshot")]),
    "updates feed": (f"/en/plans/{PLAN}/feeds/updates/", [("Commitment", "problem_en")]),
    "meetings feed": ("/en/feeds/meetings/", [("Meeting", "minutes_en")]),
}


@pytest.mark.django_db
def test_lists_leave_unreturned_text_in_the_database(client, world):
    grow(world, SMALL)
    instances = Instances()
    for name, (url, unread) in UNREAD.items():
        instances.read(client, url)
        for model, field in unread:
            assert instances.deferred.get(model), (name, model)
            assert all(field in deferred for deferred in instances.deferred[model]), (
                name, model, field)
