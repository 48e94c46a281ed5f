"""Keep the index in step, one record at a time, off the request.

A change to an indexed record names the entries it touches (``_touched``). They are
gathered for the whole transaction and, once it commits, handed to one background task
(``index_records``), in batches. The index is never rebuilt whole on save; a change that is
rolled back indexes nothing. Records published on a later day (progress updates and
reasoned responses carry a publication date) are indexed again that day.

``SEARCH_REINDEX_ON_SAVE=0`` turns this off, for bulk loads followed by
``manage.py rebuild_search_index``.
"""

import threading
from datetime import datetime, time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import default_task_backend

from opengov.core.tasks import background

_pending = threading.local()  # the batch of the current transaction


def _documents(**links):
    """The documents filed under a record: they are public only while it is."""
    from opengov.repository.models import Document

    match = Q()
    for link, value in links.items():
        match |= Q(**{link: value})
    return [("document", pk) for pk in Document.objects.filter(match).values_list("pk",
                                                                                   flat=True)]


def _touched(instance, created=False):
    """The (kind, id) entries a change to ``instance`` may alter."""
    from opengov.cocreation.models import CoCreationProcess, Contribution, ReasonedResponse
    from opengov.forum.models import Meeting, WorkingGroup
    from opengov.plans.models import ActionPlan, Commitment, Milestone
    from opengov.repository.models import Document, DocumentVersion
    from opengov.tracking.models import ProgressUpdate

    match instance:
        case ActionPlan():
            return [("plan", instance.pk)]
        case Commitment() if created:  # nothing hangs under it yet
            return [("commitment", instance.pk)]
        case Commitment():  # milestones and updates carry the commitment's title and link;
            # its meetings and the documents filed under it are public only while it is
            return [("commitment", instance.pk),
                    *(("milestone", pk) for pk in instance.milestones.values_list("pk",
                                                                                    flat=True)),
                    *(("update", pk) for pk in ProgressUpdate.objects.filter(
                        commitment=instance).values_list("pk", flat=True)),
                    *(("meeting", pk) for pk in Meeting.objects.filter(
                        commitment=instance).values_list("pk", flat=True)),
                    *_documents(commitment=instance, milestone__commitment=instance,
                                meeting__commitment=instance)]
        case Milestone() if created:
            return [("milestone", instance.pk)]
        case Milestone():
            return [("milestone", instance.pk), *_documents(milestone=instance)]
        case CoCreationProcess():  # its contributions follow by themselves (cascade)
            return [] if created else _documents(process=instance)
        case ProgressUpdate():
            return [("update", instance.pk)]
        case Contribution():
            return [("contribution", instance.pk)]
        case ReasonedResponse():  # its reasons are read with the contributions it answers
            return [("contribution", pk)
                    for pk in instance.contributions.values_list("pk", flat=True)]
        case WorkingGroup() if created:
            return []
        case WorkingGroup():  # its meetings (and their minutes) are public only while it is
            return [("meeting", pk) for pk in instance.meetings.values_list("pk", flat=True)
                    ] + _documents(meeting__working_group=instance)
        case Meeting() if created:
            return [("meeting", instance.pk)]
        case Meeting():  # a meeting made private takes its documents (minutes...) along
            return [("meeting", instance.pk), *_documents(meeting=instance)]
        case Document():
            return [("document", instance.pk)]
        case DocumentVersion():
            return [("document", instance.document_id)]
    return []


@background(label=_("Update the site search index"))
def index_records(keys):
    """Index these [kind, id] records again (a plan: with everything under it)."""
    from .index import index, index_plan

    by_kind = {}
    for kind, pk in keys:
        by_kind.setdefault(kind, []).append(pk)
    for pk in by_kind.pop("plan", []):
        index_plan(pk)
    for kind, ids in by_kind.items():
        index(kind, ids)


def _enqueue(keys):
    from .index import BATCH

    keys = sorted(keys)
    for start in range(0, len(keys), BATCH):
        index_records.enqueue([list(key) for key in keys[start:start + BATCH]])


class _Batch:
    """The keys one transaction touched, enqueued once when it commits."""

    def __init__(self):
        self.keys, self.done = set(), False

    def flush(self):
        self.done = True
        _enqueue(self.keys)


def _later(keys):
    """Index ``keys`` once the current transaction commits (at once outside one)."""
    if not keys:
        return
    if not connection.in_atomic_block:
        _enqueue(keys)
        return
    batch = getattr(_pending, "batch", None)
    if batch is None or batch.done or not any(
            item[1] == batch.flush for item in connection.run_on_commit):
        batch = _pending.batch = _Batch()  # none yet, or the last one was rolled back
        transaction.on_commit(batch.flush)
    batch.keys.update(keys)


def _on_publication_day(instance, keys):
    """A record dated to be published later becomes public that day, with no save: index it
    again then (where the task backend can wait). A meeting's minutes likewise."""
    day = getattr(instance, "published_on", None) or getattr(instance, "minutes_published_on",
                                                             None)
    if day and day > timezone.localdate() and default_task_backend.supports_defer:
        when = timezone.make_aware(datetime.combine(day, time.min))
        transaction.on_commit(lambda: index_records.using(run_after=when).enqueue(
            [list(key) for key in keys]))


def _changed(sender, instance, **kwargs):
    if not getattr(settings, "SEARCH_REINDEX_ON_SAVE", True) or kwargs.get("raw"):
        return
    keys = _touched(instance, kwargs.get("created", False))
    _later(keys)
    _on_publication_day(instance, keys)


def _links_changed(sender, instance, action, pk_set, **kwargs):
    """Links between records: a response and the contributions it answers, themes."""
    if not getattr(settings, "SEARCH_REINDEX_ON_SAVE", True) or not action.startswith("post_"):
        return
    from opengov.cocreation.models import ReasonedResponse

    keys = _touched(instance)
    if isinstance(instance, ReasonedResponse) and pk_set:  # also the ones just unlinked
        keys += [("contribution", pk) for pk in pk_set]
    _later(keys)


def connect():
    from opengov.cocreation.models import CoCreationProcess, Contribution, ReasonedResponse
    from opengov.forum.models import Meeting, WorkingGroup
    from opengov.plans.models import ActionPlan, Commitment, Milestone
    from opengov.repository.models import Document, DocumentVersion
    from opengov.tracking.models import ProgressUpdate

    for model in (ActionPlan, Commitment, Milestone, ProgressUpdate, Contribution,
                  ReasonedResponse, Meeting, Document, DocumentVersion, CoCreationProcess,
                  WorkingGroup):
        post_save.connect(_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    m2m_changed.connect(_links_changed, sender=ReasonedResponse.contributions.through,
                        dispatch_uid="search-response-links")
    m2m_changed.connect(_links_changed, sender=Contribution.themes.through,
                        dispatch_uid="search-contribution-themes")
    m2m_changed.connect(_links_changed, sender=Commitment.themes.through,
                        dispatch_uid="search-commitment-themes")


connect()
