"""Registering for a public meeting without an account (F6, I5): a place only for a confirmed
address, a waiting list served in order, the remote link to registered people only and
before the meeting, an iCalendar invitation, attendance, and personal data that is erased."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from opengov.core.forms import form_started_token
from opengov.forum import registrations, services
from opengov.forum.models import Meeting, Registration
from tests.helpers import status

pytestmark = pytest.mark.django_db
LINK = "https://visio.example.org/plenary-7f3a"
Status = Registration.Status


@pytest.fixture(autouse=True)
def _clean():
    cache.clear()  # rate limits and the once-an-hour confirmation


@pytest.fixture
def meeting(demo):
    return Meeting.objects.create(
        forum=demo.forum, kind="forum", title_fr="Plénière ouverte", title_en="Open plenary",
        format="hybrid", place="Salle Condorcet", agenda="1. Bilan",
        starts_at=timezone.now() + timedelta(days=5), registration_open=True, capacity=1,
        remote_link=LINK)


def url(name, *args, lang="fr"):
    with translation.override(lang):
        return reverse(name, args=args)


def register(meeting, email, name="Léa Martin", client=None, **extra):
    data = {"name": name, "email": email, "organisation": "", "constituency": "civil_society",
            "accessibility_needs": "", "started": form_started_token(), **extra}
    return (client or Client()).post(url("web:meeting_register", meeting.pk), data)


def to(address):
    return [m for m in mail.outbox if address in m.to]


def link_in(message, part):
    found = next(u for u in re.findall(r"https?://\S+", message.body) if part in u)
    return found[found.index("/", 8):]


def confirmed(meeting, email, capture):
    with capture(execute=True):
        register(meeting, email)
    with capture(execute=True):
        Client().post(link_in(to(email)[-1], "/confirm/"))
    return Registration.objects.get(meeting=meeting, email=email)


def invitation(message):
    (name, content, kind), = message.attachments
    assert name == "meeting.ics" and kind.startswith("text/calendar")
    return content.decode() if isinstance(content, bytes) else content


def test_a_place_is_taken_only_once_the_address_is_confirmed(
        meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(meeting, "lea@example.org")
    assert response.status_code == 302 and response["Location"].endswith("#messages")
    registration = Registration.objects.get(meeting=meeting)
    assert registration.status == Status.PENDING and registration.language == "fr"
    (message,) = to("lea@example.org")
    assert "Confirmez votre inscription" in message.subject
    confirm = link_in(message, "/confirm/")
    # Opening the link (as a mail scanner does) takes no place: the button does.
    page = Client().get(confirm)
    assert "Confirmer ma place" in page.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        page = Client().post(confirm)
    assert "Inscription confirmée" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.REGISTERED and registration.confirmed_at
    done = to("lea@example.org")[-1]
    assert "Inscription confirmée" in done.subject
    calendar = invitation(done)
    assert "BEGIN:VEVENT" in calendar and "Plénière ouverte" in calendar
    # Five days ahead: the remote link comes the day before, not now.
    assert LINK not in done.body and LINK not in calendar
    assert "/cancel/" in done.body


def test_a_pending_request_is_not_rewritten_by_someone_else(
        meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, "lea@example.org")
        register(meeting, "lea@example.org", name="Impostor",
                 accessibility_needs="Call me at home")
    registration = Registration.objects.get(meeting=meeting)
    assert registration.name == "Léa Martin" and registration.accessibility_needs == ""
    assert len(to("lea@example.org")) == 1  # once an hour


def test_registering_leaves_the_public_cache_alone(meeting, django_capture_on_commit_callbacks):
    from opengov.core import content

    before = content.current().number
    confirmed(meeting, "lea@example.org", django_capture_on_commit_callbacks)
    assert content.current().number == before


def test_a_deleted_meeting_sends_nothing_and_confirms_nothing(
        meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, "lea@example.org")
    confirm = link_in(to("lea@example.org")[-1], "/confirm/")
    registered = confirmed(meeting, "in@example.org", django_capture_on_commit_callbacks)
    meeting.delete()  # hidden, not removed
    assert Client().post(confirm).status_code == 404
    with time_machine.travel(meeting.starts_at - timedelta(hours=2), tick=False):
        assert registrations.send_due_links() == 0
    registered.refresh_from_db()
    assert registered.link_sent_at is None


def test_the_admin_shows_the_remote_link_to_the_poc_team_only(client, users, meeting):
    url = f"/en/admin/forum/meeting/{meeting.pk}/change/"
    client.force_login(users["administrator"])
    page = client.get(url)
    assert page.status_code == 200 and LINK not in page.content.decode()
    client.force_login(users["superuser"])
    assert LINK in client.get(url).content.decode()
    # No history keeps a link: old ones are gone with the change.
    assert not hasattr(meeting.history.model, "remote_link")


def test_the_answer_is_the_same_whether_the_address_is_registered(
        meeting, django_capture_on_commit_callbacks):
    registration = confirmed(meeting, "lea@example.org", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = register(meeting, "LEA@example.org", name="Someone else")
    assert again.status_code == 302
    registration.refresh_from_db()
    assert registration.name == "Léa Martin" and registration.status == Status.REGISTERED
    assert mail.outbox == [] and Registration.objects.filter(meeting=meeting).count() == 1


def test_the_waiting_list_is_served_in_order(meeting, django_capture_on_commit_callbacks):
    first = confirmed(meeting, "first@example.org", django_capture_on_commit_callbacks)
    second = confirmed(meeting, "second@example.org", django_capture_on_commit_callbacks)
    third = confirmed(meeting, "third@example.org", django_capture_on_commit_callbacks)
    assert [r.status for r in (first, second, third)] == [
        Status.REGISTERED, Status.WAITING, Status.WAITING]
    assert "numéro 2 sur la liste d'attente" in to("third@example.org")[-1].body
    assert to("second@example.org")[-1].attachments == []  # no invitation without a place
    page = Client().get(url("web:meeting_register", meeting.pk)).content.decode()
    assert "liste d'attente" in page
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(link_in(to("first@example.org")[-1], "/cancel/"))
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.status == Status.CANCELLED and first.email == "" and first.name == ""
    assert second.status == Status.REGISTERED and third.status == Status.WAITING
    promoted = to("second@example.org")[-1]
    assert "Une place s'est libérée" in promoted.subject and invitation(promoted)


def test_more_places_go_to_the_waiting_list(meeting, users, django_capture_on_commit_callbacks):
    confirmed(meeting, "first@example.org", django_capture_on_commit_callbacks)
    waiting = confirmed(meeting, "second@example.org", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_save(actor=users["poc"], forum=meeting.forum, meeting=meeting,
                              values={"capacity": 2})
    waiting.refresh_from_db()
    assert waiting.status == Status.REGISTERED


def test_the_remote_link_goes_to_registered_people_only_the_day_before(
        meeting, users, django_capture_on_commit_callbacks):
    registered = confirmed(meeting, "in@example.org", django_capture_on_commit_callbacks)
    confirmed(meeting, "waiting@example.org", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert registrations.send_due_links() == 0
    with time_machine.travel(meeting.starts_at - timedelta(hours=23), tick=False):
        assert registrations.send_due_links() == 1
        assert registrations.send_due_links() == 0  # once
    (message,) = mail.outbox
    assert message.to == ["in@example.org"] and LINK in message.body
    assert LINK in invitation(message)
    # The organisers change the link: those who had the old one get the new one.
    mail.outbox.clear()
    with (time_machine.travel(meeting.starts_at - timedelta(hours=20), tick=False),
          django_capture_on_commit_callbacks(execute=True)):
        services.meeting_save(actor=users["poc"], forum=meeting.forum, meeting=meeting,
                              values={"remote_link": LINK + "-new"})
    (message,) = mail.outbox
    assert message.to == ["in@example.org"] and LINK + "-new" in message.body
    registered.refresh_from_db()
    assert registered.link_sent_at is not None
    # Once the meeting has started, nobody is sent anything more.
    with time_machine.travel(meeting.starts_at + timedelta(minutes=5), tick=False):
        Registration.objects.update(link_sent_at=None)
        assert registrations.send_due_links() == 0


def test_a_place_confirmed_within_the_day_comes_with_the_link(
        meeting, django_capture_on_commit_callbacks):
    with time_machine.travel(meeting.starts_at - timedelta(hours=3), tick=False):
        confirmed(meeting, "late@example.org", django_capture_on_commit_callbacks)
        assert registrations.send_due_links() == 0  # already sent with the confirmation
    done = to("late@example.org")[-1]
    assert LINK in done.body and LINK in invitation(done)


def test_no_registration_once_the_meeting_started_or_when_closed(
        meeting, django_capture_on_commit_callbacks):
    with time_machine.travel(meeting.starts_at + timedelta(minutes=1), tick=False):
        page = register(meeting, "late@example.org")
        assert page.status_code == 200 and "Les inscriptions à cette réunion sont closes" in (
            page.content.decode())
    Meeting.objects.filter(pk=meeting.pk).update(registration_open=False)
    assert register(meeting, "late@example.org").status_code == 200
    assert not Registration.objects.filter(meeting=meeting).exists()
    Meeting.objects.filter(pk=meeting.pk).update(is_public=False, registration_open=True)
    assert register(meeting, "late@example.org").status_code == 404


def test_a_pending_registration_cannot_be_confirmed_after_the_start(
        meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, "lea@example.org")
    confirm = link_in(to("lea@example.org")[-1], "/confirm/")
    with time_machine.travel(meeting.starts_at + timedelta(minutes=1), tick=False):
        page = Client().post(confirm)
    assert page.status_code == 200 and "closes" in page.content.decode()
    assert Registration.objects.get(meeting=meeting).status == Status.PENDING


def test_scripts_register_nobody(meeting, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("web:meeting_register", meeting.pk),
                    {"name": "Bot", "email": "bot@example.org"})  # never shown the form
        register(meeting, "trap@example.org", website="http://spam.example")
    assert not Registration.objects.filter(meeting=meeting).exists()
    assert mail.outbox == []


def test_bad_input_is_explained(meeting):
    page = register(meeting, "not-an-address", name="")
    body = page.content.decode()
    assert page.status_code == 200 and 'aria-invalid="true"' in body
    assert "Saisissez une adresse de courriel valide" in body
    assert not Registration.objects.filter(meeting=meeting).exists()


def test_requests_from_one_connection_are_limited(meeting):
    for n in range(10):
        assert register(meeting, f"p{n}@example.org").status_code == 302
    page = register(meeting, "p11@example.org")
    assert page.status_code == 200 and "la dernière heure" in page.content.decode()
    assert Registration.objects.filter(meeting=meeting).count() == 10


def test_unconfirmed_requests_and_old_details_are_forgotten(
        meeting, django_capture_on_commit_callbacks):
    kept = confirmed(meeting, "kept@example.org", django_capture_on_commit_callbacks)
    register(meeting, "never@example.org")
    with time_machine.travel(timezone.now() + timedelta(days=3), tick=False):
        registrations.forget_registrations()
    assert not Registration.objects.filter(email="never@example.org").exists()
    kept.refresh_from_db()
    assert kept.email == "kept@example.org"
    with time_machine.travel(meeting.starts_at + timedelta(days=31), tick=False):
        registrations.forget_registrations()
    kept.refresh_from_db()
    assert kept.erased_at and kept.email == "" and kept.name == ""
    assert kept.constituency == "civil_society" and kept.status == Status.REGISTERED
    # An erased registration's links lead nowhere.
    assert Client().get(url("web:registration_cancel", kept.token)).status_code == 404


def test_the_public_invitation_never_carries_the_remote_link(client, meeting):
    response = client.get(url("web:meeting_ics", meeting.pk, lang="en"))
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert "DTSTART:" in body and "DTEND:" in body and "Open plenary" in body
    assert LINK not in body


def test_the_meeting_page_invites_to_register(client, meeting):
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert url("web:meeting_register", meeting.pk, lang="en") in body
    assert "calendar.ics" in body and LINK not in body


def test_validation_of_registration_settings(users, meeting):
    poc, forum = users["poc"], meeting.forum
    with pytest.raises(ValidationError) as error:
        services.meeting_save(actor=poc, forum=forum, meeting=meeting,
                              values={"format": "in_person"})
    assert "remote_link" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_save(actor=poc, forum=forum, meeting=meeting,
                              values={"is_public": False})
    assert "registration_open" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_save(actor=poc, forum=forum, meeting=meeting, values={"capacity": 0})
    assert "capacity" in error.value.message_dict


# -- the desk: who registered, who came -----------------------------------------------------

ONLY_POC = {"anonymous": 302, "no_role": 403, "forum": 403, "agency": 403, "irm": 403,
            "moderator": 403, "administrator": 403, "poc": 200, "superuser": 200}


def test_only_the_poc_team_reads_the_registrations(client, users, meeting,
                                                   django_capture_on_commit_callbacks):
    confirmed(meeting, "lea@example.org", django_capture_on_commit_callbacks)
    with translation.override("en"):
        page = reverse("workspace:meeting_registrations", args=[meeting.pk])
    got = {role: status(client, user, page) for role, user in users.items()}
    assert got == ONLY_POC
    client.force_login(users["poc"])
    body = client.get(page).content.decode()
    assert "lea@example.org" in body and "Léa Martin" in body
    # A forum member reads the meeting list, never the addresses.
    client.force_login(users["forum"])
    with translation.override("en"):
        listing = client.get(reverse("workspace:meeting_list")).content.decode()
    assert "lea@example.org" not in listing


def test_attendance_is_recorded_from_registrations(client, users, meeting,
                                                   django_capture_on_commit_callbacks):
    came = confirmed(meeting, "came@example.org", django_capture_on_commit_callbacks)
    also = confirmed(meeting, "also@example.org", django_capture_on_commit_callbacks)
    Registration.objects.filter(pk=also.pk).update(constituency="")
    with translation.override("en"):
        page = reverse("workspace:meeting_registrations", args=[meeting.pk])
    data = {"attended": [came.pk, also.pk], "counts_too": "on"}
    for role in ("forum", "agency", "moderator"):
        assert status(client, users[role], page, "post", data) == 403
    assert not Registration.objects.filter(attended=True, meeting=meeting).exists()
    assert status(client, users["poc"], page, "post", data) == 302
    meeting.refresh_from_db()
    assert (meeting.attendance_government, meeting.attendance_civil_society,
            meeting.attendance_other) == (0, 1, 1)
    # Without the box, the counts typed on the meeting stay.
    status(client, users["poc"], page, "post", {"attended": [came.pk]})
    meeting.refresh_from_db()
    assert meeting.attendance_other == 1
    assert list(Registration.objects.filter(meeting=meeting, attended=True)) == [came]


def test_attendance_cannot_mark_another_meetings_registration(
        client, users, meeting, demo, django_capture_on_commit_callbacks):
    other = Meeting.objects.create(forum=demo.forum, kind="forum", title="Autre",
                                   format="online", starts_at=meeting.starts_at,
                                   registration_open=True)
    stranger = confirmed(other, "x@example.org", django_capture_on_commit_callbacks)
    with translation.override("en"):
        page = reverse("workspace:meeting_registrations", args=[meeting.pk])
    assert status(client, users["poc"], page, "post", {"attended": [stranger.pk]}) == 200
    stranger.refresh_from_db()
    assert stranger.attended is False


def test_a_full_meeting_says_so_before_and_after_confirming(
        meeting, django_capture_on_commit_callbacks):
    confirmed(meeting, "first@example.org", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, "second@example.org")
    confirm = link_in(to("second@example.org")[-1], "/confirm/")
    page = Client().get(confirm).content.decode()
    assert "Rejoindre la liste d'attente" in page and "Confirmer ma place" not in page
    with django_capture_on_commit_callbacks(execute=True):
        page = Client().post(confirm).content.decode()
    assert "Vous êtes numéro 1 sur la liste d'attente" in page


def test_an_old_cancel_link_says_the_registration_is_cancelled(
        meeting, django_capture_on_commit_callbacks):
    registration = confirmed(meeting, "lea@example.org", django_capture_on_commit_callbacks)
    cancel = link_in(to("lea@example.org")[-1], "/cancel/")
    Client().post(cancel)
    again = Client().get(cancel)
    assert again.status_code == 200
    assert "Votre inscription est annulée" in again.content.decode()
    registration.refresh_from_db()
    assert registration.email == "" and registration.status == Status.CANCELLED
