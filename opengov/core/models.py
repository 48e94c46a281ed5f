"""Building blocks shared by every domain model.

- ``OpenGovModel``: timestamps and soft deletion (django-safedelete). Nothing the public
  or the IRM may need later is ever removed from the database; "deleting" hides a record
  and cascades the hiding to what hangs under it.
- History of changes is kept by django-simple-history. Models with translated fields
  register their history in ``translation.py`` *after* modeltranslation has added the
  per-language columns, so that every language is tracked (see docs/architecture.md).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from safedelete.config import SOFT_DELETE_CASCADE
from safedelete.models import SafeDeleteModel


class OpenGovModel(SafeDeleteModel):
    _safedelete_policy = SOFT_DELETE_CASCADE

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Constituency(models.TextChoices):
    """Forum constituencies (F3): the balance is checked between the first two."""

    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other (parliament, academia, private sector...)")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


class ModerationState(models.TextChoices):
    """Public input is never deleted: spam and abuse are only kept out of view."""

    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    PRIVATE = "private", _("Kept private (no consent to publish)")
    SPAM = "spam", _("Spam")
    ABUSE = "abuse", _("Abusive")
