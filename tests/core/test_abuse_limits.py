"""Abuse of the public forms, replayed: scripted submissions, rate limits that every process
shares and no client can reset, receipts that cannot flood an address, and addresses that
never reach a log."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache, caches
from django.core.cache.backends import locmem
from django.core.checks import run_checks
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from opengov.cocreation.models import Contribution
from opengov.core.client_ip import client_ip
from opengov.core.forms import AutomaticFlag
from opengov.core.mail import ConsoleBackend
from opengov.core.models import ModerationState

FORM = "/fr/plans/valmerre-plan-3/co-creation/contribute/"
IDEA = {"text": "Publier les horaires des bus interurbains en données ouvertes.",
        "stakeholder_type": "citizen", "consent_to_publish": "on"}
STARTED = re.compile(r'name="started" value="([^"]+)"')


@pytest.fixture(autouse=True)
def clear_rate_limits(db):
    cache.clear()


def started(client):
    """The signed start time of the form, as a person's browser receives it."""
    return STARTED.search(client.get(FORM).content.decode()).group(1)


def post_after(client, seconds, data, **extra):
    """Open the form, wait ``seconds`` (travelling in time), and send it."""
    token = started(client)
    with time_machine.travel(timezone.now() + timedelta(seconds=seconds)):
        return client.post(FORM, {**data, "started": token}, **extra)


@pytest.mark.django_db
class TestScriptedSubmissions:
    def test_a_person_who_takes_their_time_is_not_flagged(self, client, demo):
        assert post_after(client, 40, IDEA).status_code == 302
        contribution = Contribution.objects.get(text=IDEA["text"])
        assert contribution.moderation_state == ModerationState.PENDING
        assert contribution.moderation_reason == ""

    @pytest.mark.parametrize(("seconds", "flag"), [(0.5, AutomaticFlag.TOO_FAST),
                                                   (25 * 3600, AutomaticFlag.STALE)])
    def test_too_fast_or_stale_goes_to_moderation_flagged_never_dropped(self, client, demo,
                                                                       seconds, flag):
        assert post_after(client, seconds, IDEA).status_code == 302
        contribution = Contribution.objects.get(text=IDEA["text"])
        assert contribution.moderation_state == ModerationState.PENDING
        assert contribution.moderation_reason == flag

    @pytest.mark.parametrize("token", ["", "1700000000", "abc:def:ghi"])
    def test_a_missing_or_forged_start_time_is_flagged(self, client, demo, token):
        client.post(FORM, {**IDEA, "started": token})
        contribution = Contribution.objects.get(text=IDEA["text"])
        assert contribution.moderation_state == ModerationState.PENDING
        assert contribution.moderation_reason == AutomaticFlag.UNSIGNED

    def test_the_honeypot_still_means_spam(self, client, demo):
        post_after(client, 40, {**IDEA, "website": "http://spam.example"})
        assert Contribution.objects.get(text=IDEA["text"]).moderation_state == "spam"

    def test_moderators_read_the_flag_in_their_language(self, client, demo, users):
        post_after(client, 0.2, IDEA)
        client.force_login(users["moderator"])
        body = client.get("/fr/workspace/moderation/").content.decode()
        assert "plus vite qu" in body  # "faster than a person types", in French
        assert AutomaticFlag.TOO_FAST not in body

    def test_a_comment_sent_by_a_script_is_flagged_too(self, client, demo):
        from opengov.tracking.models import Comment, ProgressUpdate

        update = ProgressUpdate.objects.filter(published_on__isnull=False,
                                               commitment__plan__is_public=True).first()
        url = reverse("tracking:update_detail", args=[update.pk])
        client.post(url, {"text": "Un commentaire envoyé par un script."})
        comment = Comment.objects.get(text="Un commentaire envoyé par un script.")
        assert comment.moderation_state == ModerationState.PENDING
        assert comment.moderation_reason == AutomaticFlag.UNSIGNED

    @override_settings(PUBLIC_CACHE=True)
    def test_a_cached_form_gives_each_reader_a_start_time_of_their_own(self, client, demo):
        caches["public_pages"].clear()
        first = STARTED.search(client.get(FORM).content.decode()).group(1)
        with time_machine.travel(timezone.now() + timedelta(seconds=30)):
            again = client.get(FORM)
        assert again["X-Cache"] == "hit"
        assert STARTED.search(again.content.decode()).group(1) != first


@pytest.mark.django_db
class TestSharedRateLimits:
    def test_sixteen_contributions_from_one_address_give_six(self, client, demo):
        statuses = [client.post(FORM, {**IDEA, "text": f"{IDEA['text']} n°{n}"},
                                REMOTE_ADDR="198.51.100.7").status_code for n in range(16)]
        assert statuses.count(302) == 6
        assert Contribution.objects.filter(text__startswith=IDEA["text"]).count() == 6

    def test_the_count_outlives_a_worker_restart(self, client, demo):
        for n in range(6):
            client.post(FORM, {**IDEA, "text": f"{IDEA['text']} n°{n}"},
                        REMOTE_ADDR="198.51.100.7")
        # A new worker process: no cache object, and nothing in its memory.
        locmem._caches.clear()
        locmem._expire_info.clear()
        del caches["default"]
        response = client.post(FORM, {**IDEA, "text": "Après le redémarrage."},
                               REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 200
        assert not Contribution.objects.filter(text="Après le redémarrage.").exists()

    def test_a_forwarded_for_header_set_by_the_client_resets_nothing(self, client, demo):
        for n in range(6):
            client.post(FORM, {**IDEA, "text": f"{IDEA['text']} n°{n}"},
                        REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        response = client.post(FORM, {**IDEA, "text": "Encore une."},
                               REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.9.9.9")
        assert response.status_code == 200

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_visitors_get_a_limit_each(self, client, demo):
        proxy = {"REMOTE_ADDR": "10.0.0.1"}
        for n in range(6):
            client.post(FORM, {**IDEA, "text": f"{IDEA['text']} n°{n}"}, **proxy,
                        HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.9")
        # The same visitor, whatever it writes at the left of the header, is still limited.
        assert client.post(FORM, {**IDEA, "text": "Encore."}, **proxy,
                           HTTP_X_FORWARDED_FOR="5.5.5.5, 203.0.113.9").status_code == 200
        # Another visitor behind the same proxy is not.
        assert client.post(FORM, {**IDEA, "text": "Une autre personne."}, **proxy,
                           HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302


class TestClientAddress:
    factory = RequestFactory()

    def ip(self, proxies, remote="10.0.0.1", forwarded=None):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        with override_settings(TRUSTED_PROXY_COUNT=proxies):
            return client_ip(self.factory.get("/", **extra))

    def test_without_a_proxy_the_header_is_ignored(self):
        assert self.ip(0, forwarded="203.0.113.1") == "10.0.0.1"

    def test_behind_proxies_the_address_is_read_from_the_right(self):
        assert self.ip(1, forwarded="6.6.6.6, 203.0.113.1") == "203.0.113.1"
        assert self.ip(2, forwarded="6.6.6.6, 203.0.113.1, 10.0.0.2") == "203.0.113.1"

    def test_a_short_or_broken_header_falls_back_to_the_peer(self):
        assert self.ip(2, forwarded="203.0.113.1") == "10.0.0.1"
        assert self.ip(1, forwarded="not-an-address") == "10.0.0.1"
        assert self.ip(1) == "10.0.0.1"


def test_a_per_process_cache_for_rate_limits_is_refused():
    with override_settings(CACHES={"default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        errors = [e.id for e in run_checks()]
    assert "opengov.E001" in errors
    assert "opengov.E001" not in [e.id for e in run_checks()]


@pytest.mark.django_db
class TestReceipts:
    def send(self, client, text, email="awa@example.org", when=None):
        with time_machine.travel(when or timezone.now()):
            client.post(FORM, {**IDEA, "text": text, "author_email": email},
                        REMOTE_ADDR=f"203.0.113.{len(mail.outbox) + len(text)}")

    def test_at_most_one_receipt_an_hour_to_one_address(self, client, demo,
                                                       django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            self.send(client, "Première idée, avec mon adresse.")
            self.send(client, "Deuxième idée, avec mon adresse.")
            self.send(client, "Troisième idée, avec mon adresse.", email="AWA@example.org ")
            self.send(client, "Une idée d'une autre personne.", email="binta@example.org")
        assert sorted(m.to[0] for m in mail.outbox) == ["awa@example.org", "binta@example.org"]
        assert Contribution.objects.filter(text__contains="avec mon adresse").count() == 3
        with django_capture_on_commit_callbacks(execute=True):
            self.send(client, "Une idée, le lendemain.",
                      when=timezone.now() + timedelta(hours=1, minutes=1))
        assert len(mail.outbox) == 3

    def test_the_console_backend_never_writes_an_address(self):
        stream = io.StringIO()
        message = mail.EmailMessage("Votre contribution", "Écrivez à awa@example.org.",
                                    "opengov@localhost", ["awa@example.org"])
        ConsoleBackend(stream=stream).send_messages([message])
        assert "awa@example.org" not in stream.getvalue()
        assert "Votre contribution" in stream.getvalue()
