"""Import a member's history from OGP's public commitment data (CSV in OGP's column format).

Real data is messy: dates as "1/1/2018", "July 2019", "2011", Excel serials or "NA";
ND/NR/NA for missing values; durations that disagree with the years; commitment numbers
such as "2.2999999999999998". This importer keeps what it can, lists what it cannot use and
why, and is idempotent: plans and commitments are keyed on OGP's own identifiers.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils.text import slugify

from opengov.core.activity import authorise, record
from opengov.core.models import Activity
from opengov.members.models import Member, Organisation
from opengov.reports.models import CommitmentFinding, IRMProduct
from opengov.rules.calendar import DURATIONS

from .models import SHORT_DESCRIPTION_LIMIT, ActionPlan, Commitment, CommitmentStakeholder

MISSING = {"", "ND", "NR", "NA", "N/A", "None"}
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
COMPLETION = {"Not Started": "not_started", "Limited": "limited", "Substantial": "substantial",
              "Complete": "complete"}
SPECIFICITY = {"None": "none", "Low": "low", "Medium": "medium", "High": "high"}
POTENTIAL = {"Unclear": "unclear", "Modest": "modest", "Substantial": "substantial"}
EARLY = {"No notable results": "none", "Moderate": "moderate", "Significant": "significant"}
DIOG = {"Worsens": "worsens", "Did Not Change": "did_not_change", "Marginal": "marginal",
        "Major": "major", "Outstanding": "outstanding"}


@dataclass
class ImportReport:
    members: int = 0
    plans: int = 0
    commitments: int = 0
    skipped: list = field(default_factory=list)  # (identifier, reason)
    per_member: dict = field(default_factory=dict)


def value(row, column):
    text = (row.get(column) or "").strip()
    return "" if text in MISSING else text


YEARS = range(1990, 2101)  # OGP began in 2011; anything far outside is a typo, not a date


def whole(text):
    """``text`` as a whole number written in ASCII digits, or None ("²", "2.5", "")."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def parse_date(text, *, end=False):
    """A day from OGP's mixed formats, or None. "July 2019" is the 1st (or the last day)."""
    try:
        day = _parse_date(text, end=end)
    except (ValueError, OverflowError):
        return None
    return day if day is None or day.year in YEARS else None


def _parse_date(text, *, end=False):
    text = (text or "").strip()
    if text in MISSING:
        return None
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", text, re.ASCII):
        month, day, year = (int(g) for g in m.groups())
        year += 2000 if year < 100 else 0
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if m := re.fullmatch(r"([A-Za-z]+)\s+(\d{4})", text, re.ASCII):
        month = MONTHS.get(m.group(1).lower())
        if month:
            first = date(int(m.group(2)), month, 1)
            return (date(first.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
                    if end else first)
    if re.fullmatch(r"\d{4}", text, re.ASCII):
        return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    if re.fullmatch(r"4\d{4}", text, re.ASCII):  # a date left as an Excel serial number
        return date(1899, 12, 30) + timedelta(days=int(text))
    return None


def _plan_shape(rows):
    """(start year, duration, slot) of a plan, or a reason it cannot be a plan (C1)."""
    first = rows[0]
    start = whole(value(first, "Year Of Submission"))
    if start not in YEARS:
        return None, "no year of submission"
    stated = whole(value(first, "Action Plan Duration (Years)"))
    end_year = whole(value(first, "Action Plan End Year"))
    years = None
    if end_year is not None and end_year - start in DURATIONS:
        years = end_year - start  # the years themselves win over a stated duration
    elif stated in DURATIONS:
        years = stated
    if years is None:
        return None, f"duration {stated or '?'} years: a plan lasts 2 or 4 years (C1)"
    ends = [parse_date(value(r, "End Date"), end=True) for r in rows]
    months = [d.month for d in ends if d]
    slot = "june" if months and max(set(months), key=months.count) in (6, 7, 8) else "december"
    return (start, years, slot), ""


def _organisation(member, name, kind=Organisation.Kind.GOVERNMENT_AGENCY):
    name = name.strip()[:250]
    organisation = Organisation.objects.filter(member=member, name_en=name).first()
    return organisation or Organisation.objects.create(member=member, name_en=name, kind=kind)


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def import_commitments(rows, *, member_name=None, actor=None, on=None) -> ImportReport:
    """Create or update members, plans, commitments, institutions and IRM ratings.

    From the workspace, ``actor`` imports on the site's member ``on`` (the permission is
    asked about it, and the import is logged); from the command line, the platform does.
    """
    if actor is not None:
        authorise(actor, "plans.add_actionplan", on)
    report = ImportReport()
    plans = defaultdict(list)
    for row in rows:
        if member_name and value(row, "Country/Locality") != member_name:
            continue
        plans[value(row, "Action Plan ID")].append(row)
    for plan_id, plan_rows in sorted(plans.items()):
        if not plan_id:
            report.skipped += [(value(r, "Commitment Unique Identifier"), "no action plan ID")
                               for r in plan_rows]
            continue
        shape, reason = _plan_shape(plan_rows)
        if shape is None:
            report.skipped += [(value(r, "Commitment Unique Identifier"), reason)
                               for r in plan_rows]
            continue
        start, years, slot = shape
        country = value(plan_rows[0], "Country/Locality")
        member, created = Member.objects.get_or_create(
            slug=slugify(country)[:50] or "member",
            defaults={"name_en": country, "kind": Member.Kind.LOCAL
                      if "Local" in value(plan_rows[0], "National Or Local")
                      else Member.Kind.NATIONAL})
        report.members += created
        number_text = value(plan_rows[0], "Action Plan Number")
        number = whole(number_text) or 0
        existing = ActionPlan.all_objects.filter(member=member, ogp_id=plan_id).first()
        taken = ActionPlan.all_objects.filter(member=member, number=number).exclude(
            ogp_id=plan_id).exists()
        if taken or number == 0:
            number = 100 + (whole(re.sub(r"[^0-9]", "", plan_id)[:6]) or 0)
        plan = existing or ActionPlan(member=member, ogp_id=plan_id)
        plan.number, plan.slug = number, slugify(f"{member.slug}-{plan_id}")[:50]
        plan.title_en = f"{country} action plan {number_text or plan_id} ({start}–{start + years})"
        plan.start_year, plan.duration_years, plan.delivery_slot = start, years, slot
        plan.status, plan.is_public = ActionPlan.Status.COMPLETED, True
        plan.save()
        report.plans += existing is None
        product, _ = IRMProduct.objects.get_or_create(plan=plan, kind="results_report")
        for index, row in enumerate(plan_rows, start=1):
            _commitment(plan, product, index, row, report)
        report.per_member[country] = report.per_member.get(country, 0) + len(plan_rows)
    if actor is not None:
        record(actor=actor, kind=Activity.Kind.OGP_DATA_IMPORTED, target=on,
               summary=f"{report.members} members, {report.plans} plans, "
                       f"{report.commitments} commitments, {len(report.skipped)} rows skipped")
    return report


def _commitment(plan, product, index, row, report):
    identifier = value(row, "Commitment Unique Identifier")
    title = value(row, "Commitment Title") or value(row, "Short Title") or identifier
    short = value(row, "Short Title") or title
    if len(short) >= SHORT_DESCRIPTION_LIMIT:
        short = short[:SHORT_DESCRIPTION_LIMIT - 2] + "…"  # CM2: kept, shortened
    window_start = date(plan.start_year, 1, 1)
    start = parse_date(value(row, "Start Date")) or window_start
    end = parse_date(value(row, "End Date"), end=True) or plan.ends_on
    if end < start:
        start, end = window_start, plan.ends_on
    lead_name = value(row, "Lead Institution") or "Not stated in OGP data"
    commitment = Commitment.all_objects.filter(plan=plan, ogp_id=identifier).first()
    is_new = commitment is None
    commitment = commitment or Commitment(plan=plan, ogp_id=identifier)
    commitment.number = index
    commitment.slug = slugify(identifier)[:80] or f"c{index}"
    commitment.title_en = title[:1000]
    commitment.short_description_en = short
    commitment.problem_en = value(row, "Full Text")
    commitment.lead_agency = _organisation(plan.member, lead_name)
    commitment.period_start, commitment.period_end = start, end
    commitment.save()
    report.commitments += is_new
    for name in re.split(r"[;,\n]", value(row, "Supporting Institution(s)")):
        if len(name.strip()) > 2:
            organisation = _organisation(plan.member, name, Organisation.Kind.OTHER)
            CommitmentStakeholder.objects.get_or_create(
                commitment=commitment, organisation=organisation,
                defaults={"constituency": "other"})
    verifiable = value(row, "Verifiable")
    CommitmentFinding.objects.update_or_create(
        product=product, commitment=commitment, defaults={
            "specificity": SPECIFICITY.get(value(row, "Specificity"), ""),
            "verifiable": {"Yes": True, "No": False}.get(verifiable),
            "potential_for_results": POTENTIAL.get(value(row, "Potential for Results"), ""),
            "completion": COMPLETION.get(value(row, "Completion (End Of Term)")
                                         or value(row, "Completion (Progress Report)"), ""),
            "early_results": EARLY.get(value(row, "Early Results"), ""),
            "did_it_open_government": DIOG.get(value(row, "Did It Open Government (Overall)"),
                                               ""),
        })
