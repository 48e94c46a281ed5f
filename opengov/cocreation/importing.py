"""Import contributions gathered elsewhere (workshops, surveys, e-mail) from CSV or XLSX.

All or nothing: every row is checked first; if any row is wrong, the report lists each
error with its row and column and nothing is saved.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core.activity import authorise, record
from opengov.core.models import Activity, ModerationState

from .models import Contribution, ModerationDecision, Theme
from .services import contribution_submit

MAX_ROWS = 20_000
COLUMNS = {  # accepted header names (lower case, French or English) -> field
    "text": {"text", "texte", "idea", "idée", "idee", "contribution"},
    "title": {"title", "titre"},
    "language": {"language", "langue"},
    "stakeholder_type": {"stakeholder_type", "stakeholder type", "type", "type d'acteur",
                         "acteur"},
    "submitted_on": {"submitted_on", "date", "submitted on", "reçue le", "recue le"},
    "author_name": {"author_name", "name", "nom", "author"},
    "author_organisation": {"author_organisation", "organisation", "organization"},
    "author_email": {"author_email", "email", "e-mail", "courriel"},
    "consent_to_publish": {"consent_to_publish", "consent", "publication", "accord"},
    "themes": {"themes", "thèmes", "theme", "thème"},
}
YES = {"yes", "y", "oui", "o", "true", "vrai", "1", "x", "sí", "si"}
NO = {"no", "n", "non", "false", "faux", "0", ""}


@dataclass
class Report:
    rows: int = 0
    errors: list = field(default_factory=list)  # (row, column, message)
    created: int = 0

    def add(self, row, column, message):
        self.errors.append((row, column, message))


MAX_CELL = 50_000  # characters: about twenty pages of text


def read_table(uploaded) -> list[dict]:
    """Rows of a CSV (UTF-8, comma or semicolon) or XLSX file, keyed by lower-case header."""
    name = (uploaded.name or "").lower()
    data = uploaded.read()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises many kinds  # noqa: BLE001
            raise ValidationError(_("This spreadsheet cannot be read (%(error)s).") % {
                "error": error.__class__.__name__}) from error
        rows = list(sheet.iter_rows(values_only=True))
    elif name.endswith(".csv") or name.endswith(".txt"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("Save the CSV file as UTF-8 and try again.")) from error
        header = text.splitlines()[0] if text.strip() else ""
        delimiter = max(",;\t", key=header.count)  # spreadsheets in French use ";"
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as error:  # a cell over the CSV module's limit, a broken quote
            raise ValidationError(_("This CSV file cannot be read (%(error)s).") % {
                "error": error}) from error
    else:
        raise ValidationError(_("Choose a CSV or XLSX file."))
    if not rows:
        raise ValidationError(_("The file is empty."))
    for number, row in enumerate(rows, start=1):
        if any(len(cell) > MAX_CELL for cell in row if isinstance(cell, str)):
            # Not left to the csv module's own limit: other libraries change it globally.
            raise ValidationError(_("Row %(row)s has a cell of more than %(limit)s characters: "
                                    "is it really one contribution?") % {
                "row": number, "limit": f"{MAX_CELL:,}".replace(",", " ")})
    if any("\x00" in cell for row in rows for cell in row if isinstance(cell, str)):
        # No database stores it, and no person typed it.
        raise ValidationError(_("The file contains a NUL character: it is not a table of "
                                "contributions."))
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]
            if any(cell not in (None, "") for cell in row)]


def _column(row, name):
    for header in COLUMNS[name]:
        if header in row and row[header] not in (None, ""):
            return row[header]
    return None


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise ValueError(text)


def check_rows(rows, *, process, default_language):
    """Clean values for each row, and the report of every problem found."""
    report = Report(rows=len(rows))
    types = {value: value for value in Contribution.StakeholderType.values}
    types.update({str(label).lower(): value
                  for value, label in Contribution.StakeholderType.choices})
    themes = {t.slug: t for t in Theme.objects.filter(member=process.plan.member)}
    for theme in list(themes.values()):  # a theme's name in any content language
        for lang in settings.MODELTRANSLATION_LANGUAGES:
            name = getattr(theme, f"name_{lang}", "")
            if name:
                themes[name.lower()] = theme
    if len(rows) > MAX_ROWS:
        report.add(0, "", _("At most %(max)s rows per file.") % {"max": MAX_ROWS})
        return [], report
    if rows and not any(h in rows[0] for h in COLUMNS["text"]):
        report.add(1, "text", _("No column holds the contributions' text (\"text\" or "
                                "\"texte\")."))
        return [], report
    cleaned = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        values = {"text": str(_column(row, "text") or "").strip()}
        if len(values["text"]) < 3:
            report.add(number, "text", _("The text is empty."))
        values["title"] = str(_column(row, "title") or "")[:200]
        values["language"] = str(_column(row, "language") or default_language).strip().lower()
        stype = str(_column(row, "stakeholder_type") or "other").strip().lower()
        if stype not in types:
            report.add(number, "stakeholder_type", _("Unknown stakeholder type: %(value)s.") % {
                "value": stype})
        values["stakeholder_type"] = types.get(stype)
        submitted = _column(row, "submitted_on")
        try:
            values["submitted_on"] = _date(submitted) if submitted else timezone.localdate()
            if values["submitted_on"] > timezone.localdate():
                report.add(number, "submitted_on", _("The date is in the future."))
        except ValueError:
            report.add(number, "submitted_on", _("Unreadable date: %(value)s (use "
                                                 "YYYY-MM-DD or DD/MM/YYYY).") % {
                "value": submitted})
        for name in ("author_name", "author_organisation"):
            values[name] = str(_column(row, name) or "").strip()[:200]
        email = str(_column(row, "author_email") or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                report.add(number, "author_email", _("Invalid e-mail address: %(value)s.") % {
                    "value": email})
        values["author_email"] = email
        consent = str(_column(row, "consent_to_publish") or "").strip().lower()
        if consent not in YES | NO:
            report.add(number, "consent_to_publish", _("Answer yes or no: %(value)s.") % {
                "value": consent})
        values["consent_to_publish"] = consent in YES
        values["themes"] = []
        for name in str(_column(row, "themes") or "").split(";"):
            name = name.strip().lower()
            if not name:
                continue
            if name not in themes:
                report.add(number, "themes", _("Unknown theme: %(value)s.") % {"value": name})
            else:
                values["themes"].append(themes[name])
        cleaned.append(values)
    return cleaned, report


def import_contributions(*, actor, process, mechanism, uploaded) -> Report:
    """Check every row, then create them all in one transaction, or none."""
    authorise(actor, "cocreation.add_contribution", process)
    rows = read_table(uploaded)
    language = (process.plan.member.administrative_languages or ["en"])[0]
    cleaned, report = check_rows(rows, process=process, default_language=language)
    if report.errors:
        return report
    with transaction.atomic():
        for values in cleaned:
            state = (ModerationState.PUBLISHED if values["consent_to_publish"]
                     else ModerationState.PRIVATE)
            reason = _("Imported by staff from %(file)s") % {"file": uploaded.name}
            contribution = contribution_submit(
                process=process, mechanism=mechanism, text=values["text"],
                title=values["title"], language=values["language"],
                stakeholder_type=values["stakeholder_type"],
                consent_to_publish=values["consent_to_publish"],
                author_name=values["author_name"],
                author_organisation=values["author_organisation"],
                author_email=values["author_email"], themes=values["themes"],
                submitted_at=timezone.make_aware(datetime.combine(values["submitted_on"],
                                                                  datetime.min.time())),
                moderation_state=state, reason=reason,
            )
            ModerationDecision.objects.create(
                contribution=contribution, previous_state=ModerationState.PENDING, state=state,
                reason=reason, decided_by=actor)
            report.created += 1
        record(actor=actor, kind=Activity.Kind.CONTRIBUTIONS_IMPORTED, target=process,
               summary=_("%(count)s from %(file)s") % {"count": report.created,
                                                       "file": uploaded.name})
    return report
