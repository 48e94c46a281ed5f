"""Self-assessment (SA1, SA2): a draft written from the progress data, for the team to edit."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opengov.rules.implementation import self_assessment_colour
from opengov.tracking.models import ProgressUpdate
from opengov.tracking.selectors import progress

from .models import CommitmentAssessment, IRMProduct, SelfAssessment


def _justification(row, lang, absolute):
    """The latest update's account and evidence links, in ``lang`` (SA1: evidence, reasons)."""
    latest = row.latest
    if latest is None:
        return _("No progress update has been published.")
    parts = [_("Latest update (%(date)s): %(completion)s, %(timeliness)s.") % {
        "date": latest.reported_on.isoformat(), "completion": latest.get_completion_display(),
        "timeliness": latest.get_timeliness_display().lower()}]
    summary = getattr(latest, f"summary_{lang}") or latest.summary
    if summary:
        parts.append(summary)
    reasons = getattr(latest, f"delay_reasons_{lang}") or latest.delay_reasons
    if reasons:
        parts.append(_("Reasons for delay: %(reasons)s") % {"reasons": reasons})
    if row.overdue_milestones:
        parts.append(_("Overdue milestones: %(list)s.") % {"list": ", ".join(
            f"{row.commitment.number}.{m.milestone.number}" for m in row.overdue_milestones)})
    evidence = [absolute(d.get_absolute_url()) for d in latest.evidence.filter(is_public=True)]
    evidence += [absolute(d.get_absolute_url())
                 for d in row.commitment.documents.filter(is_public=True, kind="evidence")
                 .exclude(pk__in=latest.evidence.values("pk"))]
    if evidence:
        parts.append(_("Evidence: %(links)s") % {"links": " ".join(evidence)})
    return "\n\n".join(parts)


def colour_of(row) -> str:
    latest = row.latest
    return self_assessment_colour(
        latest.completion if latest else None,
        delayed=bool(latest and latest.timeliness == ProgressUpdate.Timeliness.DELAYED),
        longest_overdue_days=max((m.overdue_days for m in row.milestones), default=0))


@transaction.atomic
def self_assessment_draft(plan, *, today=None, absolute=lambda path: path) -> SelfAssessment:
    """SA1: a draft report with a colour, a justification and next steps per commitment."""
    today = today or timezone.localdate()
    langs = plan.member.document_languages
    irm = (IRMProduct.objects.filter(plan__member=plan.member, published_on__lte=today)
           .exclude(key_recommendations="").order_by("-published_on").first())
    assessment = SelfAssessment(plan=plan, prepared_on=today)
    for lang in langs:
        with translation.override(lang):
            setattr(assessment, f"introduction_{lang}", _(
                "This report assesses the implementation of %(plan)s (%(period)s), prepared "
                "on %(date)s from the published progress updates.") % {
                "plan": plan.title, "period": plan.period_label,
                "date": today.isoformat()})
            if irm is not None:
                lines = [line.strip() for line in irm.key_recommendations.splitlines()
                         if line.strip()]
                setattr(assessment, f"irm_recommendations_{lang}", "\n".join(
                    f"{index}. {line}\n   " + _("How we used it:") for index, line
                    in enumerate(lines, start=1)))
    assessment.save()
    for row in progress(plan.commitments.all(), today=today):
        item = CommitmentAssessment(self_assessment=assessment, commitment=row.commitment,
                                    colour=colour_of(row))
        for lang in langs:
            if lang not in settings.MODELTRANSLATION_LANGUAGES:
                continue
            with translation.override(lang):
                setattr(item, f"justification_{lang}", _justification(row, lang, absolute))
                if row.latest is not None:
                    setattr(item, f"next_steps_{lang}",
                            getattr(row.latest, f"next_steps_{lang}") or row.latest.next_steps)
        item.save()
    return assessment
