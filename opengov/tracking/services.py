"""Writes on implementation: progress updates with their evidence, public comments and the
agency's answers. One atomic function per action."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core.models import ModerationState
from opengov.repository import services as repository

from .models import Comment, ProgressUpdate


@transaction.atomic
def progress_update_post(*, commitment, author, texts, completion, timeliness, milestone=None,
                         publish=True, files=(), evidence_language="", licence="",
                         reported_on=None) -> ProgressUpdate:
    """Record an update on ``commitment`` (or one of its milestones) with its evidence.

    ``texts`` maps translated field names (``summary_fr``...) to text. Each file becomes a
    evidence document in the commitment's folder of the repository (R1, R4), public when the
    update is; files are validated first, so nothing is saved when one is refused.
    """
    if milestone is not None and milestone.commitment_id != commitment.pk:
        raise ValidationError(_("This milestone belongs to another commitment."))
    today = timezone.localdate()
    update = ProgressUpdate.objects.create(
        commitment=commitment, milestone=milestone, completion=completion,
        timeliness=timeliness, author=author, reported_on=reported_on or today,
        published_on=today if publish else None, **texts,
    )
    for upload in files:
        document = repository.document_add(
            member=commitment.plan.member, upload=upload, kind="evidence",
            title=upload.name.rsplit(".", 1)[0], language=evidence_language,
            licence=licence, plan=commitment.plan, commitment=commitment, milestone=milestone,
            date=update.reported_on, is_public=publish,
        )
        update.evidence.add(document)
    return update


@transaction.atomic
def progress_update_publish(update) -> ProgressUpdate:
    """Publish a draft update, and with it the evidence that came with it."""
    if update.published_on is None:
        update.published_on = timezone.localdate()
        update.save(update_fields=["published_on", "updated_at"])
        for document in update.evidence.filter(is_public=False):
            document.is_public = True
            document.save(update_fields=["is_public", "updated_at"])
    return update


def comment_submit(*, text, update=None, self_assessment=None, author_name="",
                   author_email="", robot=False) -> Comment:
    """A comment from the public on a progress update (W2) or a draft self-assessment (SA2)
    waits for moderation; robots' go straight to spam."""
    return Comment.objects.create(
        progress_update=update, self_assessment=self_assessment, text=text.strip(),
        author_name=author_name.strip(),
        author_email="" if robot else author_email.strip(),
        moderation_state=ModerationState.SPAM if robot else ModerationState.PENDING,
        moderation_reason="Honeypot field filled in" if robot else "",
    )


@transaction.atomic
def comment_answer(*, comment, answers: dict) -> Comment:
    """The lead agency's answer, shown under the published comment (W2)."""
    if not any(text.strip() for text in answers.values()):
        raise ValidationError(_("Write the answer in at least one language."))
    for field, text in answers.items():
        setattr(comment, field, text.strip())
    comment.answered_on = timezone.localdate()
    comment.save()
    return comment
