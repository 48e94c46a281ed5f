"""Self-assessment (SA1, SA2): a draft written from the progress data, for the team to edit.
IRM products and their findings (C10, P1), recorded by IRM researchers or the POC team.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opengov.core.activity import authorise, record
from opengov.core.models import Activity
from opengov.core.writes import assign, for_save
from opengov.follow.tasks import news_after_commit
from opengov.repository import services as repository
from opengov.repository.models import Document
from opengov.rules.implementation import self_assessment_colour
from opengov.tracking.models import ProgressUpdate
from opengov.tracking.selectors import progress

from .models import (
    CommitmentAssessment,
    CommitmentFinding,
    IRMProduct,
    RequirementFinding,
    SelfAssessment,
)


def _justification(row, lang, absolute):
    """The latest update's account and evidence links, in ``lang`` (SA1: evidence, reasons)."""
    latest = row.latest
    if latest is None:
        return _("No progress update has been published.")
    parts = [_("Latest update (%(date)s): %(completion)s, %(timeliness)s.") % {
        "date": date_format(latest.reported_on, "DATE_FORMAT"),
        "completion": latest.get_completion_display(),
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
    # Each piece of evidence by its title, then its address (a link on the page, and in print).
    evidence = [f"{d.title}: {absolute(d.get_absolute_url())}" for d in latest.evidence.public()]
    evidence += [f"{d.title}: {absolute(d.get_absolute_url())}"
                 for d in row.commitment.documents.public().filter(kind="evidence")
                 .exclude(pk__in=latest.evidence.values("pk"))]
    if evidence:
        parts.append(_("Evidence: %(links)s") % {"links": "\n".join(evidence)})
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
                "date": date_format(today, "DATE_FORMAT")})
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


# -- IRM products and findings (C10, P1) ------------------------------------------------
# The IRM researchers and the POC team write them (reports/rules.py); a new product is asked
# about its plan, a new finding about its product. Each write logs IRM_RECORD_SAVED.

IRM_PRODUCT_FIELDS = ("kind", "published_on", "summary", "key_recommendations", "url")
REQUIREMENT_FINDING_FIELDS = ("requirement", "verdict", "notes")
COMMITMENT_FINDING_FIELDS = ("commitment", "specificity", "verifiable", "potential_for_results",
                             "completion", "early_results", "did_it_open_government",
                             "is_promising", "notes")



@transaction.atomic
def irm_product_save(*, actor, plan, product=None, values, document_file=None,
                     document_title="", document_language="",
                     document_is_public=True) -> IRMProduct:
    """Record an IRM product of ``plan`` (``product`` None) or change ``product``.

    ``document_file``, if given, is the product's report: the first one is filed in the
    repository as an IRM report (``document_add``, which refuses a file that is not what its
    name says: the error is then keyed ``document_file`` and nothing is saved) and linked to
    the product; a later one becomes a new version of that document (nothing is overwritten,
    R3). The repository's own rules decide who may file it.
    """
    product, new = for_save(actor=actor, model=IRMProduct, obj=product, parent_field="plan",
                           parent=plan, elsewhere=_("This IRM product belongs to another plan."))
    changed = ", ".join(assign(product, values, IRM_PRODUCT_FIELDS))
    product.full_clean()
    product.save()
    if document_file is not None:
        try:
            if product.document_id is None:
                product.document = repository.document_add(
                    actor=actor, member=plan.member, upload=document_file,
                    kind=Document.Kind.IRM_REPORT, title=document_title or str(product),
                    language=document_language, date=product.published_on, plan=plan,
                    is_public=document_is_public)
                product.save(update_fields=["document", "updated_at"])
            else:
                repository.version_add(actor=actor, document=product.document,
                                       upload=document_file)
        except ValidationError as error:  # the file is refused: say so beside it
            raise ValidationError({"document_file": error.messages}) from error
        changed = ", ".join(filter(None, [changed, "document"]))
    record(actor=actor, kind=Activity.Kind.IRM_RECORD_SAVED, target=product,
           summary=_("IRM product recorded") if new else changed)
    return product


@transaction.atomic
def requirement_finding_save(*, actor, product, finding=None, values) -> RequirementFinding:
    """What ``product`` found on one minimum requirement: a new finding (``finding`` None)
    or a change. One finding per requirement and product."""
    finding, new = for_save(actor=actor, model=RequirementFinding, obj=finding,
                            parent_field="product", parent=product,
                            elsewhere=_("This finding belongs to another IRM product."))
    changed = ", ".join(assign(finding, values, REQUIREMENT_FINDING_FIELDS))
    finding.full_clean()
    finding.save()
    record(actor=actor, kind=Activity.Kind.IRM_RECORD_SAVED, target=finding,
           summary=_("Finding on %(requirement)s recorded") % {"requirement": finding.requirement}
           if new else changed)
    return finding


@transaction.atomic
def commitment_finding_save(*, actor, product, finding=None, values) -> CommitmentFinding:
    """What ``product`` found on one commitment of its plan: a new finding (``finding``
    None) or a change. One finding per commitment and product."""
    finding, new = for_save(actor=actor, model=CommitmentFinding, obj=finding,
                            parent_field="product", parent=product,
                            elsewhere=_("This finding belongs to another IRM product."))
    changed = ", ".join(assign(finding, values, COMMITMENT_FINDING_FIELDS))
    finding.full_clean()
    if finding.commitment.plan_id != product.plan_id:
        raise ValidationError({"commitment": _("Choose a commitment of the product's plan.")})
    if CommitmentFinding.objects.filter(product=product, commitment=finding.commitment_id) \
            .exclude(pk=finding.pk).exists():
        raise ValidationError({"commitment": _(
            "This product already has a finding on this commitment: edit that one.")})
    finding.save()
    record(actor=actor, kind=Activity.Kind.IRM_RECORD_SAVED, target=finding,
           summary=_("Finding on commitment %(number)s recorded")
           % {"number": finding.commitment.number} if new else changed)
    return finding


# -- The self-assessment desk (SA1, SA2) -----------------------------------------------------
# The Point of Contact team writes the draft, corrects its texts and each commitment's colour,
# sets the public comment period and publishes it (reports/rules.py). Each write logs
# REPORT_SAVED.

SELF_ASSESSMENT_TEXTS = ("introduction", "process", "irm_recommendations", "lessons",
                         "recommendations")
COMMITMENT_ASSESSMENT_TEXTS = ("justification", "next_steps")


def _in_every_language(names):
    return tuple(f"{name}_{lang}" for name in names for lang in settings.MODELTRANSLATION_LANGUAGES)


# What the desk may set: never the plan, the date of preparation or the publication (which is
# self_assessment_publish's).
SELF_ASSESSMENT_FIELDS = (*_in_every_language(SELF_ASSESSMENT_TEXTS), "comments_open_on",
                          "comments_close_on")
COMMITMENT_ASSESSMENT_FIELDS = ("colour", *_in_every_language(COMMITMENT_ASSESSMENT_TEXTS))


@transaction.atomic
def self_assessment_create(*, actor, plan, absolute=lambda path: path) -> SelfAssessment:
    """SA1: a new draft of ``plan``'s self-assessment, written from the progress data
    (``self_assessment_draft``), for the team to correct at its desk."""
    authorise(actor, "reports.add_selfassessment", plan)
    assessment = self_assessment_draft(plan, absolute=absolute)
    record(actor=actor, kind=Activity.Kind.REPORT_SAVED, target=assessment,
           summary=_("Draft written from the progress data"))
    return assessment


@transaction.atomic
def self_assessment_save(*, actor, assessment, values=None, items=None) -> SelfAssessment:
    """Save a self-assessment: its texts and comment period (``values``, field names as in
    ``SELF_ASSESSMENT_FIELDS``) and the colour and texts of its commitments (``items``:
    ``{commitment assessment pk: values}``, names as in ``COMMITMENT_ASSESSMENT_FIELDS``).

    Only what changed is written (each change is kept in the history); a row of another
    report is refused. Comments cannot close before they open (the model's own check).
    """
    assessment = SelfAssessment.objects.select_for_update().select_related("plan").get(
        pk=assessment.pk)
    authorise(actor, "reports.change_selfassessment", assessment)
    changed = assign(assessment, values or {}, SELF_ASSESSMENT_FIELDS)
    if changed:
        assessment.full_clean()
        assessment.save()
    rows = {row.pk: row for row in
            assessment.commitment_assessments.select_related("commitment")}
    numbers = []
    for pk, row_values in (items or {}).items():
        row = rows.get(pk)
        if row is None:
            raise ValidationError(_("This commitment assessment belongs to another report."))
        authorise(actor, "reports.change_commitmentassessment", row)
        if assign(row, row_values, COMMITMENT_ASSESSMENT_FIELDS):
            row.full_clean()
            row.save()
            numbers.append(str(row.commitment.number))
    summary = ", ".join(changed)
    if numbers:
        summary = "; ".join(filter(None, [summary, _("commitments %(numbers)s") % {
            "numbers": ", ".join(numbers)}]))
    record(actor=actor, kind=Activity.Kind.REPORT_SAVED, target=assessment, summary=summary)
    news_after_commit()  # comments open today
    return assessment


@transaction.atomic
def self_assessment_publish(*, actor, assessment, published_on=None) -> SelfAssessment:
    """SA2: publish the report on ``published_on`` (today by default; a later day schedules
    it). Publication ends any comment period still open: the handbook leaves the timing to
    the member. A report is published once; it can still be corrected afterwards."""
    assessment = SelfAssessment.objects.select_for_update().select_related("plan").get(
        pk=assessment.pk)
    authorise(actor, "reports.change_selfassessment", assessment)
    published_on = published_on or timezone.localdate()
    if assessment.published_on is not None:
        raise ValidationError(_("This report is already published (%(date)s).")
                              % {"date": assessment.published_on.isoformat()})
    if published_on < assessment.prepared_on:
        raise ValidationError(_("A report cannot be published before the day it was prepared "
                                "(%(date)s).") % {
            "date": date_format(assessment.prepared_on, "DATE_FORMAT")})
    assessment.published_on = published_on
    assessment.save(update_fields=["published_on", "updated_at"])
    record(actor=actor, kind=Activity.Kind.REPORT_SAVED, target=assessment,
           summary=_("Published on %(date)s") % {"date": published_on.isoformat()})
    return assessment
