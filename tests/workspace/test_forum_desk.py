"""The forum desk: every signed-in role reads it, the Point of Contact team writes it; each
write is logged; seats end but are never deleted; a minutes file is checked like every
upload."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from safedelete import HARD_DELETE

from opengov.core.models import Activity
from opengov.forum import services
from opengov.forum.models import Forum, Meeting, Seat
from opengov.members.models import Member, Organisation, Person
from opengov.repository.models import Document
from tests.conftest import DEMO_TODAY
from tests.helpers import count_queries, status

READERS = {"anonymous": 302, "no_role": 403, "forum": 200, "agency": 200, "irm": 200,
           "moderator": 200, "administrator": 200, "poc": 200, "superuser": 200}
WRITERS = {"anonymous": 302, "no_role": 403, "forum": 403, "agency": 403, "irm": 403,
           "moderator": 403, "administrator": 403, "poc": 200, "superuser": 200}
# A valid POST redirects for those who may write.
POSTERS = {**WRITERS, "poc": 302, "superuser": 302}




def activity(kind, target):
    return Activity.objects.filter(kind=kind, target_id=target.pk,
                                   target_type__model=target._meta.model_name)


@pytest.fixture
def forum(demo):
    return demo.forum


@pytest.fixture
def organisation(demo):
    return Organisation.objects.get(member=demo, acronym="ANMP")


@pytest.fixture
def seat(forum):
    return forum.seats.filter(ends_on__isnull=True).order_by("pk").first()


@pytest.fixture
def meeting(forum):
    return forum.meetings.filter(is_public=True).order_by("-starts_at").first()


@pytest.fixture
def elsewhere(db):
    """Another member with its own forum, seat and meeting: never reachable from this site."""
    member = Member.objects.create(name="Elsewhere", slug="elsewhere", kind="national",
                                   administrative_languages=["en"])
    organisation = Organisation.objects.create(member=member, name="Other NGO",
                                               kind="civil_society")
    forum = Forum.objects.create(member=member, name="Other forum")
    seat = Seat.objects.create(forum=forum, organisation=organisation,
                               constituency="civil_society", selection="open_call",
                               starts_on=DEMO_TODAY - timedelta(days=100))
    meeting = Meeting.objects.create(forum=forum, kind="forum", title="Other meeting",
                                     starts_at=timezone.now(), format="online")
    return {"member": member, "organisation": organisation, "forum": forum, "seat": seat,
            "meeting": meeting}


def forum_data(**extra):
    return {"name_fr": "Forum ouvert", "name_en": "Open Forum", "legal_basis_kind": "decree",
            "legal_basis_fr": "Décret 2017-412", "legal_basis_en": "Decree 2017-412",
            "rules_of_participation_fr": "Chacun peut participer.",
            "rules_of_participation_en": "Anyone may take part.",
            "rules_published_on": (DEMO_TODAY - timedelta(days=10)).isoformat(), **extra}


def seat_data(organisation, **extra):
    return {"organisation": getattr(organisation, "pk", organisation), "person": "",
            "constituency": "government",
            "role_fr": "Membre", "role_en": "Member",
            "starts_on": (DEMO_TODAY - timedelta(days=3)).isoformat(), "ends_on": "",
            "selection": "appointment", "inclusion_groups": ["women", "youth"], **extra}


def meeting_data(**extra):
    return {"kind": "forum", "title_fr": "Séance test", "title_en": "Test session",
            "starts_at": f"{(DEMO_TODAY + timedelta(days=9)).isoformat()}T14:00",
            "format": "online", "is_public": "on", "agenda_fr": "1. Ordre du jour",
            "agenda_en": "1. Agenda", "attendance_government": "4",
            "attendance_civil_society": "5", "attendance_other": "1",
            "minutes_published_on": "", "plan": "", "commitment": "",
            "minutes_file_language": "fr", **extra}


# -- who reaches what -----------------------------------------------------------------

@pytest.mark.django_db
def test_every_signed_in_role_reads_the_desk_and_the_meetings(client, users):
    for name in ("forum_desk", "meeting_list"):
        url = reverse(f"workspace:{name}")
        got = {role: status(client, user, url) for role, user in users.items()}
        assert got == READERS, name


@pytest.mark.django_db
def test_only_the_poc_team_opens_the_write_pages(client, users, seat, meeting):
    urls = [reverse("workspace:forum_edit"), reverse("workspace:seat_new"),
            reverse("workspace:seat_edit", args=[seat.pk]),
            reverse("workspace:seat_end", args=[seat.pk]),
            reverse("workspace:meeting_new"),
            reverse("workspace:meeting_edit", args=[meeting.pk])]
    for url in urls:
        got = {role: status(client, user, url) for role, user in users.items()}
        assert got == WRITERS, url


@pytest.mark.django_db
def test_only_the_poc_team_saves_the_forum(client, users, forum):
    url = reverse("workspace:forum_edit")
    got = {role: status(client, user, url, "post", forum_data(name_en=f"Forum {role}"))
           for role, user in users.items()}
    assert got == POSTERS
    forum.refresh_from_db()
    assert forum.name_en == "Forum poc"  # the last one allowed to write
    assert forum.rules_of_participation_en == "Anyone may take part."
    assert forum.rules_published_on == DEMO_TODAY - timedelta(days=10)
    assert set(activity(Activity.Kind.FORUM_CHANGED, forum).values_list(
        "actor__username", flat=True)) == {"t-poc", "root"}


@pytest.mark.django_db
def test_only_the_poc_team_adds_seats(client, users, forum, organisation):
    url = reverse("workspace:seat_new")
    before = Seat.objects.count()
    got = {role: status(client, user, url, "post", seat_data(organisation, role_en=role))
           for role, user in users.items()}
    assert got == POSTERS
    added = Seat.objects.filter(forum=forum, role_en__in=["poc", "superuser"])
    assert Seat.objects.count() == before + 2 and added.count() == 2
    seat = added.get(role_en="poc")
    assert seat.organisation == organisation and seat.constituency == "government"
    assert seat.inclusion_groups == ["women", "youth"]
    log = activity(Activity.Kind.FORUM_CHANGED, seat).get()
    assert log.actor.username == "t-poc" and log.summary == "Seat added"


@pytest.mark.django_db
def test_only_the_poc_team_changes_a_seat(client, users, seat):
    url = reverse("workspace:seat_edit", args=[seat.pk])
    data = seat_data(seat.organisation, constituency=seat.constituency,
                     starts_on=seat.starts_on.isoformat(), selection=seat.selection,
                     inclusion_groups=["indigenous"])
    got = {role: status(client, user, url, "post", {**data, "role_en": role})
           for role, user in users.items()}
    assert got == POSTERS
    seat.refresh_from_db()
    assert seat.role_en == "poc" and seat.inclusion_groups == ["indigenous"]
    logs = activity(Activity.Kind.FORUM_CHANGED, seat).order_by("pk")
    assert [log.actor.username for log in logs] == ["root", "t-poc"]
    assert "inclusion_groups" in logs[0].summary and "role_en" in logs[0].summary


@pytest.mark.django_db
def test_ending_a_seat_keeps_it(client, users, seat):
    url = reverse("workspace:seat_end", args=[seat.pk])
    last_day = (DEMO_TODAY - timedelta(days=1)).isoformat()
    refused = {role: status(client, user, url, "post", {"ends_on": last_day})
               for role, user in users.items() if role not in ("poc", "superuser")}
    assert refused == {role: code for role, code in POSTERS.items()
                       if role not in ("poc", "superuser")}
    seat.refresh_from_db()
    assert seat.ends_on is None
    assert status(client, users["poc"], url, "post", {"ends_on": last_day}) == 302
    seat = Seat.objects.get(pk=seat.pk)  # still there: ended, not deleted
    assert seat.ends_on == DEMO_TODAY - timedelta(days=1) and not seat.is_current()
    log = activity(Activity.Kind.FORUM_CHANGED, seat).get()
    assert log.actor == users["poc"] and log.summary == f"Seat ended on {last_day}"
    # Ending it again later is refused, as a form error.
    response = client.post(url, {"ends_on": DEMO_TODAY.isoformat()})
    assert response.status_code == 200
    assert "already ends on" in response.content.decode()


@pytest.mark.django_db
def test_ended_seat_is_listed_apart_from_current_ones(client, users, seat):
    services.seat_end(actor=users["poc"], seat=seat, ends_on=DEMO_TODAY - timedelta(days=1))
    client.force_login(users["forum"])
    response = client.get(reverse("workspace:forum_desk"))
    assert seat in response.context["other_seats"]
    assert all(seat not in seats for _label, seats in response.context["constituencies"])
    # A reader sees no edit link.
    assert reverse("workspace:seat_edit", args=[seat.pk]) not in response.content.decode()


@pytest.mark.django_db
def test_only_the_poc_team_adds_meetings(client, users, forum):
    url = reverse("workspace:meeting_new")
    got = {role: status(client, user, url, "post", meeting_data(title_en=f"Session {role}"))
           for role, user in users.items()}
    assert got == POSTERS
    assert set(Meeting.objects.filter(title_en__startswith="Session ").values_list(
        "title_en", flat=True)) == {"Session poc", "Session superuser"}
    meeting = Meeting.objects.get(title_en="Session poc")
    assert meeting.forum == forum and meeting.is_public
    assert (meeting.attendance_government, meeting.attendance_civil_society,
            meeting.attendance_other) == (4, 5, 1)
    assert meeting.agenda_fr == "1. Ordre du jour"
    log = activity(Activity.Kind.MEETING_SAVED, meeting).get()
    assert log.actor == users["poc"] and log.summary == "Meeting added"


@pytest.mark.django_db
def test_only_the_poc_team_changes_a_meeting(client, users, meeting):
    url = reverse("workspace:meeting_edit", args=[meeting.pk])
    published = max(DEMO_TODAY, timezone.localtime(meeting.starts_at).date())
    data = meeting_data(starts_at=timezone.localtime(meeting.starts_at).strftime(
        "%Y-%m-%dT%H:%M"), kind=meeting.kind, format=meeting.format,
        minutes_fr="Compte rendu", minutes_en="Minutes",
        minutes_published_on=published.isoformat())
    got = {role: status(client, user, url, "post", {**data, "title_en": f"Changed {role}"})
           for role, user in users.items()}
    assert got == POSTERS
    meeting.refresh_from_db()
    assert meeting.title_en == "Changed poc" and meeting.minutes_en == "Minutes"
    assert meeting.minutes_published_on == published
    logs = activity(Activity.Kind.MEETING_SAVED, meeting).order_by("pk")
    assert [log.actor.username for log in logs] == ["root", "t-poc"]
    assert "title_en" in logs[1].summary


# -- scoping: another member's records, ids from elsewhere ---------------------------

@pytest.mark.django_db
def test_another_members_seat_or_meeting_is_not_found(client, users, elsewhere):
    client.force_login(users["poc"])
    for url in (reverse("workspace:seat_edit", args=[elsewhere["seat"].pk]),
                reverse("workspace:seat_end", args=[elsewhere["seat"].pk]),
                reverse("workspace:meeting_edit", args=[elsewhere["meeting"].pk])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"ends_on": DEMO_TODAY.isoformat()}).status_code == 404, url
    elsewhere["seat"].refresh_from_db()
    assert elsewhere["seat"].ends_on is None


@pytest.mark.django_db
def test_another_members_organisation_cannot_take_a_seat(client, users, elsewhere):
    client.force_login(users["poc"])
    before = Seat.objects.count()
    response = client.post(reverse("workspace:seat_new"), seat_data(elsewhere["organisation"]))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert Seat.objects.count() == before


@pytest.mark.django_db
def test_the_representative_works_for_the_seats_organisation(client, users, organisation,
                                                            demo):
    someone_else = Person.objects.filter(organisation__member=demo).exclude(
        organisation=organisation).first()
    client.force_login(users["poc"])
    response = client.post(reverse("workspace:seat_new"),
                           seat_data(organisation, person=someone_else.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["person"] == [
        "The representative must work for the seat's organisation."]


@pytest.mark.django_db
def test_the_service_refuses_a_seat_of_another_forum(users, forum, elsewhere):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.seat_save(actor=users["poc"], forum=forum, seat=elsewhere["seat"],
                           values={"role": "x"})


@pytest.mark.django_db
def test_the_service_refuses_a_reader(users, forum, organisation):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.seat_save(actor=users["forum"], forum=forum, values={
            "organisation": organisation, "constituency": "government",
            "starts_on": DEMO_TODAY, "selection": "appointment"})


# -- bad input -------------------------------------------------------------------------

@pytest.mark.django_db
def test_bad_input_gives_form_errors(client, users, forum, organisation, seat):
    client.force_login(users["poc"])
    seats, meetings = Seat.objects.count(), Meeting.objects.count()
    cases = [
        (reverse("workspace:seat_new"), seat_data("abc"),
         "organisation"),
        (reverse("workspace:seat_new"), seat_data(organisation, person="999999999"), "person"),
        (reverse("workspace:seat_new"), seat_data(organisation, inclusion_groups=["aliens"]),
         "inclusion_groups"),
        (reverse("workspace:seat_new"),
         seat_data(organisation, ends_on=(DEMO_TODAY - timedelta(days=30)).isoformat()),
         "ends_on"),
        (reverse("workspace:seat_end", args=[seat.pk]), {"ends_on": "tomorrow"}, "ends_on"),
        (reverse("workspace:seat_end", args=[seat.pk]),
         {"ends_on": (seat.starts_on - timedelta(days=1)).isoformat()}, "ends_on"),
        (reverse("workspace:meeting_new"), meeting_data(starts_at="soon"), "starts_at"),
        (reverse("workspace:meeting_new"), meeting_data(plan="x1"), "plan"),
        (reverse("workspace:meeting_new"), meeting_data(attendance_other="-3"),
         "attendance_other"),
        (reverse("workspace:meeting_new"), meeting_data(title_fr="", title_en=""), "title_fr"),
        (reverse("workspace:forum_edit"), forum_data(name_fr="", name_en=""), "name_fr"),
        (reverse("workspace:forum_edit"), forum_data(rules_published_on="2026-13-45"),
         "rules_published_on"),
    ]
    for url, data, field in cases:
        response = client.post(url, data)
        assert response.status_code == 200, (url, data)
        assert field in response.context["form"].errors, (url, field)
        assert 'class="error-summary"' in response.content.decode()
    assert (Seat.objects.count(), Meeting.objects.count()) == (seats, meetings)
    seat.refresh_from_db()
    assert seat.ends_on is None


@pytest.mark.django_db
def test_a_commitment_of_another_plan_is_refused(client, users, demo, current_plan):
    from opengov.plans.models import ActionPlan

    other_plan = ActionPlan.objects.filter(member=demo).exclude(pk=current_plan.pk).first()
    commitment = current_plan.commitments.first()
    client.force_login(users["poc"])
    response = client.post(reverse("workspace:meeting_new"), meeting_data(
        plan=other_plan.pk, commitment=commitment.pk))
    assert response.status_code == 200
    assert "commitment" in response.context["form"].errors


@pytest.mark.django_db
def test_a_page_number_that_is_not_one_still_gives_a_page(client, users):
    client.force_login(users["forum"])
    for page in ("abc", "0", "99999", "-1"):
        assert client.get(reverse("workspace:meeting_list"), {"page": page}).status_code == 200


@pytest.mark.django_db
def test_unknown_ids_are_not_found(client, users):
    client.force_login(users["poc"])
    for name in ("seat_edit", "seat_end", "meeting_edit"):
        assert client.get(reverse(f"workspace:{name}", args=[999999])).status_code == 404


# -- the minutes file ------------------------------------------------------------------

@pytest.mark.django_db
def test_html_named_pdf_is_refused_and_nothing_is_saved(client, users, meeting):
    client.force_login(users["poc"])
    meetings, documents = Meeting.objects.count(), Document.objects.count()
    fake = SimpleUploadedFile("minutes.pdf", b"<html><body><script>alert(1)</script></body>"
                                             b"</html>", content_type="application/pdf")
    response = client.post(reverse("workspace:meeting_new"),
                           {**meeting_data(), "minutes_file": fake})
    assert response.status_code == 200
    errors = response.context["form"].errors["minutes_file"]
    assert "is named as PDF but its content is not" in errors[0]
    assert (Meeting.objects.count(), Document.objects.count()) == (meetings, documents)
    assert not Activity.objects.filter(kind=Activity.Kind.MEETING_SAVED).exists()


@pytest.mark.django_db
def test_minutes_file_is_filed_and_public_once_the_minutes_are(client, users, forum):
    client.force_login(users["poc"])
    upload = SimpleUploadedFile("compte-rendu.txt", "Compte rendu de la séance.".encode(),
                                content_type="text/plain")
    response = client.post(reverse("workspace:meeting_new"), {
        **meeting_data(starts_at=f"{(DEMO_TODAY - timedelta(days=7)).isoformat()}T10:00"),
        "minutes_file": upload, "minutes_file_title": "Compte rendu test"})
    assert response.status_code == 302
    meeting = Meeting.objects.get(title_en="Test session")
    document = meeting.documents.get()
    assert document.kind == Document.Kind.MINUTES and document.title == "Compte rendu test"
    assert document.member == forum.member and document.language == "fr"
    assert not document.is_public  # the minutes are not published yet
    assert document.versions.get().original_name == "compte-rendu.txt"
    assert activity(Activity.Kind.DOCUMENT_ADDED, document).get().actor == users["poc"]
    # Publishing the minutes publishes the file too.
    response = client.post(reverse("workspace:meeting_edit", args=[meeting.pk]), {
        **meeting_data(starts_at=f"{(DEMO_TODAY - timedelta(days=7)).isoformat()}T10:00"),
        "minutes_published_on": DEMO_TODAY.isoformat()})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.is_public
    public = client.get(meeting.get_absolute_url()).content.decode()
    assert document.get_absolute_url() in public


@pytest.mark.django_db
def test_a_private_meetings_minutes_file_stays_private(client, users):
    client.force_login(users["poc"])
    data = meeting_data(minutes_published_on=DEMO_TODAY.isoformat(),
                        starts_at=f"{(DEMO_TODAY - timedelta(days=2)).isoformat()}T10:00",
                        title_en="Private session")
    del data["is_public"]
    upload = SimpleUploadedFile("minutes.txt", b"Confidential.", content_type="text/plain")
    assert client.post(reverse("workspace:meeting_new"),
                       {**data, "minutes_file": upload}).status_code == 302
    meeting = Meeting.objects.get(title_en="Private session")
    assert not meeting.is_public and not meeting.documents.get().is_public
    client.logout()
    assert client.get(meeting.get_absolute_url()).status_code == 404


# -- the forum's own page ---------------------------------------------------------------

@pytest.mark.django_db
def test_a_member_without_a_forum_gets_one_from_the_poc_team(client, users, demo):
    demo.forum.delete(force_policy=HARD_DELETE)
    demo = Member.objects.get(pk=demo.pk)
    client.force_login(users["forum"])
    response = client.get(reverse("workspace:forum_desk"))
    assert response.status_code == 200 and response.context["can_create"] is False
    assert status(client, users["forum"], reverse("workspace:forum_edit")) == 403
    client.force_login(users["poc"])
    assert client.get(reverse("workspace:forum_desk")).context["can_create"] is True
    response = client.post(reverse("workspace:forum_edit"), forum_data())
    assert response.status_code == 302
    forum = Forum.objects.get(member=demo)
    assert forum.name_en == "Open Forum"
    assert activity(Activity.Kind.FORUM_CHANGED, forum).get().summary == "Forum created"


@pytest.mark.django_db
def test_home_shows_the_forum_desk_to_signed_in_roles(client, users):
    link = reverse("workspace:forum_desk")
    for role in ("forum", "agency", "irm", "moderator", "poc"):
        client.force_login(users[role])
        assert link in client.get(reverse("workspace:home")).content.decode(), role


# -- query counts ------------------------------------------------------------------------



def _add_meetings(forum, n):
    for i in range(n):
        meeting = Meeting.objects.create(
            forum=forum, kind="forum", title=f"Extra {i}", format="online",
            starts_at=timezone.now() - timedelta(days=i + 1), minutes="Text",
            minutes_published_on=DEMO_TODAY, attendance_government=i)
        Document.objects.create(member=forum.member, kind="minutes", title=f"M {i}",
                                date=DEMO_TODAY, language="en", meeting=meeting)


def _add_seats(forum, organisation, n):
    for i in range(n):
        Seat.objects.create(forum=forum, organisation=organisation, constituency="other",
                            selection="open_call", starts_on=DEMO_TODAY - timedelta(days=i),
                            ends_on=DEMO_TODAY - timedelta(days=1) if i % 2 else None,
                            inclusion_groups=["women"])


@pytest.mark.django_db
def test_meeting_list_queries_do_not_grow(client, users, forum, django_assert_max_num_queries):
    client.force_login(users["poc"])
    url = reverse("workspace:meeting_list")
    before = count_queries(client, url)
    _add_meetings(forum, 20)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    assert count_queries(client, url) == before
    assert count_queries(client, url + "?page=2") == before


@pytest.mark.django_db
def test_forum_desk_queries_do_not_grow(client, users, forum, organisation,
                                        django_assert_max_num_queries):
    client.force_login(users["poc"])
    url = reverse("workspace:forum_desk")
    before = count_queries(client, url)
    _add_meetings(forum, 20)
    _add_seats(forum, organisation, 20)
    with django_assert_max_num_queries(9):
        response = client.get(url)
    assert len(response.context["other_seats"]) >= 10
    assert count_queries(client, url) == before


@pytest.mark.django_db
def test_minutes_are_not_published_before_the_meeting(users, demo):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from opengov.forum.models import Meeting
    from opengov.forum.services import meeting_save

    meeting = Meeting.objects.filter(forum__member=demo).order_by("-starts_at").first()
    held_on = timezone.localtime(meeting.starts_at).date()
    with pytest.raises(ValidationError) as refused:
        meeting_save(actor=users["poc"], forum=meeting.forum, meeting=meeting,
                     values={"minutes_published_on": held_on - timedelta(days=1)})
    assert "minutes_published_on" in refused.value.message_dict
    saved = meeting_save(actor=users["poc"], forum=meeting.forum, meeting=meeting,
                         values={"minutes_published_on": held_on})
    assert saved.minutes_published_on == held_on
