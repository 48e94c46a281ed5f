"""Follow by e-mail without an account (CC11): double opt-in, alerts as things happen or a
weekly digest, one-click unsubscribe in every message, and the address never shown."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from opengov.cocreation.models import InputMechanism
from opengov.follow import notices
from opengov.follow.models import Notice, Subscription
from opengov.follow.tasks import collect_and_send, send_due_digests
from opengov.forum.models import Meeting
from opengov.plans.models import ActionPlan, Commitment
from opengov.tracking.models import ProgressUpdate
from opengov.tracking.services import progress_update_publish

pytestmark = pytest.mark.django_db
ADDRESS = "lea.martin@example.org"


@pytest.fixture(autouse=True)
def _clean():
    cache.clear()  # rate limits and the once-an-hour confirmation
    # What the demo made public in the last days is old news to the followers of a test.
    Notice.objects.all().delete()
    notices.collect()


@pytest.fixture
def commitment(current_plan):
    return Commitment.objects.get(plan=current_plan, slug="open-contracting")


def follow_url(commitment, lang="fr"):
    with translation.override(lang):
        return reverse("follow:commitment", args=[commitment.plan.slug, commitment.slug])


def ask(url, email=ADDRESS, frequency="immediate", client=None):
    from opengov.core.forms import form_started_token

    return (client or Client()).post(url, {"email": email, "frequency": frequency,
                                           "started": form_started_token()})


def sent_to(*addresses):
    """The messages to these addresses (the demo's followers receive the same news)."""
    return [m for m in mail.outbox if set(m.to) & set(addresses)]


def links(message):
    return re.findall(r"https?://\S+", message.body)


def confirmed(commitment, capture, frequency="immediate", lang="fr"):
    with capture(execute=True):
        ask(follow_url(commitment, lang), frequency=frequency)
    confirm = next(u for u in links(mail.outbox[-1]) if "/follow/confirm/" in u)
    Client().post(confirm[confirm.index("/", 8):])
    return Subscription.objects.get(email=ADDRESS, ended_at__isnull=True)


def draft_update(commitment):
    return ProgressUpdate.objects.create(commitment=commitment, completion="substantial",
                                         timeliness="on_time", summary="Nouvelle étape")


def test_following_starts_only_after_the_owner_confirms(commitment,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(follow_url(commitment))
    assert response.status_code == 302 and response["Location"].endswith("#messages")
    subscription = Subscription.objects.get(email=ADDRESS)
    assert not subscription.is_active and subscription.language == "fr"
    (message,) = mail.outbox
    assert message.to == [ADDRESS] and "Confirmez" in message.subject
    confirm = next(u for u in links(message) if "/follow/confirm/" in u)
    path = confirm[confirm.index("/", 8):]
    # Opening the link (as a mail scanner would) confirms nothing: the button does.
    page = Client().get(path)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    subscription.refresh_from_db()
    assert not subscription.is_active
    Client().post(path)
    subscription.refresh_from_db()
    assert subscription.is_active


def test_an_unconfirmed_address_receives_nothing_but_the_confirmation(
        commitment, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(follow_url(commitment))
        progress_update_publish(actor=users["agency"], update=draft_update(commitment))
    assert len(sent_to(ADDRESS)) == 1


def test_an_update_published_reaches_its_followers_in_their_language_with_a_way_out(
        commitment, users, django_capture_on_commit_callbacks):
    subscription = confirmed(commitment, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    update = draft_update(commitment)
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_publish(actor=users["agency"], update=update)
    (message,) = sent_to(ADDRESS)
    assert "Nouvel avancement" in message.body
    assert reverse("tracking:update_detail", args=[update.pk]).replace("/en/", "/fr/") in \
        message.body
    stop = f"/fr/follow/stop/{subscription.token}/"
    assert message.extra_headers["List-Unsubscribe"].endswith(stop + ">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert stop in message.body
    # The same news is never sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        collect_and_send()
    assert len(sent_to(ADDRESS)) == 1


def test_one_click_unsubscribe_from_the_link_alone(commitment, users,
                                                   django_capture_on_commit_callbacks):
    subscription = confirmed(commitment, django_capture_on_commit_callbacks)
    stop = reverse("follow:stop", args=[subscription.token])
    assert Client().get(stop).status_code == 200  # a scanner opening it stops nothing
    subscription.refresh_from_db()
    assert subscription.is_active
    # What a mail client sends (RFC 8058): a POST with no cookie and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        stop, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.email == ""  # the address is gone
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_publish(actor=users["agency"], update=draft_update(commitment))
    assert sent_to(ADDRESS) == []


def test_a_weekly_digest_gathers_the_news_once_a_week(commitment, users, current_plan,
                                                      django_capture_on_commit_callbacks):
    subscription = confirmed(commitment, django_capture_on_commit_callbacks, "weekly", "en")
    mail.outbox.clear()
    for _n in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            progress_update_publish(actor=users["agency"], update=draft_update(commitment))
    assert sent_to(ADDRESS) == []  # weekly: nothing as it happens
    Subscription.objects.exclude(pk=subscription.pk).update(frequency="immediate")
    assert send_due_digests() == 0  # not a week yet
    with time_machine.travel(timezone.now() + timedelta(days=7, hours=1)):
        assert send_due_digests() == 1
        (digest,) = sent_to(ADDRESS)
        assert digest.subject.startswith("This week")
        assert digest.body.count("New progress on") == 2
        assert "List-Unsubscribe" in digest.extra_headers
        assert send_due_digests() == 0  # its week starts again
    subscription.refresh_from_db()
    assert subscription.last_digest_at > timezone.now()


def test_who_hears_of_what(demo, commitment, current_plan, users,
                           django_capture_on_commit_callbacks):
    from opengov.core.forms import form_started_token

    def follow(url, email):
        with django_capture_on_commit_callbacks(execute=True):
            Client().post(url, {"email": email, "frequency": "immediate",
                                "started": form_started_token()})
        cache.clear()
        subscription = Subscription.objects.get(email=email)
        Client().post(reverse("follow:confirm", args=[subscription.token]))

    other = Commitment.objects.get(plan=current_plan, slug="citizen-budget")
    follow(reverse("follow:site"), "site@example.org")
    follow(reverse("follow:plan", args=[current_plan.slug]), "plan@example.org")
    follow(reverse("follow:commitment", args=[current_plan.slug, other.slug]),
           "other@example.org")
    follow(reverse("follow:meetings"), "meetings@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_publish(actor=users["agency"], update=draft_update(commitment))
    ours = ("site@example.org", "plan@example.org", "other@example.org", "meetings@example.org")
    assert sorted(m.to[0] for m in sent_to(*ours)) == ["plan@example.org", "site@example.org"]
    mail.outbox.clear()
    Meeting.objects.create(forum=demo.forum, kind="forum", title="Réunion de juin",
                           starts_at=timezone.now() + timedelta(days=10), format="online",
                           is_public=True)
    with django_capture_on_commit_callbacks(execute=True):
        collect_and_send()
    assert sorted(m.to[0] for m in sent_to(*ours)) == ["meetings@example.org",
                                                        "site@example.org"]


def test_a_consultation_opening_and_closing_soon_are_told_on_their_days(current_plan):
    process = current_plan.cocreation_processes.order_by("pk").first()
    today = timezone.localdate()
    mechanism = InputMechanism.objects.create(
        process=process, kind="survey", title="Enquête en ligne",
        opens_on=today + timedelta(days=5), closes_on=today + timedelta(days=20))
    assert not [n for n in notices.collect() if n.object_id == mechanism.pk]
    kinds = {n.kind for n in notices.collect(today + timedelta(days=5))
             if n.object_id == mechanism.pk}
    assert kinds == {Notice.Kind.OPENS}
    kinds = {n.kind for n in notices.collect(today + timedelta(days=18))
             if n.object_id == mechanism.pk}
    assert kinds == {Notice.Kind.CLOSING}
    assert not [n for n in notices.collect(today + timedelta(days=19))
                if n.object_id == mechanism.pk]  # each told once


def test_the_same_answer_whoever_asks_and_one_confirmation_an_hour(
        commitment, django_capture_on_commit_callbacks):
    confirmed(commitment, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = ask(follow_url(commitment), "someone@example.org")
        again = ask(follow_url(commitment))  # already following: no confirmation mailed
        twice = ask(follow_url(commitment), "someone@example.org")
    assert first["Location"] == again["Location"] == twice["Location"]
    assert [m.to for m in sent_to(ADDRESS, "someone@example.org")] == [["someone@example.org"]]


def test_private_things_cannot_be_followed(demo, current_plan):
    ActionPlan.objects.filter(pk=current_plan.pk).update(is_public=False)
    assert Client().get(reverse("follow:plan", args=[current_plan.slug])).status_code == 404
    assert Client().get(reverse("follow:commitment", args=[
        current_plan.slug, "open-contracting"])).status_code == 404
    assert Client().get(reverse("follow:confirm", args=["nope"])).status_code == 404
    assert Client().get(reverse("follow:stop", args=["nope"])).status_code == 404


def test_addresses_never_appear_in_public_pages_the_api_or_open_data(
        commitment, current_plan, django_capture_on_commit_callbacks):
    confirmed(commitment, django_capture_on_commit_callbacks)
    client = Client()
    for url in (follow_url(commitment), reverse("follow:site"),
                commitment.get_absolute_url(), "/api/v1/commitments?limit=500",
                "/open-data/opengov-open-data.zip"):
        assert ADDRESS.encode() not in client.get(url).content, url
    subscription = Subscription.objects.get(email=ADDRESS)
    assert ADDRESS not in str(subscription)


def test_pages_invite_people_to_follow(commitment, current_plan):
    client = Client()
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert follow_url(commitment, "en") in page
    assert reverse("follow:plan", args=[current_plan.slug]) in client.get(
        current_plan.get_absolute_url()).content.decode()
    assert reverse("follow:meetings") in client.get(reverse("web:forum")).content.decode()
    assert reverse("follow:site") in client.get(reverse("web:home")).content.decode()


def test_a_confirmed_following_cannot_be_changed_by_someone_typing_the_address(
        commitment, django_capture_on_commit_callbacks):
    subscription = confirmed(commitment, django_capture_on_commit_callbacks)
    cache.clear()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ask(follow_url(commitment, "es"), frequency="weekly")
    subscription.refresh_from_db()
    assert (subscription.frequency, subscription.language) == ("immediate", "fr")
    assert sent_to(ADDRESS) == []


def test_a_refused_address_delays_nobody_and_nobody_gets_a_message_twice(
        commitment, users, monkeypatch, django_capture_on_commit_callbacks):
    from opengov.core.models import TaskFailure
    from opengov.follow import tasks

    first = confirmed(commitment, django_capture_on_commit_callbacks)
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ask(follow_url(commitment), "second@example.org")
    second = Subscription.objects.get(email="second@example.org")
    Client().post(reverse("follow:confirm", args=[second.token]))
    built = tasks._message

    def refusing(subscription, subject, lines):
        message = built(subscription, subject, lines)
        if subscription.pk == first.pk:
            message.send = lambda: (_ for _ in ()).throw(OSError("550 no such user"))
        return message

    monkeypatch.setattr(tasks, "_message", refusing)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_publish(actor=users["agency"], update=draft_update(commitment))
    assert len(sent_to("second@example.org")) == 1
    failure = TaskFailure.objects.filter(task__endswith="send_to_follower").latest("pk")
    assert ADDRESS not in str(failure.arguments) + failure.error


def test_one_address_hears_once_through_its_closest_following(
        commitment, current_plan, users, django_capture_on_commit_callbacks):
    for url in (reverse("follow:site"), reverse("follow:plan", args=[current_plan.slug]),
                follow_url(commitment)):
        cache.clear()
        with django_capture_on_commit_callbacks(execute=True):
            ask(url)
    for subscription in Subscription.objects.filter(email=ADDRESS):
        Client().post(reverse("follow:confirm", args=[subscription.token]))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        progress_update_publish(actor=users["agency"], update=draft_update(commitment))
    (message,) = sent_to(ADDRESS)
    assert "/follow/stop/" in message.body
    closest = Subscription.objects.get(email=ADDRESS, scope="commitment")
    assert closest.token in message.extra_headers["List-Unsubscribe"]


def test_an_address_never_confirmed_is_forgotten_after_a_week(
        commitment, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        ask(follow_url(commitment))
    subscription = Subscription.objects.get(email=ADDRESS)
    call_command("send_follow_alerts", stdout=io.StringIO())
    subscription.refresh_from_db()
    assert subscription.email == ADDRESS  # a day is not a week
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        call_command("send_follow_alerts", stdout=io.StringIO())
    subscription.refresh_from_db()
    assert subscription.email == "" and subscription.ended_at is not None
    Client().post(reverse("follow:confirm", args=[subscription.token]))
    subscription.refresh_from_db()
    assert not subscription.is_active  # the old link confirms nothing
