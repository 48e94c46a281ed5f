"""Bulk open data: one ZIP with a CSV and a JSON per table, a Frictionless Data package
descriptor (datapackage.json) describing every column, and the licence. Public fields only.

Every table is read in one query (two with the responses' commitments), whatever its size,
and only the columns it exports; a table's rows are read only when it is written, so the
spreadsheet of commitments reads only its two tables.
"""

import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from opengov.cocreation.models import Contribution, ReasonedResponse
from opengov.core import spreadsheets
from opengov.core.translation import in_every_language
from opengov.forum.models import Meeting, Seat
from opengov.plans.models import ActionPlan, Commitment, Milestone
from opengov.repository.models import Document
from opengov.tracking.models import ProgressUpdate

LICENCES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("CC0 1.0 Public Domain Dedication",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
    "etalab-2.0": ("Licence Ouverte / Open Licence 2.0",
                   "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0",
                 "https://opendatacommons.org/licenses/odbl/1-0/"),
}


def licence(code=None) -> dict:
    """The licence of the open data (``OPEN_DATA_LICENCE``): its identifier, with its name and
    page when ``LICENCES`` knows it, else the bare identifier and no page."""
    code = code or getattr(settings, "OPEN_DATA_LICENCE", "CC-BY-4.0")
    title, url = LICENCES.get(code, (code, ""))
    return {"code": code, "title": title, "url": url}


PACKAGE_DESCRIPTION = (
    "Public data of this OGP member's open government process: one CSV per table (UTF-8, "
    "comma-separated, a header row), the same data in `data.json`, and `datapackage.json` "
    "(Frictionless Data) describing every column.")
# How the CSV files keep spreadsheets from running a text as a formula (core.spreadsheets).
CSV_TEXT_CELLS = (
    "In the CSV files, text cells are quoted, and those that begin with =, +, -, @, a tab "
    "or a carriage return are prefixed with ' so that spreadsheets show them as text "
    "instead of running them as formulas; data.json keeps every text as it is.")


@dataclass
class Table:
    name: str
    description: str
    fields: list  # (name, type, description)
    rows: Iterable  # of lists, read once, when the table is written


def _rows(queryset, row):
    """``row(obj)`` for each object, read from the database at the first row asked for
    (a generator function: a generator expression would evaluate the queryset at once)."""
    for obj in queryset:
        yield row(obj)


def _languages():
    return list(settings.MODELTRANSLATION_LANGUAGES)


def _translated(name, description):
    return [(f"{name}_{lang}", "string", f"{description} ({lang})") for lang in _languages()]


def _values(obj, name):
    return list(in_every_language(obj, name).values())


def tables() -> list[Table]:
    # Querysets are lazy and rows are generators: nothing is read until a table is written.
    plans = ActionPlan.objects.public().select_related("member").only(
        "slug", "member__slug", "number", "title", "status", "start_year", "duration_years",
        "delivery_slot", "ends_on", "delivered_on").order_by("pk")
    commitments = Commitment.objects.public().select_related(
        "plan", "lead_agency").only(
        "plan__slug", "number", "slug", "title", "short_description", "lead_agency__name",
        "lead_agency__acronym", "period_start", "period_end", "is_challenge",
        "is_local").order_by("pk")
    milestones = Milestone.objects.public().select_related(
        "lead").only("commitment", "number", "title", "due_on", "lead__name",
                     "lead__acronym").order_by("pk")
    updates = ProgressUpdate.objects.public().only(
        "commitment", "milestone", "completion", "timeliness", "summary", "reported_on",
        "published_on").order_by("pk")
    contributions = Contribution.objects.public().select_related("process__plan").only(
        "reference", "process__plan__slug", "submitted_at", "language", "stakeholder_type",
        "author_name", "text").order_by("pk")
    responses = ReasonedResponse.objects.public().only(
        "decision", "summary", "consideration", "influence", "reasons", "beyond_plan",
        "published_on").prefetch_related(
        Prefetch("commitments", queryset=Commitment.objects.only("pk"))).order_by("pk")
    # Which public contribution each response answers: one query on the link table.
    answered = ReasonedResponse.contributions.through.objects.filter(
        reasonedresponse__in=responses.values("pk"),
        contribution__in=contributions.values("pk"),
    ).order_by("reasonedresponse_id", "-contribution__submitted_at", "contribution_id")
    meetings = Meeting.objects.public().only(
        "kind", "title", "starts_at", "format", "agenda", "minutes", "minutes_published_on",
        "is_public").order_by("pk")
    documents = Document.objects.public().only(
        "title", "kind", "date", "language", "licence", "commitment").order_by("pk")
    today = timezone.localdate()
    seats = Seat.objects.filter(starts_on__lte=today).exclude(ends_on__lt=today).select_related(
        "organisation", "person").only(
        "organisation__name", "organisation__acronym", "constituency", "person__name",
        "person__is_public", "starts_on", "selection").order_by("pk")
    return [
        Table("plans", "Action plans (AP1) and their calendar (C1, C2, C5).", [
            ("slug", "string", "Stable identifier of the plan"),
            ("member", "string", "OGP member"), ("number", "integer", "Plan number"),
            *_translated("title", "Title"), ("status", "string", "co_creation, implementation "
                                             "or completed"),
            ("start_year", "integer", "Start year"), ("duration_years", "integer", "2 or 4 (C1)"),
            ("delivery_slot", "string", "june or december (C2)"),
            ("ends_on", "date", "End date (C2)"), ("delivered_on", "date", "Delivery date (C5)"),
        ], _rows(plans, lambda p: [
            p.slug, p.member.slug, p.number, *_values(p, "title"), p.status, p.start_year,
            p.duration_years, p.delivery_slot, p.ends_on, p.delivered_on])),
        Table("commitments", "Commitments, as in OGP's template (CM1).", [
            ("id", "integer", "Stable identifier"), ("plan", "string", "Plan slug"),
            ("number", "integer", "Number in the plan"), ("slug", "string", "Short name"),
            *_translated("title", "Title"), *_translated("short_description",
                                                         "Short description (CM2)"),
            ("lead_agency", "string", "Lead agency"), ("period_start", "date", "From"),
            ("period_end", "date", "To"), ("is_challenge", "boolean", "Challenge (CM5)"),
            ("is_local", "boolean", "Local commitment (CM6)"),
        ], _rows(commitments, lambda c: [
            c.pk, c.plan.slug, c.number, c.slug, *_values(c, "title"),
            *_values(c, "short_description"), str(c.lead_agency), c.period_start,
            c.period_end, c.is_challenge, c.is_local])),
        Table("milestones", "Milestones of each commitment.", [
            ("id", "integer", "Stable identifier"), ("commitment_id", "integer", "Commitment"),
            ("number", "integer", "Number"), *_translated("title", "Milestone"),
            ("due_on", "date", "Planned completion date"), ("lead", "string", "Lead"),
        ], _rows(milestones, lambda m: [
            m.pk, m.commitment_id, m.number, *_values(m, "title"), m.due_on,
            str(m.lead) if m.lead else ""])),
        Table("progress_updates", "Published progress updates (W3 f).", [
            ("id", "integer", "Stable identifier"), ("commitment_id", "integer", "Commitment"),
            ("milestone_id", "integer", "Milestone, if the update is about one"),
            ("completion", "string", "not_started, limited, substantial or complete"),
            ("timeliness", "string", "on_time or delayed"), *_translated("summary", "Summary"),
            ("reported_on", "date", "Reported on"), ("published_on", "date", "Published on"),
        ], _rows(updates, lambda u: [
            u.pk, u.commitment_id, u.milestone_id, u.completion, u.timeliness,
            *_values(u, "summary"), u.reported_on, u.published_on])),
        Table("contributions", "Published public contributions (CC5, CC6); no e-mail ever.", [
            ("reference", "string", "Stable identifier"), ("plan", "string", "Plan slug"),
            ("submitted_on", "date", "Submitted on"), ("language", "string", "Language"),
            ("stakeholder_type", "string", "Kind of stakeholder"),
            ("author_name", "string", "Name, when given"), ("text", "string", "Contribution"),
        ], _rows(contributions, lambda c: [
            c.reference, c.process.plan.slug, c.submitted_at.date(), c.language,
            c.stakeholder_type, c.author_name, c.text])),
        Table("responses", "Published reasoned responses (CC8, CC9).", [
            ("id", "integer", "Stable identifier"),
            ("decision", "string", "included, amended or rejected"),
            *_translated("summary", "(1) Comments received"),
            *_translated("consideration", "(2) How they were considered"),
            *_translated("influence", "(3) How they influenced the outcome"),
            *_translated("reasons", "(4) Reasons"), *_translated("beyond_plan",
                                                                "(5) Beyond this plan"),
            ("commitment_ids", "string", "Commitments it led to, separated by ;"),
            ("published_on", "date", "Published on"),
        ], _rows(responses, lambda r: [
            r.pk, r.decision, *_values(r, "summary"), *_values(r, "consideration"),
            *_values(r, "influence"), *_values(r, "reasons"), *_values(r, "beyond_plan"),
            ";".join(str(c.pk) for c in r.commitments.all()), r.published_on])),
        Table("response_contributions", "Which published contributions each response answers.", [
            ("response_id", "integer", "Response"), ("contribution", "string", "Reference"),
        ], _rows(answered.values_list("reasonedresponse_id", "contribution__reference"), list)),
        Table("meetings", "Public meetings with agendas and minutes (W3 d).", [
            ("id", "integer", "Stable identifier"), ("kind", "string", "Kind of meeting"),
            *_translated("title", "Title"), ("starts_at", "datetime", "Start (UTC)"),
            ("format", "string", "in_person, online or hybrid"),
            *_translated("agenda", "Agenda"), *_translated("minutes", "Minutes"),
        ], _rows(meetings, lambda m: [
            m.pk, m.kind, *_values(m, "title"), m.starts_at, m.format, *_values(m, "agenda"),
            *(_values(m, "minutes") if m.minutes_are_public else [""] * len(_languages()))])),
        Table("documents", "Public documents of the repository (R1).", [
            ("id", "integer", "Stable identifier"), *_translated("title", "Title"),
            ("kind", "string", "Kind"), ("date", "date", "Date"),
            ("language", "string", "Language"), ("licence", "string", "Licence"),
            ("commitment_id", "integer", "Commitment documented"),
        ], _rows(documents, lambda d: [
            d.pk, *_values(d, "title"), d.kind, d.date, d.language, d.licence,
            d.commitment_id])),
        Table("forum_seats", "Current seats of the multi-stakeholder forum (F3, F5).", [
            ("organisation", "string", "Organisation"), ("constituency", "string",
                                                          "government, civil_society or other"),
            ("representative", "string", "Representative, when public"),
            ("starts_on", "date", "Since"), ("selection", "string", "How selected"),
        ], _rows(seats, lambda seat: [
            str(seat.organisation), seat.constituency,
            seat.person.name if seat.person and seat.person.is_public else "",
            seat.starts_on, seat.selection])),
    ]


def row_counts() -> dict:
    """How many rows each table of ``tables()`` holds now, by name: one COUNT per table on
    the same public records, and nothing else read (the open data page shows them). Keep in
    step with ``tables()``; tests compare the two."""
    today = timezone.localdate()
    contributions = Contribution.objects.public()
    responses = ReasonedResponse.objects.public()
    return {
        "plans": ActionPlan.objects.public().count(),
        "commitments": Commitment.objects.public().count(),
        "milestones": Milestone.objects.public().count(),
        "progress_updates": ProgressUpdate.objects.public().count(),
        "contributions": contributions.count(),
        "responses": responses.count(),
        "response_contributions": ReasonedResponse.contributions.through.objects.filter(
            reasonedresponse__in=responses.values("pk"),
            contribution__in=contributions.values("pk")).count(),
        "meetings": Meeting.objects.public().count(),
        "documents": Document.objects.public().count(),
        "forum_seats": Seat.objects.filter(starts_on__lte=today).exclude(
            ends_on__lt=today).count(),
    }


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def build_zip(licence_code=None) -> bytes:
    licence_code = licence_code or getattr(settings, "OPEN_DATA_LICENCE", "CC-BY-4.0")
    title, path = LICENCES.get(licence_code, LICENCES["CC-BY-4.0"])
    buffer = io.BytesIO()
    resources, everything = [], {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tables():
            text = io.StringIO()
            # data.json keeps every text as it is; the CSV is for spreadsheets too.
            writer = spreadsheets.csv_writer(text, lineterminator="\n")
            writer.writerow([name for name, _, _ in table.fields])
            rows = [[_cell(v) for v in row] for row in table.rows]
            writer.writerows(rows)
            archive.writestr(f"{table.name}.csv", text.getvalue())
            everything[table.name] = [dict(zip([f[0] for f in table.fields], row, strict=True))
                                      for row in rows]
            resources.append({
                "name": table.name.replace("_", "-"), "path": f"{table.name}.csv",
                "description": table.description, "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": name, "type": kind, "description": text_}
                                      for name, kind, text_ in table.fields]},
            })
        archive.writestr("data.json", json.dumps(everything, ensure_ascii=False, indent=1))
        archive.writestr("datapackage.json", json.dumps({
            "name": "opengov-platform-open-data", "title": "OGP open government data",
            "description": f"{PACKAGE_DESCRIPTION} {CSV_TEXT_CELLS}",
            "created": timezone.now().isoformat(), "licenses": [
                {"name": licence_code, "title": title, "path": path}],
            "resources": resources}, ensure_ascii=False, indent=1))
        archive.writestr("LICENSE.txt", f"{title}\n{path}\n")
        archive.writestr("README.md", _readme(resources, title, path))
    return buffer.getvalue()


def commitments_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for table in tables():
        if table.name not in {"commitments", "milestones"}:
            continue
        sheet = book.create_sheet(table.name)
        sheet.append([name for name, _, _ in table.fields])
        for row in table.rows:
            spreadsheets.append_row(sheet, [v.isoformat() if isinstance(v, date) else v
                                            for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _readme(resources, licence_title, licence_path) -> str:
    """A plain description of every file and column, for people who do not read JSON."""
    lines = ["# Open government data", "", PACKAGE_DESCRIPTION, "", CSV_TEXT_CELLS, "",
             f"Licence: {licence_title} — {licence_path}", ""]
    for resource in resources:
        lines += [f"## {resource['path']}", "", resource["description"], "",
                  "| column | type | meaning |", "| --- | --- | --- |"]
        lines += [f"| {f['name']} | {f['type']} | {f['description']} |"
                  for f in resource["schema"]["fields"]]
        lines.append("")
    return "\n".join(lines)
