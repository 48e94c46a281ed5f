"""Writes on implementation: progress updates with their evidence, public comments and the
agency's answers. One atomic function per action."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core.activity import authorise, record
from opengov.core.forms import AutomaticFlag
from opengov.core.models import Activity, ModerationState
from opengov.follow.tasks import news_after_commit
from opengov.repository import services as repository

from .models import Comment, ImplementationPlan, ProgressUpdate


@transaction.atomic
def progress_update_post(*, commitment, author, texts, completion, timeliness, milestone=None,
                         publish=True, files=(), evidence_language="", licence="",
                         reported_on=None) -> ProgressUpdate:
    """Record an update on ``commitment`` (or one of its milestones) with its evidence.

    ``texts`` maps translated field names (``summary_fr``...) to text. Each file becomes a
    evidence document in the commitment's folder of the repository (R1, R4), public when the
    update is; files are validated first, so nothing is saved when one is refused.
    """
    authorise(author, "tracking.add_progressupdate", commitment)
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
            actor=author, member=commitment.plan.member, upload=upload, kind="evidence",
            title=upload.name.rsplit(".", 1)[0], language=evidence_language,
            licence=licence, plan=commitment.plan, commitment=commitment, milestone=milestone,
            date=update.reported_on, is_public=publish,
        )
        update.evidence.add(document)
    if publish:
        news_after_commit()
    record(actor=author, kind=Activity.Kind.UPDATE_POSTED, target=update,
           summary=update.get_completion_display())
    return update


@transaction.atomic
def progress_update_publish(*, actor, update) -> ProgressUpdate:
    """Publish a draft update, and with it the evidence that came with it."""
    authorise(actor, "tracking.change_progressupdate", update)
    if update.published_on is None:
        update.published_on = timezone.localdate()
        update.save(update_fields=["published_on", "updated_at"])
        for document in update.evidence.filter(is_public=False):
            document.is_public = True
            document.save(update_fields=["is_public", "updated_at"])
        record(actor=actor, kind=Activity.Kind.UPDATE_PUBLISHED, target=update)
        news_after_commit()  # followers of the commitment, its plan, the site
    return update


@transaction.atomic
def implementation_plan_save(*, actor, form) -> ImplementationPlan:
    """I1: save a commitment's implementation plan from its (validated) form."""
    authorise(actor, "tracking.change_implementationplan", form.instance.commitment)
    plan_of_work = form.save()
    record(actor=actor, kind=Activity.Kind.IMPLEMENTATION_PLAN_SAVED, target=plan_of_work)
    return plan_of_work


def comment_submit(*, text, update=None, self_assessment=None, author_name="",
                   author_email="", robot=False, suspicion="") -> Comment:
    """A comment from the public on a progress update (W2) or a draft self-assessment (SA2)
    waits for moderation, with the reason it looks scripted if it does (``suspicion``, an
    ``AutomaticFlag``); robots' go straight to spam."""
    return Comment.objects.create(
        progress_update=update, self_assessment=self_assessment, text=text.strip(),
        author_name=author_name.strip(),
        author_email="" if robot else author_email.strip(),
        moderation_state=ModerationState.SPAM if robot else ModerationState.PENDING,
        moderation_reason=AutomaticFlag.HONEYPOT if robot else suspicion,
    )


@transaction.atomic
def comment_answer(*, actor, comment, answers: dict) -> Comment:
    """The lead agency's answer, shown under the published comment (W2)."""
    authorise(actor, "tracking.answer_comment", comment)
    if comment.moderation_state != ModerationState.PUBLISHED:
        raise ValidationError(_("Only a published comment is answered."))
    if not any(text.strip() for text in answers.values()):
        raise ValidationError(_("Write the answer in at least one language."))
    for field, text in answers.items():
        setattr(comment, field, text.strip())
    comment.answered_on = timezone.localdate()
    comment.save()
    record(actor=actor, kind=Activity.Kind.COMMENT_ANSWERED, target=comment)
    return comment


@transaction.atomic
def comment_moderate(*, actor, comment, state, reason=""):
    """Publish a comment, or keep it out of view (spam, abuse, hidden), with the reason; the
    decision is recorded like a contribution's. The text is never changed."""
    from opengov.cocreation.services import moderate

    comment = Comment.all_objects.select_for_update().get(pk=comment.pk)
    authorise(actor, "tracking.moderate_comment", comment)
    return moderate(actor=actor, item=comment, state=state, reason=reason,
                    kind=Activity.Kind.COMMENT_MODERATED)
