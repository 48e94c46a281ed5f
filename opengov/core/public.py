"""What "public" means, written once per model: ``Model.objects.public()``.

A record is public when it is published itself *and* everything it hangs under is public: a
document filed under a commitment of a withdrawn plan, or under a private meeting, is not,
whatever its own flag says. Each model's queryset states, in ``public_q``, what makes the
record itself public and which records it hangs under; a parent's condition is never
written again, it is read from the parent's own queryset (``public_via``), so a change to
what makes a plan public reaches every document, meeting and update under it.

Every public read (pages, feeds, API, open data, search) starts from ``.public()``; the
workspace reads records whatever their state.
"""

from django.db.models import Q
from django.utils import timezone
from safedelete.managers import SafeDeleteManager
from safedelete.queryset import SafeDeleteQueryset


def within(path: str, condition: Q) -> Q:
    """``condition``, written for a model, as seen from a model that reaches it through
    ``path`` (``within("plan", Q(is_public=True))`` is ``Q(plan__is_public=True)``)."""
    children = [within(path, child) if isinstance(child, Q) else (f"{path}__{child[0]}",
                                                                 child[1])
                for child in condition.children]
    return Q.create(children, connector=condition.connector, negated=condition.negated)


def public_via(path: str, model) -> Q:
    """The record reached through ``path`` (a ``model``) is public. Soft deletion hides a row
    only from its own table's queries, so a hidden parent is excluded here."""
    return within(path, model.objects.public_q() & Q(deleted_at=None))


def public_where_set(path: str, model) -> Q:
    """The optional link ``path`` is empty, or leads to a public ``model``."""
    return Q(**{f"{path}__isnull": True}) | public_via(path, model)


class PublicQuerySet(SafeDeleteQueryset):
    """A soft-deletable queryset with ``public()``; subclasses write ``public_q``."""

    def public_q(self) -> Q:
        raise NotImplementedError

    def public(self):
        return self.filter(self.public_q())


class PublishedQuerySet(PublicQuerySet):
    """Records published on a day (``published_on``): a draft has none, and one dated later
    is published on its day. "Published" is what the desks and the compliance facts count,
    whatever the plan; "public" adds the parents (``public_q``)."""

    def published_q(self) -> Q:
        return Q(published_on__isnull=False, published_on__lte=timezone.localdate())

    def published(self):
        return self.filter(self.published_q())


def public_manager(queryset_class):
    """The default manager of a soft-deletable model whose queryset is ``queryset_class``:
    hides deleted rows, like safedelete's own, and has the queryset's methods
    (``Document.objects.public()``, ``plan.documents.public()``)."""
    return SafeDeleteManager.from_queryset(queryset_class)()
