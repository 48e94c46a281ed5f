"""Protection against password guessing and stolen passwords.

A penetration test found that 30 wrong passwords for ``forum`` on ``/en/sign-in/``, then the
right one, signed in; the same on the admin login. Now failed sign-ins are counted per person
AND address (django-axes) and a locked-out pair is refused, even with the right password,
until the cool-off has passed. Two-step sign-in (django-otp) is offered to everyone and,
with OTP_REQUIRED_FOR_STAFF, required of the Point of Contact team and administrators.
"""

import logging
import re
from base64 import b32decode
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opengov.core.models import Activity
from opengov.demo.loader import DEMO_PASSWORD
from tests.helpers import as_user, totp

pytestmark = pytest.mark.django_db

HOME = reverse("workspace:home")
SETUP = reverse("workspace:two_step_setup")
VERIFY = reverse("workspace:two_step_verify")
OVERVIEW = reverse("workspace:two_step")
ATTACKER, OTHER_ADDRESS = "203.0.113.66", "198.51.100.7"


def sign_in(client, username, password, *, address=ATTACKER, url=None):
    return client.post(url or reverse("workspace:login"),
                       {"username": username, "password": password},
                       REMOTE_ADDR=address)


def guess(client, username, times, **kwargs):
    return [sign_in(client, username, "not-the-password", **kwargs).status_code
            for _ in range(times)]


def signed_in(client):
    return "_auth_user_id" in client.session


def app_of(username):
    """A confirmed authentication app for ``username``; returns (device, base32 secret)."""
    from base64 import b32encode

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device, b32encode(device.bin_key).decode()


def later(seconds):
    """Move the clock on (past django-otp's pause after a wrong code, or to the app's next
    code: a code is accepted once)."""
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=True)


# -- lockout after failed sign-ins -------------------------------------------------------

class TestLockout:
    def test_thirty_wrong_passwords_then_the_right_one_is_refused(self, client):
        statuses = guess(client, "forum", 30)
        assert statuses == [200] * 4 + [429] * 26
        response = sign_in(client, "forum", DEMO_PASSWORD)
        assert response.status_code == 429
        assert not signed_in(client)
        assert client.get(HOME).status_code == 302

    def test_the_admin_login_is_protected_too(self, client):
        admin_login = reverse("admin:login")
        assert guess(client, "admin", 30, url=admin_login)[-1] == 429
        response = sign_in(client, "admin", DEMO_PASSWORD, url=admin_login)
        assert response.status_code == 429
        assert "Signing in is paused" in response.content.decode()
        assert not signed_in(client)

    def test_the_lockout_page_in_french_says_what_happened_and_when_to_retry(self, client):
        with translation.override("fr"):
            url = reverse("workspace:login")
            title = gettext("Signing in is paused")
            home = reverse("web:home")
        assert url.startswith("/fr/")
        guess(client, "forum", 4, url=url)
        response = sign_in(client, "forum", "wrong", url=url)
        assert response.status_code == 429
        body = response.content.decode()
        assert '<html lang="fr">' in body
        assert f"<h1>{title}</h1>" in body and 'role="alert"' in body
        assert "30 minutes" in body and "forum" in body
        assert f'href="{home}"' in body  # a way back
        assert int(response["Retry-After"]) == pytest.approx(1800, abs=2)

    def test_another_person_from_the_same_address_still_signs_in(self, client):
        guess(client, "forum", 5)
        response = sign_in(client, "irm", DEMO_PASSWORD)
        assert response.status_code == 302 and signed_in(client)

    def test_the_same_person_from_another_address_still_signs_in(self, client):
        guess(client, "forum", 5)
        response = sign_in(client, "forum", DEMO_PASSWORD, address=OTHER_ADDRESS)
        assert response.status_code == 302 and signed_in(client)

    def test_the_address_is_the_one_our_proxy_saw_not_one_the_client_chose(self, client,
                                                                            settings):
        settings.TRUSTED_PROXY_COUNT = 1  # opengov.core.client_ip reads the proxy's entry
        proxy = "10.0.0.1"

        def via_proxy(client_address, password, spoofed="192.0.2.1"):
            return client.post(reverse("workspace:login"),
                               {"username": "forum", "password": password},
                               REMOTE_ADDR=proxy,
                               HTTP_X_FORWARDED_FOR=f"{spoofed}, {client_address}")

        for n in range(5):  # a new made-up address in front each time changes nothing
            via_proxy(ATTACKER, "wrong", spoofed=f"192.0.2.{n}")
        assert via_proxy(ATTACKER, DEMO_PASSWORD).status_code == 429
        # Someone else behind the same proxy is not locked out.
        assert via_proxy(OTHER_ADDRESS, DEMO_PASSWORD).status_code == 302

    def test_unlocked_after_the_cool_off_and_every_attempt_restarts_it(self, client):
        guess(client, "forum", 5)
        with later(29 * 60):
            assert sign_in(client, "forum", DEMO_PASSWORD).status_code == 429
            with later(31 * 60):
                response = sign_in(client, "forum", DEMO_PASSWORD)
        assert response.status_code == 302 and signed_in(client)

    def test_a_success_clears_the_count(self, client):
        guess(client, "forum", 4)
        assert sign_in(client, "forum", DEMO_PASSWORD).status_code == 302
        client.logout()
        assert guess(client, "forum", 4) == [200] * 4

    def test_administrators_see_the_lockout_and_can_lift_it(self, client, users, caplog):
        with caplog.at_level(logging.WARNING, logger="axes"):
            guess(client, "forum", 5)
        assert any("Locking out" in record.getMessage() for record in caplog.records)
        assert AccessFailureLog.objects.filter(username="forum", locked_out=True).exists()
        attempt = AccessAttempt.objects.get(username="forum", ip_address=ATTACKER)
        admin = as_user(client, users["administrator"])
        page = admin.get(reverse("admin:axes_accessattempt_changelist"))
        assert page.status_code == 200 and ATTACKER in page.content.decode()
        assert admin.get(reverse("admin:axes_accessfailurelog_changelist")).status_code == 200
        admin.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]),
                   {"post": "yes"})
        assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()
        client.logout()
        assert sign_in(client, "forum", DEMO_PASSWORD).status_code == 302

    def test_other_roles_do_not_read_sign_in_records(self, client, users):
        response = as_user(client, users["poc"]).get(
            reverse("admin:axes_accessattempt_changelist"), follow=True)
        assert response.redirect_chain[-1][0] == HOME
        assert not users["poc"].has_perm("axes.view_accessattempt")
        assert not users["administrator"].has_perm("otp_totp.add_totpdevice")


# -- two-step sign-in --------------------------------------------------------------------

class TestRequiredForStaff:
    @pytest.fixture(autouse=True)
    def required(self, settings):
        settings.OTP_REQUIRED_FOR_STAFF = True

    CRAFTED = [reverse("workspace:plans"), reverse("workspace:activity"),
               reverse("compliance:dashboard"), OVERVIEW, reverse("admin:index"),
               reverse("admin:auth_user_changelist")]

    def test_the_poc_team_is_taken_to_the_setup_and_nothing_else(self, client):
        response = sign_in(client, "poc", DEMO_PASSWORD)
        assert response.status_code == 302 and signed_in(client)
        response = client.get(response["Location"])
        assert response.status_code == 302 and response["Location"].startswith(SETUP)
        for url in self.CRAFTED:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(SETUP), url
        response = client.post(reverse("workspace:forum_edit"), {"rules_en": "Altered"})
        assert response.status_code == 302 and response["Location"].startswith(SETUP)

    @pytest.mark.parametrize("role", ["superuser", "administrator"])
    def test_administrators_are_refused_the_admin_until_set_up(self, client, users, role):
        response = as_user(client, users[role]).get(reverse("admin:index"))
        assert response.status_code == 302 and response["Location"].startswith(SETUP)

    def test_the_admin_login_leads_to_the_setup_too(self, client):
        response = sign_in(client, "admin", DEMO_PASSWORD, url=reverse("admin:login"))
        assert response.status_code == 302 and signed_in(client)
        response = client.get(reverse("admin:index"))
        assert response["Location"].startswith(SETUP)

    def test_setup_with_a_real_code_then_the_workspace_opens(self, client):
        sign_in(client, "poc", DEMO_PASSWORD)
        page = client.get(f"{SETUP}?next={HOME}").content.decode()
        assert "<svg" in page and 'role="img"' in page
        secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
        device = TOTPDevice.objects.get(user__username="poc", confirmed=False)
        assert b32decode(secret.replace(" ", "")) == device.bin_key
        response = client.post(SETUP, {"otp_token": totp(secret), "next": HOME})
        assert response.status_code == 200
        codes = list(StaticToken.objects.filter(device__user__username="poc")
                     .values_list("token", flat=True))
        assert len(codes) == 10 and all(code in response.content.decode() for code in codes)
        device.refresh_from_db()
        assert device.confirmed
        assert Activity.objects.filter(kind=Activity.Kind.TWO_STEP_ON,
                                       actor__username="poc").count() == 1
        assert client.get(HOME).status_code == 200
        # Shown once: the setup page now only says it is on.
        assert client.get(SETUP)["Location"] == OVERVIEW
        assert not any(code in client.get(OVERVIEW).content.decode() for code in codes)
        # Next time, the code is asked for after the password.
        client.logout()
        sign_in(client, "poc", DEMO_PASSWORD)
        assert client.get(HOME)["Location"].startswith(VERIFY)

    def test_a_wrong_setup_code_is_refused_with_a_message(self, client):
        sign_in(client, "poc", DEMO_PASSWORD)
        client.get(SETUP)
        response = client.post(SETUP, {"otp_token": "000000"})
        assert response.status_code == 200
        body = response.content.decode()
        assert 'id="error-summary"' in body and 'href="#id_otp_token"' in body
        assert "This code is not right" in body
        assert not TOTPDevice.objects.filter(user__username="poc", confirmed=True).exists()
        assert client.get(HOME).status_code == 302

    def test_a_forum_member_is_not_obliged(self, client):
        sign_in(client, "forum", DEMO_PASSWORD)
        assert client.get(HOME).status_code == 200


class TestCodeAfterPassword:
    def test_a_forum_member_without_a_device_signs_in_as_before(self, client):
        response = sign_in(client, "forum", DEMO_PASSWORD)
        assert response.status_code == 302 and response["Location"] == HOME
        assert client.get(HOME).status_code == 200
        assert client.get(reverse("compliance:dashboard")).status_code == 200

    def test_a_confirmed_device_means_a_code_before_any_page(self, client):
        _, secret = app_of("forum")
        sign_in(client, "forum", DEMO_PASSWORD)
        for url in (HOME, reverse("workspace:plans"), reverse("compliance:dashboard"),
                    OVERVIEW, SETUP):
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith(VERIFY)
        # Another person's device, with its right code: refused.
        theirs, their_secret = app_of("irm")
        response = client.post(VERIFY, {"otp_device": theirs.persistent_id,
                                        "otp_token": totp(their_secret)})
        assert response.status_code == 200 and client.get(HOME).status_code == 302
        with later(5):
            device = TOTPDevice.objects.get(user__username="forum")
            response = client.post(VERIFY, {"otp_device": device.persistent_id,
                                            "otp_token": totp(secret), "next": OVERVIEW})
        assert response.status_code == 302 and response["Location"] == OVERVIEW
        assert client.get(HOME).status_code == 200

    def test_signing_in_again_asks_for_the_code_of_an_app_set_up_meanwhile(self, client):
        admin_login, admin_index = reverse("admin:login"), reverse("admin:index")
        sign_in(client, "admin", DEMO_PASSWORD, url=admin_login)
        assert client.get(admin_index).status_code == 200
        app_of("admin")
        sign_in(client, "admin", DEMO_PASSWORD, url=admin_login)  # same session, same person
        assert client.get(admin_index)["Location"].startswith(VERIFY)

    def test_before_the_code_one_may_still_change_language_or_sign_out(self, client):
        app_of("forum")
        sign_in(client, "forum", DEMO_PASSWORD)
        french = client.get(VERIFY.replace("/en/", "/fr/", 1))
        assert french.status_code == 200 and '<html lang="fr">' in french.content.decode()
        response = client.post(reverse("workspace:logout"))
        assert response.status_code == 302 and not signed_in(client)

    def test_a_wrong_code_is_refused_with_a_clear_message(self, client):
        device, secret = app_of("forum")
        sign_in(client, "forum", DEMO_PASSWORD)
        response = client.post(VERIFY, {"otp_device": device.persistent_id,
                                        "otp_token": "123456"})
        body = response.content.decode()
        assert response.status_code == 200
        assert "This code is not right" in body and 'href="#id_otp_token"' in body
        assert client.get(HOME).status_code == 302
        # Straight away, even the right code waits a moment (django-otp's throttling).
        response = client.post(VERIFY, {"otp_device": device.persistent_id,
                                        "otp_token": totp(secret)})
        assert "wrong code in a row" in response.content.decode()

    def test_wrong_codes_count_towards_the_lockout(self, client):
        device, secret = app_of("forum")
        sign_in(client, "forum", DEMO_PASSWORD)
        statuses = [client.post(VERIFY, {"otp_device": device.persistent_id,
                                         "otp_token": "123456"},
                                REMOTE_ADDR=ATTACKER).status_code for _ in range(5)]
        assert statuses == [200] * 4 + [429]
        assert not signed_in(client)
        attempt = AccessAttempt.objects.get(username="forum", ip_address=ATTACKER)
        assert "otp_token" in attempt.post_data and "123456" not in attempt.post_data
        assert sign_in(client, "forum", DEMO_PASSWORD).status_code == 429

    def test_a_backup_code_works_once(self, client):
        user = get_user_model().objects.get(username="forum")
        app_of("forum")
        backup = StaticDevice.objects.create(user=user, name="backup")
        backup.token_set.create(token="abcd2345")
        backup.token_set.create(token="efgh6789")
        sign_in(client, "forum", DEMO_PASSWORD)
        response = client.post(VERIFY, {"otp_device": backup.persistent_id,
                                        "otp_token": "abcd2345"}, follow=True)
        assert response.status_code == 200 and response.redirect_chain[-1][0] == HOME
        assert "1 is left" in response.content.decode()
        client.logout()
        sign_in(client, "forum", DEMO_PASSWORD)
        response = client.post(VERIFY, {"otp_device": backup.persistent_id,
                                        "otp_token": "abcd2345"})
        assert response.status_code == 200 and "This code is not right" in response.content.decode()
        assert client.get(HOME).status_code == 302

    def test_turning_it_off_needs_a_code(self, client):
        device, secret = app_of("forum")
        sign_in(client, "forum", DEMO_PASSWORD)
        client.post(VERIFY, {"otp_device": device.persistent_id, "otp_token": totp(secret)})
        response = client.post(OVERVIEW, {"otp_device": device.persistent_id,
                                          "otp_token": "000000"})
        assert response.status_code == 200 and TOTPDevice.objects.filter(pk=device.pk).exists()
        with later(31):  # the app's next code: a code is accepted once
            response = client.post(OVERVIEW, {"otp_device": device.persistent_id,
                                              "otp_token": totp(secret)})
            assert response.status_code == 302
            assert not TOTPDevice.objects.filter(user=device.user).exists()
            assert Activity.objects.filter(kind=Activity.Kind.TWO_STEP_OFF,
                                           actor=device.user).count() == 1
            assert client.get(HOME).status_code == 200


def test_an_administrator_removes_a_lost_phone_without_reading_its_secret(client, users):
    device, _ = app_of("forum")
    admin = as_user(client, users["administrator"])
    page = admin.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200 and device.key not in page.content.decode()
    admin.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


class TestPages:
    def test_the_workspace_offers_it_to_every_signed_in_role(self, client, users):
        for role in ("forum", "agency", "irm", "moderator", "poc", "administrator"):
            body = as_user(client, users[role]).get(HOME).content.decode()
            assert f'href="{OVERVIEW}"' in body, role
            assert as_user(client, users[role]).get(OVERVIEW).status_code == 200, role

    def test_the_setup_page_in_french_is_labelled(self, client, users):
        with translation.override("fr"):
            setup = reverse("workspace:two_step_setup")
            heading = gettext("Set up two-step sign-in")
        body = as_user(client, users["forum"]).get(setup).content.decode()
        assert '<html lang="fr">' in body and f"<h1>{heading}</h1>" in body
        assert re.search(r'<label for="id_otp_token"[^>]*>', body)
        assert 'autocomplete="one-time-code"' in body
        assert re.search(r'<div class="qr-code" role="img" aria-label="[^"]+">', body)
        response = client.post(setup, {"otp_token": ""})
        body = response.content.decode()
        assert 'id="error-summary"' in body and 'href="#id_otp_token"' in body
        assert 'aria-invalid="true"' in body

    def test_the_code_page_is_labelled(self, client, users):
        device, _ = app_of(users["forum"].username)
        as_user(client, users["forum"])
        body = client.get(VERIFY).content.decode()
        assert re.search(r'<label for="id_otp_token"[^>]*>', body)
        assert "<legend>" in body and f'value="{device.persistent_id}"' in body
        assert 'name="otp_challenge"' not in body
