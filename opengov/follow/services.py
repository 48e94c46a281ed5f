"""Writes on following: start (then confirm), stop. No account is involved: the token in
each message's links is what proves the reader owns the address."""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opengov.core.tasks import email_after_commit

from .models import Subscription

CONFIRMATIONS_PER_ADDRESS_HOUR = 1


def _same(member, scope, target, email):
    return Subscription.objects.filter(
        member=member, scope=scope, email__iexact=email, ended_at__isnull=True,
        **({scope: target} if target is not None else {}))


@transaction.atomic
def follow_start(*, member, scope, target=None, email, language, frequency,
                 site_url="") -> Subscription:
    """Ask to follow ``target`` (a plan, commitment or consultation; None for the whole
    site or the meetings). Nothing is sent to the address until its owner confirms from the
    message mailed now. Asking again changes how often, and mails the link again (at most
    once an hour per address: anyone can type anyone's address)."""
    email = email.strip()
    subscription = _same(member, scope, target, email).order_by("pk").first()
    if subscription is None:
        subscription = Subscription.objects.create(
            member=member, scope=scope, email=email, language=language, frequency=frequency,
            **({scope: target} if target is not None else {}))
    else:
        subscription.language, subscription.frequency = language, frequency
        subscription.save(update_fields=["language", "frequency"])
    if subscription.confirmed_at is None:
        _send_confirmation(subscription, site_url)
    return subscription


def link(subscription, name, site_url=""):
    with translation.override(subscription.language):
        return site_url.rstrip("/") + reverse(name, args=[subscription.token])


def what_is_followed(subscription) -> str:
    """The followed thing in words, in the active language."""
    scope = Subscription.Scope
    match subscription.scope:
        case scope.SITE:
            return _("everything published on %(site)s") % {"site": subscription.member}
        case scope.MEETINGS:
            return _("the meetings of %(site)s's forum") % {"site": subscription.member}
        case _kind:
            return str(subscription.target)


def _send_confirmation(subscription, site_url):
    address = subscription.email.strip().lower()
    key = "follow-confirm:" + hashlib.sha256(address.encode()).hexdigest()  # never the address
    if not cache.add(key, 1, timeout=3600):
        return
    with translation.override(subscription.language):
        email_after_commit(
            _("Confirm that you want to follow %(what)s") % {
                "what": what_is_followed(subscription)},
            _("Someone, probably you, asked to receive e-mails about %(what)s.\n\n"
              "To confirm, open this link and press the button: %(url)s\n\n"
              "If it was not you, ignore this message: nothing will be sent to this address.")
            % {"what": what_is_followed(subscription),
               "url": link(subscription, "follow:confirm", site_url)},
            [subscription.email])


@transaction.atomic
def follow_confirm(*, subscription) -> Subscription:
    """The owner of the address confirmed (double opt-in). Confirming twice changes nothing,
    and a stopped following stays stopped."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.confirmed_at is None and subscription.ended_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.last_digest_at = subscription.confirmed_at  # a digest tells what is new
        subscription.save(update_fields=["confirmed_at", "last_digest_at"])
    return subscription


@transaction.atomic
def follow_stop(*, subscription) -> Subscription:
    """Stop at once; nothing more is sent. The address is forgotten: only the fact that a
    following existed and ended is kept."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.ended_at is None:
        subscription.ended_at = timezone.now()
        subscription.email = ""  # personal data no longer needed
        subscription.save(update_fields=["ended_at", "email"])
    return subscription
