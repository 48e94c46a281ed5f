"""R4: the tracking sheet of commitments with their latest status and evidence links."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from opengov.core import spreadsheets
from opengov.tracking.selectors import progress

from .selectors import public_documents


def rows(plan, absolute):
    """Header and one row per commitment; ``absolute`` turns a path into a full URL."""
    evidence = {}
    for document in public_documents(plan).filter(commitment__isnull=False).order_by("date"):
        evidence.setdefault(document.commitment_id, []).append(
            absolute(document.get_absolute_url()))
    header = [_("Number"), _("Commitment"), _("Lead agency"), _("Latest completion"),
              _("Timeliness"), _("Last update"), _("Next update due"), _("Overdue milestones"),
              _("Public page"), _("Evidence")]
    body = []
    for row in progress(plan.commitments.all()):
        c, latest = row.commitment, row.latest
        body.append([
            c.number, c.title, str(c.lead_agency),
            latest.get_completion_display() if latest else _("No update yet"),
            latest.get_timeliness_display() if latest else "",
            latest.reported_on.isoformat() if latest else "",
            row.due.due.isoformat() if row.due.due else "",
            len(row.overdue_milestones), absolute(c.get_absolute_url()),
            " ".join(evidence.get(c.pk, [])),
        ])
    return header, body


def as_csv(plan, absolute) -> str:
    header, body = rows(plan, absolute)
    out = io.StringIO()
    writer = spreadsheets.csv_writer(out)
    writer.writerow(header)
    writer.writerows(body)
    return out.getvalue()


def as_xlsx(plan, absolute) -> bytes:
    header, body = rows(plan, absolute)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Tracking sheet")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in body:
        spreadsheets.append_row(sheet, values)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJ", (8, 60, 30, 18, 14, 12, 14, 10, 50, 80),
                             strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
