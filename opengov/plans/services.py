"""Writes on plans. Each is one atomic function called by the admin, commands and tests alike."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from opengov.cocreation.models import ReasonedResponse
from opengov.core import generated
from opengov.core.activity import authorise, record
from opengov.core.models import Activity
from opengov.core.translation import in_every_language as _translated
from opengov.follow.tasks import news_after_commit

from .models import ActionPlan, Commitment, PlanVersion

PLAN_TEXT = ("title", "introduction", "efforts_to_date", "development_process")
COMMITMENT_TEXT = (
    "title", "short_description", "problem", "causes", "done_so_far", "solution",
    "expected_results", "transparency", "accountability", "participation",
    "challenge_priority", "challenge_cocreation_note", "local_jurisdiction", "national_policy",
)
MILESTONE_TEXT = ("title", "expected_result")


def _name(organisation) -> dict[str, str] | None:
    """An organisation's (or member's) name in every language, with its acronym."""
    if organisation is None:
        return None
    acronym = getattr(organisation, "acronym", "")
    names = _translated(organisation, "name")
    return {lang: (f"{name} ({acronym})" if acronym else name) if name else str(organisation)
            for lang, name in names.items()}


def plan_snapshot(plan: ActionPlan) -> dict:
    """Everything the plan says, in every language, as plain JSON (frozen in a PlanVersion)."""
    commitments = plan.commitments.select_related("lead_agency").prefetch_related(
        "milestones__lead", "milestones__supporting", "stakeholders__organisation"
    ).order_by("number")
    return {
        "plan": {
            "member": _name(plan.member),
            "languages": list(plan.member.document_languages),
            "period": plan.period_label,
            "number": plan.number,
            "start_year": plan.start_year,
            "duration_years": plan.duration_years,
            "delivery_slot": plan.delivery_slot,
            "ends_on": plan.ends_on.isoformat(),
            **{field: _translated(plan, field) for field in PLAN_TEXT},
        },
        "commitments": [
            {
                "pk": c.pk,  # the record it was: a slug may change or be taken again
                "number": c.number,
                "slug": c.slug,
                "lead_agency": _name(c.lead_agency),
                "period": [c.period_start.isoformat(), c.period_end.isoformat()],
                "is_challenge": c.is_challenge,
                "is_local": c.is_local,
                "local_kind": c.local_kind,
                **{field: _translated(c, field) for field in COMMITMENT_TEXT},
                "stakeholders": [
                    {"organisation": _name(s.organisation), "constituency": s.constituency,
                     "role": _translated(s, "role"), "support_role": s.support_role}
                    for s in c.stakeholders.all()
                ],
                "milestones": [
                    {
                        "number": m.number,
                        "starts_on": m.starts_on.isoformat() if m.starts_on else None,
                        "due_on": m.due_on.isoformat() if m.due_on else None,
                        "lead": _name(m.lead),
                        "supporting": [_name(o) for o in m.supporting.all()],
                        **{field: _translated(m, field) for field in MILESTONE_TEXT},
                    }
                    for m in c.milestones.all()
                ],
            }
            for c in commitments
        ],
        "local_initiatives": [
            {"jurisdiction": _translated(i, "jurisdiction"), "title": _translated(i, "title"),
             "description": _translated(i, "description")}
            for i in plan.local_initiatives.order_by("title")
        ],
    }


def version_files(version):
    from .documents import version_files  # documents reads this module's field lists

    return version_files(version)


@transaction.atomic
def plan_submit(*, actor, plan: ActionPlan, delivered_on) -> PlanVersion:
    """Deliver a plan (C5) and freeze its original version forever (C7).

    The plan moves to implementation and becomes public. Submitting twice is refused: later
    changes are amendments or the refresh, each a new version.
    """
    caller_copy = plan
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    authorise(actor, "plans.change_actionplan", plan)
    if plan.versions.filter(kind=PlanVersion.Kind.ORIGINAL).exists():
        raise ValidationError(
            _("This plan was already submitted. Later changes are amendments (C7).")
        )
    if not plan.commitments.exists():
        raise ValidationError(_("A plan without commitments cannot be submitted (C6)."))
    plan.delivered_on = delivered_on
    plan.status = ActionPlan.Status.IMPLEMENTATION
    plan.is_public = True
    plan.save()
    caller_copy.refresh_from_db()  # so that a later save by the caller keeps these changes
    version = PlanVersion.objects.create(
        plan=plan,
        number=(plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1,
        kind=PlanVersion.Kind.ORIGINAL,
        delivered_on=delivered_on,
        snapshot=plan_snapshot(plan),
        created_by=actor,
    )
    generated.prepare(version_files(version))  # frozen: made once, ahead
    record(actor=actor, kind=Activity.Kind.PLAN_DELIVERED, target=plan,
           summary=str(version.get_kind_display()))
    news_after_commit()
    return version


@transaction.atomic
def plan_amend(*, actor, plan: ActionPlan, kind, delivered_on, change_notes: dict,
               today=None) -> PlanVersion:
    """Deliver an amended (C7) or refreshed (C8) plan: a new frozen version with its notes.

    ``change_notes`` maps language codes to the text that states every change; it is needed
    in English and in each administrative language. The rules engine gives the deadlines:
    an amendment is refused after one year past the original delivery deadline, a refresh
    after six months past the two-year mark, and a refresh is only for four-year plans.
    """
    if kind not in (PlanVersion.Kind.AMENDMENT, PlanVersion.Kind.REFRESH):
        raise ValidationError(_("A new version is an amendment or the refresh."))
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    authorise(actor, "plans.change_actionplan", plan)
    calendar = plan.rules_calendar
    if not plan.versions.filter(kind=PlanVersion.Kind.ORIGINAL).exists():
        raise ValidationError(_("Submit the plan first: amendments change a delivered plan."))
    if kind == PlanVersion.Kind.AMENDMENT and delivered_on > calendar.amendment_deadline:
        raise ValidationError(_(
            "Amendments are accepted until %(date)s, one year after the original delivery "
            "deadline (C7). This plan can no longer be amended.") % {
            "date": formats.date_format(calendar.amendment_deadline, "DATE_FORMAT")})
    if kind == PlanVersion.Kind.REFRESH:
        if calendar.refresh_deadline is None:
            raise ValidationError(_("Only four-year plans are refreshed (C8)."))
        if delivered_on > calendar.refresh_deadline:
            raise ValidationError(_(
                "The refreshed plan had to be delivered by %(date)s, six months after the "
                "two-year mark (C8).") % {
                "date": formats.date_format(calendar.refresh_deadline, "DATE_FORMAT")})
    missing = [lang for lang in plan.member.document_languages
               if not (change_notes.get(lang) or "").strip()]
    if missing:
        raise ValidationError(_(
            "State every change in each of the plan's languages (C7): missing in %(langs)s.")
            % {"langs": ", ".join(missing)})
    last = plan.versions.order_by("-number").first()
    version = PlanVersion.objects.create(
        plan=plan, number=last.number + 1, kind=kind, delivered_on=delivered_on,
        change_notes={lang: text.strip() for lang, text in change_notes.items() if text},
        snapshot=plan_snapshot(plan), created_by=actor,
    )
    generated.prepare(version_files(version))  # frozen: made once, ahead
    record(actor=actor, kind=Activity.Kind.PLAN_DELIVERED, target=plan,
           summary=str(version.get_kind_display()))
    news_after_commit()
    return version


@transaction.atomic
def plan_sections_save(*, actor, form, initiatives) -> ActionPlan:
    """AP1: save the plan's sections and its additional local initiatives (CM6) from their
    validated form and formset, together."""
    authorise(actor, "plans.change_actionplan", form.instance)
    plan = form.save()
    initiatives.instance = plan
    initiatives.save()
    changed = [*form.changed_data, *(["local_initiatives"] if initiatives.has_changed() else [])]
    record(actor=actor, kind=Activity.Kind.PLAN_SAVED, target=plan, summary=", ".join(changed))
    return plan


def _stored_assignment(commitment):
    return (Commitment.objects.filter(pk=commitment.pk)
            .values_list("number", "lead_agency_id").first())


@transaction.atomic
def commitment_save(*, actor, form, milestones, stakeholders, responses=()) -> Commitment:
    """CM1: save a commitment from its validated form, with its milestone and stakeholder
    formsets and the reasoned responses (CC8) it answers, all or nothing.

    A new commitment is asked about its plan (``plans.add_commitment``), an existing one
    about itself (``plans.change_commitment``). Setting the number or the lead agency needs
    ``plans.assign_commitment`` as well: the form disables both fields for others, and this
    refuses a change to them that reached here some other way. ``responses`` replaces the
    links to the plan's responses; links to other plans' responses are left as they are.
    """
    commitment, plan = form.instance, form.plan
    new = commitment.pk is None
    if new:
        authorise(actor, "plans.add_commitment", plan)
        # A new commitment is given its number and lead agency: that is assigning it.
        authorise(actor, "plans.assign_commitment", plan)
    else:
        authorise(actor, "plans.change_commitment", commitment)
        if (_stored_assignment(commitment) != (commitment.number, commitment.lead_agency_id)
                and actor is not None
                and not actor.has_perm("plans.assign_commitment", commitment)):
            raise PermissionDenied("plans.assign_commitment")
    wanted = {response.pk for response in responses}
    picked = set(ReasonedResponse.objects.filter(process__plan=plan, pk__in=wanted)
                 .values_list("pk", flat=True))
    if picked != wanted:
        raise ValidationError(_("Only the reasoned responses of this plan's co-creation can "
                                "be linked to its commitments."))
    commitment = form.save()
    milestones.instance = stakeholders.instance = commitment
    milestones.save()
    stakeholders.save()
    linked = set(commitment.responses.filter(process__plan=plan).values_list("pk", flat=True))
    if linked - picked:
        commitment.responses.remove(*(linked - picked))
    if picked - linked:
        commitment.responses.add(*(picked - linked))
    changed = ["new"] if new else list(form.changed_data)
    changed += [name for name, formset in (("milestones", milestones),
                                           ("stakeholders", stakeholders))
                if formset.has_changed()]
    record(actor=actor, kind=Activity.Kind.COMMITMENT_SAVED, target=commitment,
           summary=", ".join(dict.fromkeys(changed)))
    return commitment


@dataclass(frozen=True)
class VersionWindow:
    """Whether a kind of new version (amendment, refresh) may still be delivered today."""

    kind: str
    deadline: date
    is_open: bool
    message: str


def version_windows(plan: ActionPlan, today=None) -> list[VersionWindow]:
    """The new versions the rules engine's deadlines allow ``today`` (default: today), each
    with the sentence that says until when, or since when and why no longer (C7, C8).

    Pages offer only the open ones; the workspace refuses the others. A two-year plan has no
    refresh at all.
    """
    today = today or timezone.localdate()
    calendar = plan.rules_calendar

    def day(value):
        return formats.date_format(value, "DATE_FORMAT")

    amendment = calendar.amendment_deadline
    windows = [VersionWindow(
        "amendment", amendment, today <= amendment,
        _("Amendments are accepted until %(date)s (C7).") % {"date": day(amendment)}
        if today <= amendment else
        _("The amendment window closed on %(date)s, one year after the original delivery "
          "deadline (C7). This plan can no longer be amended.") % {"date": day(amendment)})]
    refresh = calendar.refresh_deadline
    if refresh is not None:
        windows.append(VersionWindow(
            "refresh", refresh, today <= refresh,
            _("The four-year refresh is due by %(date)s (C8).") % {"date": day(refresh)}
            if today <= refresh else
            _("The refresh window closed on %(date)s, six months after the two-year mark "
              "(C8).") % {"date": day(refresh)}))
    return windows
