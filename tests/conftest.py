"""Shared fixtures. The demo (a realistic member) is loaded once per test session.

Every test runs on one fixed day, ``DEMO_TODAY``: the clock is moved there (time-machine)
for the whole session, before the demo is built for that day, so no test depends on the
real date. ``OPENGOV_TEST_TODAY`` (an ISO date) moves that day, which is how CI proves that
the suite holds one and three years ahead. A test that needs another day travels to it with
``time_machine.travel`` explicitly.

Tests that use ``db`` run inside a transaction on top of the demo and see it whole. Tests
that need a live server (``transactional_db``) empty the database afterwards, so they load
what they need themselves; pytest-django runs them after the others.
"""

import os
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from opengov.cocreation.models import Contribution, ReasonedResponse
from opengov.core.models import ModerationState
from opengov.core.roles import Role, grant_role
from opengov.demo.loader import load_demo
from opengov.forum.models import Meeting
from opengov.members.models import Member, Organisation, Person
from opengov.plans.models import ActionPlan, Commitment
from opengov.repository.models import Document
from opengov.tracking.models import Comment, ProgressUpdate

DEMO_TODAY = date.fromisoformat(os.environ.get("OPENGOV_TEST_TODAY") or "2026-11-27")
# Mid-morning UTC: the whole session stays on DEMO_TODAY in every time zone the site uses.
DEMO_NOW = datetime.combine(DEMO_TODAY, time(9, 0), tzinfo=UTC)


@pytest.fixture(scope="session", autouse=True)
def fixed_today():
    """The clock stands at DEMO_NOW for the session and ticks from there (ordering by
    creation time still works); only the day matters to the rules."""
    with time_machine.travel(DEMO_NOW, tick=True):
        yield DEMO_TODAY


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request to a /fr/ page activates
    French for the rest of the thread, and a later ``reverse`` would follow it."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(fixed_today, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo(today=fixed_today)


@pytest.fixture
def demo(db):
    return Member.objects.get(slug="valmerre")


@pytest.fixture
def current_plan(demo):
    return ActionPlan.objects.get(member=demo, number=3)


@pytest.fixture
def make_user(db):
    def make(username, role=None, organisation=None):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        if role is not None:
            grant_role(user, role)
        if organisation is not None:
            Person.objects.create(name=username, organisation=organisation, user=user)
        return get_user_model().objects.get(pk=user.pk)  # fresh: no cached roles

    return make


@pytest.fixture
def users(make_user, demo):
    """One user per role; the agency editor works for the procurement agency (ANMP)."""
    anmp = Organisation.objects.get(member=demo, acronym="ANMP")
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    return {
        "anonymous": None,
        "superuser": superuser,
        "poc": make_user("t-poc", Role.POC_TEAM),
        "forum": make_user("t-forum", Role.FORUM_MEMBER),
        "agency": make_user("t-agency", Role.AGENCY_EDITOR, organisation=anmp),
        "irm": make_user("t-irm", Role.IRM_RESEARCHER),
        "moderator": make_user("t-moderator", Role.MODERATOR),
        "administrator": make_user("t-administrator", Role.ADMINISTRATOR),
        "no_role": make_user("t-none"),
    }


@pytest.fixture
def own_and_other_commitment(current_plan):
    """A commitment the agency editor's organisation leads, and one it does not."""
    own = Commitment.objects.get(plan=current_plan, slug="open-contracting")
    other = Commitment.objects.get(plan=current_plan, slug="citizen-budget")
    assert own.lead_agency.acronym == "ANMP" and other.lead_agency.acronym != "ANMP"
    return own, other


@pytest.fixture
def formula_contribution(current_plan, users):
    """A published contribution whose text and author name a spreadsheet would run as
    formulas (CSV injection), sent and moderated as on the site."""
    from opengov.cocreation.services import contribution_moderate, contribution_submit

    contribution = contribution_submit(
        process=current_plan.cocreation_processes.first(),
        text='=HYPERLINK("http://evil.example","x")', language="en",
        stakeholder_type="citizen", consent_to_publish=True, author_name="@SUM(1+1)")
    contribution_moderate(actor=users["moderator"], contribution=contribution,
                          state="published")
    return contribution


@pytest.fixture
def private_records(demo, current_plan):
    """Private records with unique text ("MARKER-..."), and every private contact: none of
    it may reach a public page, the API, an export, a feed or the search."""
    process = current_plan.cocreation_processes.first()
    update = ProgressUpdate.objects.filter(commitment__plan=current_plan,
                                           published_on__isnull=False).first()
    Contribution.objects.create(process=process, text="MARKER-no-consent", language="en",
                                stakeholder_type="citizen", consent_to_publish=False,
                                moderation_state=ModerationState.PUBLISHED)
    pending = Contribution.objects.create(process=process, text="MARKER-pending", language="en",
                                          stakeholder_type="citizen", consent_to_publish=True)
    spam = Contribution.objects.create(process=process, text="MARKER-spam", language="en",
                                       stakeholder_type="other", consent_to_publish=True,
                                       moderation_state=ModerationState.SPAM)
    draft_response = ReasonedResponse.objects.create(
        process=process, decision="included", summary="MARKER-unpublished-response",
        consideration="x", influence="x", reasons="x")
    draft_response.contributions.set([pending, spam])
    tomorrow = timezone.localdate() + timedelta(days=1)
    ProgressUpdate.objects.create(commitment=update.commitment, completion="complete",
                                  timeliness="on_time", summary="MARKER-future-update",
                                  published_on=tomorrow)
    Comment.objects.create(progress_update=update, text="MARKER-comment",
                           author_email="marker-commenter@example.org")
    Meeting.objects.create(forum=demo.forum, kind="forum", title="MARKER-private-meeting",
                           starts_at=timezone.now(), format="online", is_public=False)
    # Public meetings whose minutes are written but not published, or published tomorrow.
    for day, marker in ((None, "MARKER-minutes-not-published"),
                        (tomorrow, "MARKER-minutes-published-tomorrow")):
        Meeting.objects.create(forum=demo.forum, kind="forum", title="Réunion du forum",
                               starts_at=timezone.now() - timedelta(days=2), format="online",
                               minutes=marker, minutes_published_on=day)
    # A public hybrid meeting taking registrations: who registered, their needs and the
    # remote link are for the organisers only; so is a private working group.
    from opengov.forum.models import Registration, WorkingGroup

    open_meeting = Meeting.objects.create(
        forum=demo.forum, kind="forum", title="Réunion ouverte", format="hybrid",
        starts_at=timezone.now() + timedelta(days=3), registration_open=True, capacity=1,
        remote_link="https://visio.example.org/MARKER-remote-link")
    for status in ("registered", "waiting", "pending"):
        Registration.objects.create(
            meeting=open_meeting, name=f"MARKER-registrant-{status}", language="fr",
            organisation="MARKER-registrant-organisation", status=status,
            email=f"marker-registrant-{status}@example.org", accessibility_needs="MARKER-needs")
    WorkingGroup.objects.create(forum=demo.forum, name="MARKER-private-group", is_public=False,
                                starts_on=timezone.localdate())
    Document.objects.create(member=demo, kind="other", title="MARKER-private-document",
                            date=timezone.localdate(), language="en", is_public=False)
    ActionPlan.objects.create(member=demo, number=4, slug="draft-plan", title="MARKER-draft-plan",
                              start_year=2028, duration_years=2, delivery_slot="june")
    secrets = ["MARKER-", "marker-commenter@example.org"]
    for person in Person.objects.all():
        secrets += [value for value in (person.email, person.phone) if value]
    secrets += list(Contribution.objects.exclude(author_email="").values_list("author_email",
                                                                            flat=True))
    for registration in Registration.objects.all():
        secrets += [registration.email, registration.name]
        secrets += [v for v in (registration.accessibility_needs,) if v]
    secrets += [link for link in Meeting.objects.values_list("remote_link", flat=True) if link]
    return secrets
