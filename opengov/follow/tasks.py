"""Sending what followers asked for, in background tasks, in batches, retried on failure
(``opengov.core.tasks.background``)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opengov.core.tasks import after_commit, background

from . import notices
from .models import Notice, Subscription, for_notice, for_subscription
from .services import link, what_is_followed

BATCH = 100  # messages per task: one connection to the mail server each
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
    ids = list(_active().filter(for_notice(notice), frequency=Subscription.Frequency.IMMEDIATE)
               .order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        send_notice_batch.enqueue(notice_id, ids[start:start + BATCH])
    Notice.objects.filter(pk=notice_id).update(sent_at=timezone.now())


@background(label=gettext_lazy("Send an alert to its followers"))
def send_notice_batch(notice_id, subscription_ids):
    notice = Notice.objects.get(pk=notice_id)
    said = {}  # language -> (text, path), or None when there is nothing to say any more
    messages = []
    for subscription in _active().filter(pk__in=subscription_ids):
        lang = subscription.language
        if lang not in said:
            said[lang] = notices.describe(notice, lang)
        if said[lang] is None:
            continue
        text, path = said[lang]
        with translation.override(lang):
            subject = _("News: %(what)s") % {"what": what_is_followed(subscription)}
        messages.append(_message(subscription, subject, [_line(text, path)]))
    if messages:
        get_connection().send_messages(messages)


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
    messages, done = [], []
    for subscription in _active().filter(pk__in=subscription_ids):
        news = list(Notice.objects.filter(for_subscription(subscription),
                                          created_at__gt=subscription.last_digest_at,
                                          created_at__lte=until)[:DIGEST_LINES + 1])
        lines = [_line(*said) for said in (notices.describe(n, subscription.language)
                                           for n in news[:DIGEST_LINES]) if said]
        if lines:
            with translation.override(subscription.language):
                if len(news) > DIGEST_LINES:
                    lines.append(_("… and more on the website."))
                subject = _("This week: %(what)s") % {"what": what_is_followed(subscription)}
            messages.append(_message(subscription, subject, lines))
        done.append(subscription.pk)
    if messages:
        get_connection().send_messages(messages)  # a failure retries the batch as it was
    Subscription.objects.filter(pk__in=done).update(last_digest_at=until)
