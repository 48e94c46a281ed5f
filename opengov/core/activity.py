"""What every write service does first and last: check that the actor may act on the object
(``authorise``), and log what it did (``record``) inside its transaction, so that a log line
exists exactly when the change does.

``actor=None`` is the platform itself (the demo loader, imports from the command line,
scheduled reminders): nobody to check, and the log shows "the platform".
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from .models import Activity


def authorise(actor, perm, obj):
    """Raise PermissionDenied unless ``actor`` holds ``perm`` on ``obj`` (never without one)."""
    if actor is not None and (obj is None or not actor.has_perm(perm, obj)):
        raise PermissionDenied(perm)


def record(*, actor, kind, target=None, summary="") -> Activity:
    """Log that ``actor`` did ``kind`` to ``target`` (any model instance, or None)."""
    return Activity.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None, kind=kind,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=getattr(target, "pk", None), target_label=str(target)[:300] if target else "",
        summary=str(summary)[:500],
    )


def actions_on(obj):
    """The log lines about one record, newest first."""
    return Activity.objects.filter(target_type=ContentType.objects.get_for_model(obj),
                                   target_id=obj.pk).select_related("actor")
