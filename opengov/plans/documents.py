"""The action plan and its commitments as official documents (AP1, CM1), DOCX and PDF.

Documents are written from a snapshot (see services.plan_snapshot): a delivered version's
frozen snapshot, or the plan as it stands. Headings follow the document's language; each
text is the snapshot's text in that language.
"""

from __future__ import annotations

from datetime import date

from django.utils import formats, translation
from django.utils.translation import gettext as _

from opengov.core import documents
from opengov.core.models import Constituency

from .compare import text_of


def _date(value):
    return formats.date_format(date.fromisoformat(value), "DATE_FORMAT") if value else "—"


def template_rows(plan: dict, c: dict, lang: str) -> list[tuple[str, str]]:
    """The CM1 template as (label, value) rows, in the order of OGP's template."""
    t = lambda name: text_of(c.get(name), lang)  # noqa: E731
    stakeholders = "\n".join(
        f"{text_of(s['organisation'], lang)} ({Constituency(s['constituency']).label})"
        + (f": {text_of(s.get('role'), lang)}" if text_of(s.get("role"), lang) else "")
        for s in c.get("stakeholders", []))
    rows = [
        (_("OGP member"), text_of(plan["member"], lang)),
        (_("Number and title"), f"{c['number']}. {t('title')}"),
        (_("Short description"), t("short_description")),
        (_("Lead agency"), text_of(c.get("lead_agency"), lang)),
        (_("Supporting stakeholders"), stakeholders),
        (_("Period covered"), f"{_date(c['period'][0])} – {_date(c['period'][1])}"),
        (_("Problem definition"), t("problem")),
        (_("Causes of the problem"), t("causes")),
        (_("What has been done so far"), t("done_so_far")),
        (_("Proposed solution"), t("solution")),
        (_("Expected results"), t("expected_results")),
        (_("How it advances transparency"), t("transparency")),
        (_("How it advances accountability"), t("accountability")),
        (_("How it advances public participation"), t("participation")),
    ]
    if c.get("is_challenge"):
        rows += [(_("Challenge commitment: emerging priority"), t("challenge_priority")),
                 (_("How it was co-created"), t("challenge_cocreation_note"))]
    if c.get("is_local"):
        rows += [(_("Local jurisdiction"), t("local_jurisdiction")),
                 (_("National policy or programme it derives from"), t("national_policy"))]
    return rows


def milestone_rows(c: dict, lang: str) -> list[list[str]]:
    return [[f"{c['number']}.{m['number']} {text_of(m.get('title'), lang)}",
             text_of(m.get("expected_result"), lang), _date(m.get("starts_on")),
             _date(m.get("due_on")),
             "\n".join(filter(None, [text_of(o, lang) for o in (m.get("lead"),
                                                                   *m.get("supporting", []))]))]
            for m in c.get("milestones", [])]


def milestone_header():
    return [_("Milestone"), _("Expected result"), _("Start"), _("Planned completion"),
            _("Lead and supporting stakeholders")]


def version_label(version) -> str:
    if version is None:
        return _("Working draft, not delivered")
    return _("Version %(n)s (%(kind)s), delivered on %(date)s") % {
        "n": version.number, "kind": version.get_kind_display(),
        "date": formats.date_format(version.delivered_on, "DATE_FORMAT")}


def _add_commitment(doc, plan, c, lang):
    doc.add_heading(_("Commitment %(n)s: %(title)s") % {
        "n": c["number"], "title": text_of(c.get("title"), lang)}, level=2)
    documents.add_field_table(doc, template_rows(plan, c, lang))
    doc.add_heading(_("Milestones"), level=3)
    documents.add_table(doc, milestone_header(), milestone_rows(c, lang),
                        widths=(4.5, 4.5, 2.2, 2.3, 3.5))


def plan_docx(snapshot: dict, lang: str, version=None) -> bytes:
    plan = snapshot["plan"]
    with translation.override(lang):
        doc = documents.new_docx(text_of(plan.get("title"), lang), [
            text_of(plan["member"], lang),
            _("Action plan %(period)s") % {"period": plan.get("period", "")},
            version_label(version)], language=lang)
        if version is not None and version.change_notes:
            doc.add_heading(_("Changes in this version"), level=1)
            documents.add_text(doc, version.change_notes.get(lang)
                               or version.change_notes.get("en", ""))
        for name, heading in (("introduction", _("1. Introduction")),
                              ("efforts_to_date", _("2. Open government efforts to date")),
                              ("development_process", _("3. Development process"))):
            doc.add_heading(heading, level=1)
            documents.add_text(doc, text_of(plan.get(name), lang))
        doc.add_heading(_("4. Commitments"), level=1)
        for c in snapshot["commitments"]:
            _add_commitment(doc, plan, c, lang)
        if snapshot.get("local_initiatives"):
            doc.add_heading(_("Additional local open government initiatives"), level=1)
            for item in snapshot["local_initiatives"]:
                doc.add_heading(f"{text_of(item['title'], lang)} — "
                                f"{text_of(item['jurisdiction'], lang)}", level=3)
                documents.add_text(doc, text_of(item["description"], lang))
        return documents.docx_bytes(doc)


def commitment_docx(snapshot: dict, number: int, lang: str) -> bytes:
    plan = snapshot["plan"]
    c = next(c for c in snapshot["commitments"] if c["number"] == number)
    with translation.override(lang):
        doc = documents.new_docx(_("Commitment %(n)s: %(title)s") % {
            "n": c["number"], "title": text_of(c.get("title"), lang)},
            [text_of(plan["member"], lang), text_of(plan.get("title"), lang)], language=lang)
        documents.add_field_table(doc, template_rows(plan, c, lang))
        doc.add_heading(_("Milestones"), level=2)
        documents.add_table(doc, milestone_header(), milestone_rows(c, lang),
                            widths=(4.5, 4.5, 2.2, 2.3, 3.5))
        return documents.docx_bytes(doc)


def plan_pdf(snapshot: dict, lang: str, version=None, *, only=None, base_url="/") -> bytes:
    """The plan (or, with ``only``, one commitment) as a tagged PDF."""
    plan = snapshot["plan"]
    with translation.override(lang):
        commitments = [c for c in snapshot["commitments"] if only is None or c["number"] == only]
        context = {
            "lang": lang, "plan": plan, "title": text_of(plan.get("title"), lang),
            "member": text_of(plan["member"], lang),
            "version_label": version_label(version), "only": only,
            "notes": (version.change_notes.get(lang) or version.change_notes.get("en", ""))
            if version is not None and version.change_notes else "",
            "sections": [(_("1. Introduction"), text_of(plan.get("introduction"), lang)),
                         (_("2. Open government efforts to date"),
                          text_of(plan.get("efforts_to_date"), lang)),
                         (_("3. Development process"),
                          text_of(plan.get("development_process"), lang))],
            "commitments": [{"number": c["number"], "title": text_of(c.get("title"), lang),
                             "rows": template_rows(plan, c, lang),
                             "milestones": milestone_rows(c, lang)} for c in commitments],
            "milestone_header": milestone_header(),
            "initiatives": [{k: text_of(v, lang) for k, v in item.items()}
                            for item in snapshot.get("local_initiatives", [])],
        }
        return documents.pdf_bytes("plans/plan_print.html", context, base_url=base_url)


# Stored files (opengov.core.generated): made by a task, served from storage.
PDF_MIME = "application/pdf"


def _wanted(subject, maker_name, filename, label, arguments, fingerprint=""):
    fmt = filename.rsplit(".", 1)[-1]
    from opengov.core.generated import Wanted

    return Wanted(subject=subject, maker=maker_name, filename=filename, label=label,
                  content_type=documents.DOCX_MIME if fmt == "docx" else PDF_MIME,
                  arguments=arguments, fingerprint=fingerprint)


def version_file(version, lang, fmt):
    """A delivered version's document: frozen, so made once (C7)."""
    plan = version.plan
    return _wanted(f"plan-version:{version.pk}:{lang}:{fmt}", "plan_version",
                   f"{plan.slug}-v{version.number}-{lang}.{fmt}",
                   f"{plan} v{version.number} ({lang}, {fmt.upper()})",
                   {"version_id": version.pk, "lang": lang, "fmt": fmt})


def version_files(version):
    """Every document of a version, in every language of its member: made as soon as it is
    delivered, so that no reader waits."""
    return [version_file(version, lang, fmt) for lang in version.plan.member.document_languages
            for fmt in ("pdf", "docx")]


def commitment_file(commitment, lang, fmt, fingerprint):
    return _wanted(f"commitment:{commitment.pk}:{lang}:{fmt}", "commitment",
                   f"{commitment.plan.slug}-{commitment.slug}-{lang}.{fmt}",
                   f"{commitment} ({lang}, {fmt.upper()})",
                   {"commitment_id": commitment.pk, "lang": lang, "fmt": fmt}, fingerprint)


def draft_file(plan, lang, fmt, fingerprint):
    return _wanted(f"plan-draft:{plan.pk}:{lang}:{fmt}", "plan_draft",
                   f"{plan.slug}-draft-{lang}.{fmt}", f"{plan} ({lang}, {fmt.upper()})",
                   {"plan_id": plan.pk, "lang": lang, "fmt": fmt}, fingerprint)


def _make(snapshot, lang, fmt, version=None, only=None):
    from django.conf import settings

    if fmt == "docx":
        if only is not None:
            return commitment_docx(snapshot, only, lang)
        return plan_docx(snapshot, lang, version)
    return plan_pdf(snapshot, lang, version, only=only, base_url=settings.SITE_URL)


# Makers (opengov.core.generated.MAKERS): run by the task, never in a request.
def make_version(version_id, lang, fmt):
    from .models import PlanVersion

    version = PlanVersion.objects.select_related("plan").get(pk=version_id)
    return _make(version.snapshot, lang, fmt, version)


def make_commitment(commitment_id, lang, fmt):
    from .models import Commitment
    from .services import plan_snapshot

    commitment = Commitment.objects.select_related("plan").get(pk=commitment_id)
    return _make(plan_snapshot(commitment.plan), lang, fmt, only=commitment.number)


def make_draft(plan_id, lang, fmt):
    from .models import ActionPlan
    from .services import plan_snapshot

    return _make(plan_snapshot(ActionPlan.objects.get(pk=plan_id)), lang, fmt)
