"""Background work, written on Django's Tasks API (the ``django-tasks`` backport: the same
``@task`` code runs on Django 6's ``django.tasks``).

Two rules hold for every task of the platform:

- **After commit.** ``after_commit(task, ...)`` enqueues once the current transaction has
  committed, so a worker never looks for a record that is not there yet, and nothing is
  done for a change that was rolled back.
- **Bounded retries, then a visible failure.** ``@background`` wraps the function: when it
  raises, it is enqueued again (later, where the backend can wait) until it has been tried
  ``TASK_ATTEMPTS`` times; the last failure is kept as a ``TaskFailure`` with its error,
  which the Point of Contact team sees on the workspace and can run again.

Task arguments are JSON (primary keys, never model instances): the record is read again
when the task runs, so a task always works on what is there now.
"""

import functools
import logging
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tasks import default_task_backend, task

log = logging.getLogger(__name__)
LABELS = {}  # task path -> what it does, for the people who see its failures


def background(func=None, *, label, priority=0):
    """``@background(label=_("..."))``: a task with bounded retries whose last failure is
    recorded; ``label`` names what it does for the Point of Contact team."""

    def wrap(func):
        @functools.wraps(func)
        def run(*args, _attempt=1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as error:
                _failed(this, args, kwargs, _attempt, error)
                raise

        this = task(priority=priority)(run)
        LABELS[this.module_path] = label
        return this

    return wrap(func) if func else wrap


def _failed(this, args, kwargs, attempt, error):
    from .models import TaskFailure

    if attempt < settings.TASK_ATTEMPTS:
        delay = timedelta(seconds=settings.TASK_RETRY_SECONDS * attempt)
        log.warning("Task %s failed (attempt %s), trying again in %s: %r",
                    this.name, attempt, delay, error)
        retry = this
        if default_task_backend.supports_defer and delay:
            retry = this.using(run_after=timezone.now() + delay)
        retry.enqueue(*args, _attempt=attempt + 1, **kwargs)
        return
    TaskFailure.objects.create(
        task=this.module_path, arguments={"args": list(args), "kwargs": kwargs},
        attempts=attempt, error=f"{type(error).__name__}: {error}"[:2000],
        traceback="".join(traceback.format_exception(error))[-20000:])


def after_commit(this, *args, **kwargs):
    """Enqueue ``this(*args, **kwargs)`` once the current transaction commits."""
    transaction.on_commit(functools.partial(this.enqueue, *args, **kwargs))


class MailNotSent(Exception):
    """The mail server refused or could not be reached (its own message is not kept: it
    may name the recipient, whom not every reader of failures may see)."""


@background(label=_("Send an e-mail"))
def send_email(subject, body, recipients):
    from django.core.mail import send_mail

    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception as error:
        raise MailNotSent(type(error).__name__) from None


def email_after_commit(subject, body, recipients):
    """Send an e-mail from a task, once the change that prompts it has committed."""
    after_commit(send_email, str(subject), str(body), list(recipients))


def describe(path):
    """What the task at ``path`` does, in the reader's language."""
    return str(LABELS.get(path, path))


def run_again(*, actor, failure):
    """Enqueue a failed task again with the same arguments (once its cause is mended)."""
    from .activity import authorise, record
    from .models import Activity

    authorise(actor, "core.retry_task", failure)
    this = import_string(failure.task)
    with transaction.atomic():
        failure.retried_at = timezone.now()
        failure.save(update_fields=["retried_at"])
        record(actor=actor, kind=Activity.Kind.TASK_RETRIED, target=failure,
               summary=failure.task)  # named in each reader's language (Activity.describe)
        after_commit(this, *failure.arguments.get("args", []),
                     **failure.arguments.get("kwargs", {}))


def waiting_count():
    """How many tasks wait for a worker, where the backend can tell (None otherwise)."""
    if "django_tasks_db" not in default_task_backend.__class__.__module__:
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
