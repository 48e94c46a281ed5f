"""Import a member's history from OGP's public commitment data (CSV in OGP's column format).

Real data is messy: dates as "1/1/2018", "July 2019", "2011", Excel serials or "NA";
ND/NR/NA for missing values; durations that disagree with the years; commitment numbers
such as "2.2999999999999998". This importer keeps what it can, lists what it cannot use and
why, and is idempotent: plans and commitments are keyed on OGP's own identifiers.

It reads each table once and writes in bulk, and it writes a record it finds again only
where the file changes it: the number of queries does not grow with the rows (beyond insert
batches), and importing the same file again writes nothing.
"""

import csv
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modeltranslation.fields import TranslationField
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from opengov.core.activity import authorise, record
from opengov.core.models import Activity
from opengov.members.models import Member, Organisation
from opengov.reports.models import CommitmentFinding, IRMProduct
from opengov.rules import calendar
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
# save() undeletes a soft-deleted record: the import finds deleted plans and commitments
# again and brings them back, as it did when it saved each one.
UNDELETED = {"deleted_at": None, "deleted_by_cascade": False}


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
    grouped = defaultdict(list)
    for row in rows:
        if member_name and value(row, "Country/Locality") != member_name:
            continue
        grouped[value(row, "Action Plan ID")].append(row)
    wanted = []  # (plan ID, its rows, its shape) of the plans that can be imported
    for plan_id, plan_rows in sorted(grouped.items()):
        shape, reason = _plan_shape(plan_rows) if plan_id else (None, "no action plan ID")
        if shape is None:
            report.skipped += [(value(r, "Commitment Unique Identifier"), reason)
                               for r in plan_rows]
            continue
        wanted.append((plan_id, plan_rows, shape))
        country = value(plan_rows[0], "Country/Locality")
        report.per_member[country] = report.per_member.get(country, 0) + len(plan_rows)
    members = _members(wanted, report)
    plans = _plans(wanted, members, report)
    organisations = _organisations(plans)
    commitments = _commitments(plans, organisations, report)
    _stakeholders(commitments, organisations)
    _findings(commitments, _products(plans))
    if actor is not None:
        record(actor=actor, kind=Activity.Kind.OGP_DATA_IMPORTED, target=on,
               summary=f"{report.members} members, {report.plans} plans, "
                       f"{report.commitments} commitments, {len(report.skipped)} rows skipped")
    return report


def _member_slug(country):
    return slugify(country)[:50] or "member"


def _name(text):
    """An institution's name as stored (and looked up)."""
    return text.strip()[:250]


def _lead(row):
    return _name(value(row, "Lead Institution") or "Not stated in OGP data")


def _supporting(row):
    return [_name(name) for name in re.split(r"[;,\n]", value(row, "Supporting Institution(s)"))
            if len(name.strip()) > 2]


def _members(wanted, report):
    """slug -> member, for every plan's country; the missing ones are created."""
    first = {}  # slug -> a new member as the first plan of its country describes it
    for _plan_id, plan_rows, _shape in wanted:
        country = value(plan_rows[0], "Country/Locality")
        kind = (Member.Kind.LOCAL if "Local" in value(plan_rows[0], "National Or Local")
                else Member.Kind.NATIONAL)
        first.setdefault(_member_slug(country),
                         _new(Member, slug=_member_slug(country), name_en=country, kind=kind))
    members = {member.slug: member for member in Member.objects.filter(slug__in=list(first))}
    new = [member for slug, member in first.items() if slug not in members]
    _create(Member, new)
    report.members = len(new)
    return members | {member.slug: member for member in new}


def _plans(wanted, members, report):
    """[(plan, its rows)]: each plan found again by OGP's identifier, or created."""
    known = defaultdict(list)  # member pk -> its plans, deleted ones too (numbers are unique)
    for plan in ActionPlan.all_objects.filter(member__in=list(members.values())):
        known[plan.member_id].append(plan)
    plans, new, changed, fields = [], [], {}, set()
    for plan_id, plan_rows, (start, years, slot) in wanted:
        country = value(plan_rows[0], "Country/Locality")
        member = members[_member_slug(country)]
        others = known[member.pk]
        number_text = value(plan_rows[0], "Action Plan Number")
        number = whole(number_text) or 0
        if number == 0 or any(p.number == number and p.ogp_id != plan_id for p in others):
            number = 100 + (whole(re.sub(r"[^0-9]", "", plan_id)[:6]) or 0)
        plan = next((p for p in others if p.ogp_id == plan_id), None)
        if plan is None:
            plan = _new(ActionPlan, member=member, ogp_id=plan_id)
            others.append(plan)
            new.append(plan)
        changes = _apply(plan, {
            "number": number, "slug": slugify(f"{member.slug}-{plan_id}")[:50],
            "title_en": f"{country} action plan {number_text or plan_id} "
                        f"({start}–{start + years})",
            "start_year": start, "duration_years": years, "delivery_slot": slot,
            # What ActionPlan.save() computes (C2): bulk writes do not call save().
            "ends_on": calendar.plan_end(slot, start, years),
            "status": ActionPlan.Status.COMPLETED, "is_public": True,
            **UNDELETED})
        if changes and plan.pk is not None:
            changed[plan.pk] = plan
            fields.update(changes)
        plans.append((plan, plan_rows))
    _create(ActionPlan, new)
    _update(ActionPlan, changed.values(), fields)
    report.plans = len(new)
    return plans


def _organisations(plans):
    """(member pk, name) -> organisation, for every institution the rows name; the missing
    ones are created, of the kind of their first mention."""
    found = {}
    members = {plan.member_id for plan, _rows in plans}
    for organisation in Organisation.objects.filter(member__in=members).order_by("pk"):
        found.setdefault((organisation.member_id, organisation.name_en), organisation)
    new = []
    for plan, plan_rows in plans:
        for row in plan_rows:
            named = [(_lead(row), Organisation.Kind.GOVERNMENT_AGENCY),
                     *((name, Organisation.Kind.OTHER) for name in _supporting(row))]
            for name, kind in named:
                if (plan.member_id, name) not in found:
                    found[plan.member_id, name] = _new(
                        Organisation, member_id=plan.member_id, name_en=name, kind=kind)
                    new.append(found[plan.member_id, name])
    _create(Organisation, new)
    return found


def _products(plans):
    """plan pk -> its IRM results report, created where missing."""
    products = {}
    for product in IRMProduct.objects.filter(plan__in=[plan for plan, _rows in plans],
                                             kind="results_report").order_by("pk"):
        products.setdefault(product.plan_id, product)
    new = [_new(IRMProduct, plan=plan, kind="results_report")
           for plan, _rows in plans if plan.pk not in products]
    _create(IRMProduct, new)
    return products | {product.plan_id: product for product in new}


def _commitments(plans, organisations, report):
    """[(plan, commitment, row)]: each commitment found again by OGP's identifier (within
    its plan), or created."""
    known = {}
    for commitment in Commitment.all_objects.filter(
            plan__in=[plan for plan, _rows in plans]).order_by("plan", "number"):
        known.setdefault((commitment.plan_id, commitment.ogp_id), commitment)
    commitments, new, changed, fields = [], [], {}, set()
    for plan, plan_rows in plans:
        window_start = date(plan.start_year, 1, 1)
        for index, row in enumerate(plan_rows, start=1):
            identifier = value(row, "Commitment Unique Identifier")
            title = value(row, "Commitment Title") or value(row, "Short Title") or identifier
            short = value(row, "Short Title") or title
            if len(short) >= SHORT_DESCRIPTION_LIMIT:
                short = short[:SHORT_DESCRIPTION_LIMIT - 2] + "…"  # CM2: kept, shortened
            start = parse_date(value(row, "Start Date")) or window_start
            end = parse_date(value(row, "End Date"), end=True) or plan.ends_on
            if end < start:
                start, end = window_start, plan.ends_on
            commitment = known.get((plan.pk, identifier))
            if commitment is None:
                commitment = known[plan.pk, identifier] = _new(
                    Commitment, plan=plan, ogp_id=identifier)
                new.append(commitment)
            changes = _apply(commitment, {
                "number": index, "slug": slugify(identifier)[:80] or f"c{index}",
                "title_en": title[:1000], "short_description_en": short,
                "problem_en": value(row, "Full Text"),
                "lead_agency_id": organisations[plan.member_id, _lead(row)].pk,
                "period_start": start, "period_end": end, **UNDELETED})
            if changes and commitment.pk is not None:
                changed[commitment.pk] = commitment
                fields.update(changes)
            commitments.append((plan, commitment, row))
    for commitment in changed.values():  # CM5, as Commitment.save() checks it
        if commitment.is_challenge and (errors := commitment.challenge_errors()):
            raise ValidationError(errors)
    _create(Commitment, new)
    _update(Commitment, changed.values(), fields)
    report.commitments = len(new)
    return commitments


def _stakeholders(commitments, organisations):
    """Link each commitment to the supporting institutions its row names, where missing."""
    linked = set(CommitmentStakeholder.objects.filter(
        commitment__plan__in={plan.pk for plan, _c, _row in commitments}).values_list(
        "commitment_id", "organisation_id"))
    new = []
    for plan, commitment, row in commitments:
        for name in _supporting(row):
            organisation = organisations[plan.member_id, name]
            if (commitment.pk, organisation.pk) not in linked:
                linked.add((commitment.pk, organisation.pk))
                new.append(_new(CommitmentStakeholder, commitment=commitment,
                                organisation=organisation, constituency="other"))
    _create(CommitmentStakeholder, new)


def _findings(commitments, products):
    """The IRM's ratings of each commitment, in its plan's results report."""
    found = {}
    for finding in CommitmentFinding.objects.filter(
            product__in=list(products.values())).order_by("pk"):
        found.setdefault((finding.product_id, finding.commitment_id), finding)
    new, changed, fields = [], {}, set()
    for plan, commitment, row in commitments:
        product = products[plan.pk]
        finding = found.get((product.pk, commitment.pk))
        if finding is None:
            finding = found[product.pk, commitment.pk] = _new(
                CommitmentFinding, product=product, commitment=commitment)
            new.append(finding)
        changes = _apply(finding, {
            "specificity": SPECIFICITY.get(value(row, "Specificity"), ""),
            "verifiable": {"Yes": True, "No": False}.get(value(row, "Verifiable")),
            "potential_for_results": POTENTIAL.get(value(row, "Potential for Results"), ""),
            "completion": COMPLETION.get(value(row, "Completion (End Of Term)")
                                         or value(row, "Completion (Progress Report)"), ""),
            "early_results": EARLY.get(value(row, "Early Results"), ""),
            "did_it_open_government": DIOG.get(value(row, "Did It Open Government (Overall)"),
                                               "")})
        if changes and finding.pk is not None:
            changed[finding.pk] = finding
            fields.update(changes)
    _create(CommitmentFinding, new)
    _update(CommitmentFinding, changed.values(), fields)


def _new(model, **values):
    """A new ``model`` record. The defaults of its translation fields are given, worked out
    once: modeltranslation otherwise works each out again for every record, under its own
    language, which is a good part of the cost of thousands of new records."""
    return model(**{**_translation_defaults(model), **values})


@functools.cache
def _translation_defaults(model):
    return {field.attname: field.get_default() for field in model._meta.concrete_fields
            if isinstance(field, TranslationField)}


def _apply(obj, values):
    """Set ``values`` on ``obj``: the names of those that differed."""
    changes = [name for name, new in values.items() if getattr(obj, name) != new]
    for name in changes:
        setattr(obj, name, values[name])
    return changes


def _create(model, objs):
    """Insert ``objs`` in bulk, with their history records."""
    if objs:
        bulk_create_with_history(objs, model)
        _announce(model, objs, created=True)


def _update(model, objs, fields):
    """Write ``fields`` of ``objs`` in bulk, with their history records."""
    objs = list(objs)
    if not objs:
        return
    now = timezone.now()
    for obj in objs:
        obj.updated_at = now  # auto_now, as save() would set it
    # Through the manager save() uses: it reaches soft-deleted rows too (UNDELETED).
    bulk_update_with_history(objs, model, sorted({*fields, "updated_at"}),
                             manager=model._base_manager)
    _announce(model, objs, created=False)


def _announce(model, objs, *, created):
    """Send the post_save that save() would have sent, so that what listens (the search
    index, the content version of cached pages) hears of bulk writes too. The history is
    written already: simple_history is told to skip."""
    for obj in objs:
        obj.skip_history_when_saving = True
        post_save.send(sender=model, instance=obj, created=created, update_fields=None,
                       raw=False, using=obj._state.db)
        del obj.skip_history_when_saving
