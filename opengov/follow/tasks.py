"""Sending what followers asked for, in background tasks, in batches, retried on failure
(``opengov.core.tasks.background``)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opengov.core.tasks import MailNotSent, after_commit, background

from . import notices
from .models import Notice, Subscription, for_notice, for_subscription
from .services import link, what_is_followed

BATCH = 100  # followers read and messages composed per task
DIGEST_LINES = 50
WEEK = timedelta(days=7)


def _message(subscription, subject, lines):
    """One message to one follower, with the one-click way out in its headers (RFC 8058)
    and at its foot."""
    stop = link(subscription, "follow:stop", settings.SITE_URL)
    with translation.override(subscription.language):
        footer = _("You receive this because you follow %(what)s.\nTo stop, open: %(url)s") % {
            "what": what_is_followed(subscription), "url": stop}
    return EmailMessage(
        subject, "\n\n".join([*lines, "-- ", footer]), settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
        headers={"List-Unsubscribe": f"<{stop}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Auto-Submitted": "auto-generated"})


@background(label=gettext_lazy("Send an e-mail to a follower"))
def send_to_follower(subscription_id, subject, lines):
    """One message, its own task: a refused address is retried alone, and nobody else gets
    the same message twice. Arguments name the follower by number, never by address."""
    subscription = _active().filter(pk=subscription_id).first()
    if subscription is None:
        return  # stopped meanwhile
    try:
        _message(subscription, subject, lines).send()
    except Exception as error:
        raise MailNotSent(type(error).__name__) from None


NARROWER = {Subscription.Scope.COMMITMENT: 0, Subscription.Scope.PROCESS: 1,
            Subscription.Scope.MEETINGS: 2, Subscription.Scope.PLAN: 3,
            Subscription.Scope.SITE: 4}
UNCONFIRMED_DAYS = 7


def forget_unconfirmed(now=None) -> int:
    """A following not confirmed within a week ends and forgets its address: its link no
    longer confirms anything, and no address is kept that its owner never confirmed."""
    now = now or timezone.now()
    return Subscription.objects.filter(
        confirmed_at__isnull=True, ended_at__isnull=True,
        created_at__lt=now - timedelta(days=UNCONFIRMED_DAYS)).update(ended_at=now, email="")


def _line(text, path):
    return f"{text}\n{settings.SITE_URL.rstrip('/')}{path}"


def _active():
    return Subscription.objects.filter(confirmed_at__isnull=False, ended_at__isnull=True)


# -- alerts as things happen ----------------------------------------------------------------

def collect_and_send(today=None) -> int:
    """Find what is new, and send each new notice to its immediate followers."""
    made = notices.collect(today)
    for notice in made:
        send_notice.enqueue(notice.pk)
    return len(made)


@background(label=gettext_lazy("Find news for followers"))
def collect_news():
    collect_and_send()


def news_after_commit():
    """Called by the services that publish something followers hear of."""
    after_commit(collect_news)


@background(label=gettext_lazy("Send an alert to its followers"))
def send_notice(notice_id):
    notice = Notice.objects.filter(pk=notice_id, sent_at__isnull=True).first()
    if notice is None:
        return
    # One message per address: who follows a plan and one of its commitments hears once,
    # through the narrowest following (the one that names the thing most closely).
    rows = (_active().filter(for_notice(notice), frequency=Subscription.Frequency.IMMEDIATE)
            .order_by("pk").values_list("pk", "email", "scope"))
    closest = {}
    for pk, email, scope in rows:
        key = email.strip().lower()
        if key not in closest or NARROWER[scope] < NARROWER[closest[key][1]]:
            closest[key] = (pk, scope)
    ids = sorted(pk for pk, _scope in closest.values())
    for start in range(0, len(ids), BATCH):
        send_notice_batch.enqueue(notice_id, ids[start:start + BATCH])
    Notice.objects.filter(pk=notice_id).update(sent_at=timezone.now())


@background(label=gettext_lazy("Send an alert to its followers"))
def send_notice_batch(notice_id, subscription_ids):
    notice = Notice.objects.get(pk=notice_id)
    said = {}  # language -> (text, path), or None when there is nothing to say any more
    for subscription in _active().filter(pk__in=subscription_ids).select_related(
            "member", "plan", "commitment", "process"):
        lang = subscription.language
        if lang not in said:
            said[lang] = notices.describe(notice, lang)
        if said[lang] is None:
            continue
        with translation.override(lang):
            subject = _("News: %(what)s") % {"what": what_is_followed(subscription)}
        send_to_follower.enqueue(subscription.pk, subject, [_line(*said[lang])])


# -- weekly digests -----------------------------------------------------------------------

def send_due_digests(now=None) -> int:
    """Enqueue the digests of every weekly follower whose last one is a week old."""
    now = now or timezone.now()
    ids = list(_active().filter(frequency=Subscription.Frequency.WEEKLY,
                                last_digest_at__lte=now - WEEK)
               .order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        send_digest_batch.enqueue(ids[start:start + BATCH], now.isoformat())
    return len(ids)


@background(label=gettext_lazy("Send weekly digests"))
def send_digest_batch(subscription_ids, until):
    until = datetime.fromisoformat(until)
    said = {}  # (notice, language) -> what to say: one description per batch, not per reader
    for subscription in _active().filter(pk__in=subscription_ids).select_related(
            "member", "plan", "commitment", "process"):
        news = list(Notice.objects.filter(for_subscription(subscription),
                                          created_at__gt=subscription.last_digest_at,
                                          created_at__lte=until)[:DIGEST_LINES + 1])
        lang = subscription.language
        lines = []
        for notice in news[:DIGEST_LINES]:
            if (notice.pk, lang) not in said:
                said[notice.pk, lang] = notices.describe(notice, lang)
            if said[notice.pk, lang]:
                lines.append(_line(*said[notice.pk, lang]))
        # The week is done whether or not there was news; its message is sent on its own.
        Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=until)
        if lines:
            with translation.override(lang):
                if len(news) > DIGEST_LINES:
                    lines.append(_("… and more on the website."))
                subject = _("This week: %(what)s") % {"what": what_is_followed(subscription)}
            send_to_follower.enqueue(subscription.pk, subject, lines)
