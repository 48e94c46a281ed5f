"""The self-assessment report (SA1) as DOCX and PDF, in the language of the request."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from opengov.core import documents


def _title(assessment):
    return _("Self-assessment report: %(plan)s") % {"plan": assessment.plan.title}


def as_pdf(assessment) -> bytes:
    from django.conf import settings

    return documents.pdf_bytes("reports/self_assessment_print.html", {
        "assessment": assessment, "plan": assessment.plan, "member": assessment.plan.member,
        "items": assessment.commitment_assessments.select_related("commitment"),
        "LANGUAGE_CODE": get_language()}, base_url=settings.SITE_URL)


def as_docx(assessment) -> bytes:
    plan = assessment.plan
    doc = documents.new_docx(_title(assessment), [
        f"{plan.member.name} — {plan.period_label}",
        _("Date of preparation: %(date)s") % {"date": assessment.prepared_on.isoformat()},
    ], language=get_language())
    for heading, text in ((_("Introduction"), assessment.introduction),
                          (_("Action plan process"), assessment.process),
                          (_("Use of the IRM's key recommendations"),
                           assessment.irm_recommendations)):
        doc.add_heading(heading, level=1)
        documents.add_text(doc, text)
    doc.add_heading(_("Assessment of each commitment"), level=1)
    items = assessment.commitment_assessments.select_related("commitment")
    documents.add_table(
        doc, [_("Commitment"), _("Colour"), _("Evidence and reasons"), _("Next steps")],
        [[str(item.commitment), item.get_colour_display(), item.justification,
          item.next_steps] for item in items], widths=(4.5, 3, 6.5, 3))
    for heading, text in ((_("Lessons learnt"), assessment.lessons),
                          (_("Recommendations"), assessment.recommendations)):
        doc.add_heading(heading, level=1)
        documents.add_text(doc, text)
    return documents.docx_bytes(doc)


def make_self_assessment(assessment_id, lang, fmt):
    """The report's file (opengov.core.generated.MAKERS), made by a task."""
    from .models import SelfAssessment

    assessment = SelfAssessment.objects.select_related("plan__member").get(pk=assessment_id)
    return as_pdf(assessment) if fmt == "pdf" else as_docx(assessment)


def wanted(assessment, lang, fmt):
    """The stored file of a published report; made again only when the report (or one of
    its commitment assessments) was corrected since."""
    from django.db.models import Max

    from opengov.core.generated import Wanted

    plan = assessment.plan
    changed = max(filter(None, [assessment.updated_at, assessment.commitment_assessments
                                .aggregate(last=Max("updated_at"))["last"]]))
    return Wanted(
        subject=f"self-assessment:{assessment.pk}:{lang}:{fmt}", maker="self_assessment",
        filename=f"self-assessment-{plan.slug}-{assessment.prepared_on.isoformat()}.{fmt}",
        content_type=documents.DOCX_MIME if fmt == "docx" else "application/pdf",
        label=f"{_title(assessment)} ({lang}, {fmt.upper()})",
        arguments={"assessment_id": assessment.pk, "lang": lang, "fmt": fmt},
        fingerprint=changed.strftime("%Y%m%d%H%M%S%f"))
