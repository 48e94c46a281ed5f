"""The activity log page: the Point of Contact team (and superusers) read who did what, to
which record and when, newest first, 50 a page, filtered by person, kind and dates."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from opengov.core.activity import record
from opengov.core.models import Activity
from opengov.forum.models import Seat
from opengov.members.models import Organisation
from opengov.plans.models import Commitment
from opengov.repository.models import Document
from opengov.workspace import activity_views
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.django_db

URL = reverse("workspace:activity")


def at(days_ago, hour=10):
    """A moment ``days_ago`` days before the test day, in the site's time zone."""
    return timezone.make_aware(datetime.combine(DEMO_TODAY - timedelta(days=days_ago),
                                                time(hour)))


def soon(minutes=0):
    """A moment after every line the demo and the test have written: it comes first."""
    return (timezone.now() + timedelta(hours=1, minutes=minutes)).replace(microsecond=0)


def line(*, kind=Activity.Kind.MEETING_SAVED, actor=None, target=None, label="",
         summary="", when=None):
    """An Activity row written directly, at ``when`` (auto_now_add is overridden after)."""
    activity = Activity.objects.create(
        actor=actor, kind=kind, summary=summary,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_label=label or (str(target) if target is not None else ""))
    if when is not None:
        Activity.objects.filter(pk=activity.pk).update(at=when)
    return activity


def shown_lines(body):
    return re.findall(r'<tr class="activity-line">.*?</tr>', body, re.S)


def get(client, user, data=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(URL, data or {})


# -- who may see it ------------------------------------------------------------------------

def test_only_the_poc_team_administrators_and_superusers(client, users):
    expected = {"anonymous": 302, "superuser": 200, "poc": 200, "forum": 403, "agency": 403,
                "irm": 403, "moderator": 403, "administrator": 200, "no_role": 403}
    got = {role: get(client, user).status_code for role, user in users.items()}
    assert got == {role: expected[role] for role in users}
    assert get(client, None)["Location"].startswith(reverse("workspace:login"))


def test_post_is_not_allowed(client, users):
    client.force_login(users["poc"])
    assert client.post(URL).status_code == 405


def test_the_permission_is_the_poc_team_s_and_administrators(users):
    allowed = {role for role, user in users.items()
               if user is not None and user.has_perm("core.view_activity")}
    assert allowed == {"poc", "administrator", "superuser"}


def test_workspace_home_links_to_it_for_the_poc_team_only(client, users):
    home = reverse("workspace:home")
    client.force_login(users["poc"])
    assert f'href="{URL}"' in client.get(home).content.decode()
    client.force_login(users["forum"])
    assert f'href="{URL}"' not in client.get(home).content.decode()


# -- what a line says ----------------------------------------------------------------------

def test_a_line_says_when_who_what_which_record_and_the_details(client, users, make_user,
                                                                own_and_other_commitment):
    commitment = own_and_other_commitment[0]
    editor = make_user("t-named")
    editor.first_name, editor.last_name = "Awa", "Diallo"
    editor.save()
    when = soon()  # once: the clock ticks between two calls
    line(actor=editor, kind=Activity.Kind.COMMITMENT_SAVED, target=commitment,
         summary="title, milestones", when=when)
    body = get(client, users["poc"]).content.decode()
    first = shown_lines(body)[0]
    assert "Awa Diallo" in first and "Commitment saved" in first
    assert "title, milestones" in first
    assert f'href="{reverse("workspace:commitment", args=[commitment.pk])}"' in first
    assert escape(str(commitment)) in first
    assert f'datetime="{when.isoformat()}"' in first


def test_the_platform_when_there_is_no_actor_and_the_record_s_public_page(client, users,
                                                                          current_plan):
    process = current_plan.cocreation_processes.first()
    written = record(actor=None, kind=Activity.Kind.PROCESS_SAVED, target=process)
    Activity.objects.filter(pk=written.pk).update(at=soon())
    first = shown_lines(get(client, users["poc"]).content.decode())[0]
    assert "the platform" in first and "Co-creation process saved" in first
    assert f'href="{process.get_absolute_url()}"' in first


def test_a_desk_page_that_does_not_resolve_falls_back_to_the_public_page(client, users, demo,
                                                                         monkeypatch):
    document = Document.objects.create(member=demo, kind="other", title="Forum minutes",
                                       date=DEMO_TODAY, language="en", is_public=True)
    line(kind=Activity.Kind.DOCUMENT_ADDED, target=document, when=soon())
    monkeypatch.setitem(activity_views.WORKSPACE_PAGES, ("repository", "document"),
                        ("workspace:desk_not_built_yet", "pk"))
    first = shown_lines(get(client, users["poc"]).content.decode())[0]
    assert f'href="{document.get_absolute_url()}"' in first


def test_a_record_with_no_page_or_gone_shows_its_name_only(client, users, demo):
    organisation = Organisation.objects.filter(member=demo).first()
    assert not hasattr(organisation, "get_absolute_url")
    line(kind=Activity.Kind.FORUM_CHANGED, target=organisation, label="The union",
         when=soon(1))
    gone = Document.objects.create(member=demo, kind="other", title="Withdrawn note",
                                   date=DEMO_TODAY, language="en", is_public=True)
    line(kind=Activity.Kind.DOCUMENT_ADDED, target=gone, when=soon(2))
    gone.delete()  # soft deletion: the record is hidden, the log line stays
    lines = shown_lines(get(client, users["poc"]).content.decode())
    assert "Withdrawn note" in lines[0] and "<a " not in lines[0]
    assert "The union" in lines[1] and "<a " not in lines[1]


# -- order and pages -----------------------------------------------------------------------

def test_newest_first_fifty_a_page(client, users):
    Activity.objects.all().delete()  # however much the demo logs, two pages: 50 and 10
    total = 60
    for number in range(60):
        line(summary=f"step-{number:02d}", when=soon(number))
    response = get(client, users["poc"])
    lines = shown_lines(response.content.decode())
    assert len(lines) == 50
    assert "step-59" in lines[0] and "step-58" in lines[1] and "step-10" in lines[49]
    assert response.context["page"].paginator.count == total
    second = shown_lines(get(client, users["poc"], {"page": 2}).content.decode())
    assert len(second) == 10 and "step-09" in second[0] and "step-00" in second[9]


def test_a_bad_page_number_is_not_an_error(client, users):
    for page in ("abc", "0", "999999"):
        assert get(client, users["poc"], {"page": page}).status_code == 200


def test_the_pager_keeps_the_filters(client, users):
    for number in range(55):
        line(kind=Activity.Kind.REPORT_SAVED, summary=f"report-{number}")
    body = get(client, users["poc"], {"kind": "report_saved"}).content.decode()
    assert "?kind=report_saved&amp;page=2" in body


# -- filters -------------------------------------------------------------------------------

def test_filter_by_person_lists_only_the_actors_of_the_log(client, users, make_user):
    worker = make_user("t-worker")
    make_user("t-idle")  # never in the log: not offered
    line(actor=worker, summary="by-worker")
    line(actor=None, summary="by-platform")
    line(actor=users["poc"], summary="by-poc")
    response = get(client, users["poc"])
    choices = dict(response.context["form"].fields["person"].choices)
    assert choices[str(worker.pk)] == "t-worker" and str(users["poc"].pk) in choices
    assert "t-idle" not in choices.values() and "platform" in choices
    body = get(client, users["poc"], {"person": worker.pk}).content.decode()
    lines = shown_lines(body)
    assert lines and all("t-worker" in x for x in lines) and "by-worker" in body
    assert "by-poc" not in body and "by-platform" not in body
    body = get(client, users["poc"], {"person": "platform"}).content.decode()
    assert "by-platform" in body and "by-worker" not in body
    assert all("the platform" in x for x in shown_lines(body))


def test_filter_by_kind(client, users):
    line(kind=Activity.Kind.PLAN_DELIVERED, summary="delivered-line")
    line(kind=Activity.Kind.MEETING_SAVED, summary="meeting-line")
    body = get(client, users["poc"], {"kind": "plan_delivered"}).content.decode()
    lines = shown_lines(body)
    assert lines and all("Plan version delivered" in x for x in lines)
    assert "delivered-line" in body and "meeting-line" not in body


def test_filter_by_dates_includes_both_ends(client, users):
    for days_ago in (10, 5, 3, 1):
        line(summary=f"day-{days_ago}", when=at(days_ago, 23))
    body = get(client, users["poc"], {
        "date_from": (DEMO_TODAY - timedelta(days=5)).isoformat(),
        "date_to": (DEMO_TODAY - timedelta(days=3)).isoformat()}).content.decode()
    assert "day-5" in body and "day-3" in body
    assert "day-10" not in body and "day-1<" not in body
    assert len(shown_lines(body)) == Activity.objects.filter(
        at__date__gte=DEMO_TODAY - timedelta(days=5),
        at__date__lte=DEMO_TODAY - timedelta(days=3)).count()


@pytest.mark.parametrize("data", [
    {"date_from": "31/02/2026"}, {"date_to": "yesterday"}, {"date_from": "2026-13-01"},
    {"person": "abc"}, {"person": "999999"}, {"kind": "no_such_kind"},
])
def test_bad_input_is_a_form_error_not_a_500(client, users, data):
    line(summary="still-listed")
    response = get(client, users["poc"], data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == set(data)
    body = response.content.decode()
    assert 'class="error-summary"' in body and "still-listed" in body


def test_from_after_to_is_a_form_error(client, users):
    response = get(client, users["poc"], {"date_from": "2026-11-20", "date_to": "2026-11-10"})
    assert response.status_code == 200
    assert response.context["form"].errors["date_to"] == [
        "The last day comes before the first day."]


# -- cost ----------------------------------------------------------------------------------

def _queries(client, data=None):
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL, data or {}).status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_100_more_lines(client, users, demo,
                                                       django_assert_max_num_queries):
    commitments = list(Commitment.objects.filter(plan__member=demo)[:5])
    document = Document.objects.create(member=demo, kind="other", title="Agenda",
                                       date=DEMO_TODAY, language="en", is_public=True)
    seat = Seat.objects.filter(forum=demo.forum).first()
    targets = [*commitments, document, seat, None]
    Activity.objects.all().delete()  # only the kinds of record below are on the page
    for target in targets:  # every kind of record is on the page before and after
        line(actor=users["poc"], target=target, when=soon(10))
    client.force_login(users["poc"])
    client.get(URL)  # warm the per-process caches (content types, the site's member)
    before = _queries(client)
    for number in range(100):
        line(actor=users["poc"] if number % 3 else None, target=targets[number % len(targets)],
             kind=Activity.Kind.COMMITMENT_SAVED, summary=f"more-{number}", when=soon(number))
    with django_assert_max_num_queries(14):
        after = _queries(client)
    assert after == before
    assert _queries(client, {"kind": "commitment_saved", "person": users["poc"].pk}) <= 14


def test_details_are_named_in_the_reader_s_language(client, users, demo):
    from opengov.forum.models import Meeting

    meeting = Meeting.objects.filter(forum__member=demo).first()
    line(kind=Activity.Kind.MEETING_SAVED, target=meeting, summary="agenda_fr, minutes",
         when=soon(2))
    line(kind=Activity.Kind.CONTRIBUTION_MODERATED, summary="pending → spam: Publicité",
         when=soon(1))
    client.force_login(users["poc"])
    lines = shown_lines(client.get("/fr/workspace/activity/").content.decode())
    assert "ordre du jour (français), compte rendu" in lines[0].lower()
    assert "En attente de modération → Indésirable: Publicité" in lines[1]
    lines = shown_lines(client.get("/en/workspace/activity/").content.decode())
    assert "agenda (français), minutes" in lines[0].lower()
