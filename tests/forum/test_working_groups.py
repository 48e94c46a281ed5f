"""Thematic working groups of the forum (CC7, I3), and the F1/I5 evidence that shows each
meeting's minutes and attendance."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from opengov.forum import services
from opengov.forum.models import Forum, Meeting, Seat, WorkingGroup
from opengov.members.models import Member, Organisation
from tests.conftest import DEMO_TODAY
from tests.helpers import status

pytestmark = pytest.mark.django_db
WRITERS = {"anonymous": 302, "no_role": 403, "forum": 403, "agency": 403, "irm": 403,
           "moderator": 403, "administrator": 403, "poc": 302, "superuser": 302}
READERS = {"anonymous": 302, "no_role": 403, "forum": 200, "agency": 200, "irm": 200,
           "moderator": 200, "administrator": 200, "poc": 200, "superuser": 200}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def group_data(seats, **extra):
    return {"name_fr": "GT Climat", "name_en": "Climate working group",
            "remit_en": "Prepares the climate commitment.", "plan": "",
            "starts_on": DEMO_TODAY.isoformat(), "ends_on": "", "is_public": "on",
            "seats": [seat.pk for seat in seats], "other_participants_en": "Met Office",
            **extra}


def test_every_role_reads_and_only_the_poc_team_adds_groups(client, users, demo):
    got = {role: status(client, user, reverse("workspace:working_groups"))
           for role, user in users.items()}
    assert got == READERS
    seats = list(demo.forum.seats.order_by("pk")[:2])
    got = {role: status(client, user, reverse("workspace:working_group_new"), "post",
                        group_data(seats, name_en=f"Group {role}"))
           for role, user in users.items()}
    assert got == WRITERS
    group = WorkingGroup.objects.get(name_en="Group poc")
    assert set(group.seats.all()) == set(seats) and group.forum == demo.forum


def test_only_the_poc_team_changes_a_group(client, users, demo):
    group = WorkingGroup.objects.get(forum=demo.forum)
    edit = reverse("workspace:working_group_edit", args=[group.pk])
    got = {role: status(client, user, edit, "post", group_data([], name_en=f"Renamed {role}"))
           for role, user in users.items()}
    assert got == WRITERS
    group.refresh_from_db()
    assert group.name_en == "Renamed poc" and group.seats.count() == 0


def test_seats_of_another_forum_are_refused(users, demo):
    member = Member.objects.create(name="Elsewhere", slug="elsewhere", kind="national",
                                   administrative_languages=["en"])
    organisation = Organisation.objects.create(member=member, name="Other NGO",
                                               kind="civil_society")
    other = Seat.objects.create(
        forum=Forum.objects.create(member=member, name="Other forum"),
        organisation=organisation, constituency="civil_society", selection="open_call",
        starts_on=DEMO_TODAY)
    with pytest.raises(ValidationError) as error:
        services.working_group_save(actor=users["poc"], forum=demo.forum,
                                    values={"name": "X", "starts_on": DEMO_TODAY},
                                    seats=[other])
    assert "seats" in error.value.message_dict
    assert not WorkingGroup.objects.filter(name="X").exists()


def test_public_page_shows_members_and_meetings_and_a_private_group_is_hidden(client, demo):
    group = WorkingGroup.objects.get(forum=demo.forum)
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Open contracting working group" in page and "Working group: public contract" in page
    for seat in group.seats.select_related("organisation"):
        assert str(seat.organisation) in page
    assert group.get_absolute_url() in client.get(reverse("web:forum")).content.decode()
    meeting = group.meetings.filter(is_public=True).first()
    assert group.get_absolute_url() in client.get(meeting.get_absolute_url()).content.decode()
    # A private group takes its meetings along, as a private plan does.
    WorkingGroup.objects.filter(pk=group.pk).update(is_public=False)
    assert client.get(group.get_absolute_url()).status_code == 404
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert not Meeting.objects.public().filter(working_group=group).exists()
    assert meeting.title not in client.get("/api/v1/meetings?limit=100").content.decode()


def test_a_meeting_takes_a_group_of_its_own_forum_only(users, demo):
    member = Member.objects.create(name="Elsewhere", slug="elsewhere", kind="national",
                                   administrative_languages=["en"])
    foreign = WorkingGroup.objects.create(
        forum=Forum.objects.create(member=member, name="Other forum"), name="Foreign",
        starts_on=DEMO_TODAY)
    with pytest.raises(ValidationError) as error:
        services.meeting_save(actor=users["poc"], forum=demo.forum, values={
            "kind": "forum", "title": "T", "starts_at": timezone.now(), "format": "online",
            "working_group": foreign})
    assert "working_group" in error.value.message_dict


def test_f1_and_i5_evidence_shows_minutes_and_attendance(client, demo, current_plan):
    """Each meeting given as evidence for F1 and I5 says whether its minutes are published
    and who came, by constituency."""
    day = timezone.now() - timedelta(days=4)
    Meeting.objects.create(forum=demo.forum, kind="implementation_review", plan=current_plan,
                           title="Review with attendance", starts_at=day, format="hybrid",
                           attendance_government=3, attendance_civil_society=9,
                           attendance_other=1, minutes="Notes",
                           minutes_published_on=timezone.localdate())
    body = client.get(reverse("compliance:standards", args=[current_plan.slug])).content.decode()
    assert "Review with attendance" in body
    assert "3 from government, 9 from civil society, 1 others" in body
    assert "minutes published on" in body
