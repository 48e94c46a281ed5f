"""Writes on following: start (then confirm), stop. No account is involved: the token in
each message's links is what proves the reader owns the address."""

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opengov.core.tasks import MailNotSent, after_commit, background

from .models import Subscription


def _same(member, scope, target, email):
    return Subscription.objects.filter(
        member=member, scope=scope, email__iexact=email, ended_at__isnull=True,
        **({scope: target} if target is not None else {}))


@transaction.atomic
def follow_start(*, member, scope, target=None, email, language, frequency) -> Subscription:
    """Ask to follow ``target`` (a plan, commitment or consultation; None for the whole
    site or the meetings). Nothing is sent to the address until its owner confirms from the
    message mailed now. Anyone can type anyone's address, so asking again changes nothing
    of a confirmed following (its owner stops it and asks again to change it), and mails the
    link of an unconfirmed one at most once an hour."""
    email = email.strip()
    subscription = _same(member, scope, target, email).order_by("pk").first()
    if subscription is None:
        subscription = Subscription.objects.create(
            member=member, scope=scope, email=email, language=language, frequency=frequency,
            **({scope: target} if target is not None else {}))
    elif subscription.confirmed_at is None:
        subscription.language, subscription.frequency = language, frequency
        subscription.save(update_fields=["language", "frequency"])
    if subscription.confirmed_at is None:
        _send_confirmation(subscription)
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


def _send_confirmation(subscription):
    # Once an hour per address and thing followed; the key is a keyed hash, never the address.
    key = "follow-confirm:" + salted_hmac(
        "opengov.follow", f"{subscription.email.strip().lower()}|{subscription.scope}|"
        f"{getattr(subscription.target, 'pk', '')}", algorithm="sha256").hexdigest()
    if cache.add(key, 1, timeout=3600):
        after_commit(send_confirmation, subscription.pk)


@background(label=gettext_lazy("Send a follower the link to confirm"))
def send_confirmation(subscription_id):
    """Composed here, from the follower's number: no address or link is ever a task's
    argument (task arguments are shown to the team when a task fails)."""
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=True,
                                               ended_at__isnull=True).first()
    if subscription is None:
        return
    with translation.override(subscription.language):
        message = EmailMessage(
            _("Confirm that you want to follow %(what)s") % {
                "what": what_is_followed(subscription)},
            _("Someone, probably you, asked to receive e-mails about %(what)s.\n\n"
              "To confirm, open this link and press the button: %(url)s\n\n"
              "If it was not you, ignore this message: nothing will be sent to this address.")
            % {"what": what_is_followed(subscription),
               "url": link(subscription, "follow:confirm", settings.SITE_URL)},
            settings.DEFAULT_FROM_EMAIL, [subscription.email],
            headers={"Auto-Submitted": "auto-generated"})
    try:
        message.send()
    except Exception as error:
        raise MailNotSent(type(error).__name__) from None


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
