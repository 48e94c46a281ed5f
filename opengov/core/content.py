"""The content version: one number that grows, after commit, whenever content that a public
page, the API or a generated document may show has changed.

Cached anonymous pages and API answers (``opengov.core.cache``) and generated documents
(``opengov.core.generated``) are keyed on it, so every server sees a change at once and
nothing has to be purged. Changes that no reader can see yet do not count: a contribution
or a comment waiting for moderation.
"""

import threading

from django.apps import apps
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import ContentVersion, ModerationState

CONTENT_APPS = {"members", "forum", "plans", "cocreation", "tracking", "repository", "reports",
                "compliance", "web"}
_state = threading.local()


def current() -> ContentVersion:
    """The content version now (one small query)."""
    version = ContentVersion.objects.filter(pk=1).first()
    return version or ContentVersion.objects.get_or_create(pk=1)[0]


def _bump_now():
    _state.due = False
    updated = ContentVersion.objects.filter(pk=1).update(number=F("number") + 1,
                                                         changed_at=timezone.now())
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def bump():
    """Count a change, once per transaction, when it commits."""
    if connection.in_atomic_block and getattr(_state, "due", False) and any(
            item[1] is _bump_now for item in connection.run_on_commit):
        return
    _state.due = True
    transaction.on_commit(_bump_now)


def _changed(sender, instance=None, raw=False, created=False, **kwargs):
    state = getattr(instance, "moderation_state", None)
    if raw or state == ModerationState.PENDING:
        return  # fixtures; input nobody can see yet
    if created and state is not None and state != ModerationState.PUBLISHED:
        return  # new input kept out of view (spam caught by the traps): nothing public moved
    bump()


def connect():
    for model in apps.get_models():
        if model._meta.app_label in CONTENT_APPS and not model.__name__.startswith(
                "Historical") and not getattr(model, "content_neutral", False):
            uid = f"content-{model._meta.label}"
            post_save.connect(_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-del")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(_changed, sender=field.remote_field.through,
                                    dispatch_uid=f"{uid}-{field.name}")
