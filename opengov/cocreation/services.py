"""Writes on co-creation: one atomic function per action, called by views, admin and imports.

Nothing here deletes a contribution: moderation changes its state and records who decided
and why (ModerationDecision).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from opengov.core import content
from opengov.core.activity import authorise, record
from opengov.core.forms import AutomaticFlag
from opengov.core.models import Activity, ModerationState
from opengov.core.tasks import after_commit, email_after_commit
from opengov.follow.tasks import news_after_commit

from . import drafts
from .models import (
    CoCreationProcess,
    Contribution,
    ContributionGroup,
    InputMechanism,
    ModerationDecision,
    ProblemReport,
    ReasonedResponse,
)

REASON_REQUIRED = {ModerationState.SPAM, ModerationState.ABUSE, ModerationState.PRIVATE}


@transaction.atomic
def contribution_submit(*, process, text, language, stakeholder_type, consent_to_publish,
                        mechanism=None, title="", author_name="", author_organisation="",
                        author_email="", themes=(), submitted_at=None,
                        moderation_state=ModerationState.PENDING, reason="",
                        site_url="", commitment=None, draft_part="") -> Contribution:
    """Record an input. From the public form it waits for moderation; a receipt is e-mailed
    to its author when an address is given. A comment on the draft plan names the
    commitment and the part of its template it is about (``drafts``)."""
    if (commitment is not None or draft_part) and (
            mechanism is None or mechanism.kind != InputMechanism.Kind.DRAFT_COMMENT):
        raise ValidationError(_("Only a comment on the draft plan is about one commitment."))
    if commitment is not None and commitment.plan_id != process.plan_id:
        raise ValidationError(_("This commitment is not in the plan commented on."))
    contribution = Contribution.objects.create(
        commitment=commitment, draft_part=draft_part,
        process=process, mechanism=mechanism, text=text.strip(), title=title.strip(),
        language=language, stakeholder_type=stakeholder_type,
        consent_to_publish=consent_to_publish, author_name=author_name.strip(),
        author_organisation=author_organisation.strip(), author_email=author_email.strip(),
        submitted_at=submitted_at or timezone.now(), moderation_state=moderation_state,
        moderation_reason=reason,
    )
    if themes:
        contribution.themes.set(themes)
    if author_email and moderation_state == ModerationState.PENDING:
        _send_receipt(contribution, site_url)
    return contribution


def receipt_url(contribution, site_url=""):
    with translation.override(contribution.language):
        path = reverse("cocreation:receipt", args=[contribution.reference])
    return site_url.rstrip("/") + path


RECEIPT_INTERVAL_SECONDS = 3600


def _send_receipt(contribution, site_url):
    """E-mail a receipt, at most one an hour to the same address: anyone can type anyone's
    address into the public form, and the platform must not be used to flood it."""
    address = contribution.author_email.strip().lower()
    key = "receipt-sent:" + hashlib.sha256(address.encode()).hexdigest()  # never the address
    if not cache.add(key, 1, timeout=RECEIPT_INTERVAL_SECONDS):
        return
    with translation.override(contribution.language):
        email_after_commit(
            _("Your contribution %(reference)s has been received") % {
                "reference": contribution.reference},
            _("Thank you for your contribution to %(process)s.\n\nIts reference is "
              "%(reference)s. You can follow it here: %(url)s\n\nWe will write to you when "
              "the forum has answered it.") % {
                "process": contribution.process.title, "reference": contribution.reference,
                "url": receipt_url(contribution, site_url)},
            [contribution.author_email],
        )


@transaction.atomic
def contribution_moderate(*, actor, contribution, state, reason="") -> ModerationDecision | None:
    """Change a contribution's moderation state, recording who decided and why.

    A contribution whose author did not agree to publication can never be published, and
    moderation never touches what the author wrote.
    """
    contribution = Contribution.all_objects.select_for_update().get(pk=contribution.pk)
    authorise(actor, "cocreation.moderate_contribution", contribution)
    if ModerationState(state) == ModerationState.PUBLISHED and not contribution.consent_to_publish:
        raise ValidationError(_("This author did not agree to publication: it stays private."))
    return moderate(actor=actor, item=contribution, state=state, reason=reason,
                    kind=Activity.Kind.CONTRIBUTION_MODERATED)


def moderate(*, actor, item, state, reason, kind) -> ModerationDecision | None:
    """The decision itself, for a contribution or a public comment (the caller has checked
    the permission and holds the row lock)."""
    state = ModerationState(state)
    if state in REASON_REQUIRED and not reason.strip():
        raise ValidationError(_("Say why this is kept out of public view."))
    target = {item._meta.model_name: item}
    open_reports = ProblemReport.objects.filter(decision__isnull=True, **target)
    # Confirming the state of a reported item is a decision too: it closes the reports.
    if state == item.moderation_state and not open_reports.exists():
        return None
    decision = ModerationDecision.objects.create(
        previous_state=item.moderation_state, state=state,
        reason=reason.strip() or _("Published after review."), decided_by=actor, **target,
    )
    open_reports.update(decision=decision)
    item.moderation_state = state
    item.moderation_reason = decision.reason
    item.save(update_fields=["moderation_state", "moderation_reason", "updated_at"])
    record(actor=actor, kind=kind, target=item,
           summary=f"{decision.previous_state} → {decision.state}: {decision.reason}")
    return decision


@transaction.atomic
def problem_report(*, item, reason, note="", reporter) -> ProblemReport | None:
    """Record a visitor's report on a published contribution or comment (no account).

    Reports from ``settings.REPORTS_TO_HIDE`` different visitors hide the item until a
    moderator decides: it goes back to "awaiting moderation", by a decision that names no
    person. Nothing is deleted. A visitor who already has an open report on the item adds
    nothing (None).
    """
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.moderation_state != ModerationState.PUBLISHED:
        raise ValidationError(_("This is not published: there is nothing to report."))
    target = {item._meta.model_name: item}
    reports = ProblemReport.objects.filter(**target)
    open_reports = reports.filter(decision__isnull=True)
    # Once a moderator kept it published, the visitors whose reports that closed are heard.
    overruled = reports.filter(reporter=reporter, decision__state=ModerationState.PUBLISHED)
    if open_reports.filter(reporter=reporter).exists() or overruled.exists():
        return None
    report = ProblemReport.objects.create(reason=ProblemReport.Reason(reason),
                                          note=note.strip()[:1000], reporter=reporter,
                                          **target)
    visitors = open_reports.count()
    if visitors >= settings.REPORTS_TO_HIDE and _may_hide_automatically():
        decision = ModerationDecision.objects.create(
            previous_state=item.moderation_state, state=ModerationState.PENDING,
            reason=AutomaticFlag.REPORTED, decided_by=None, **target)
        item.moderation_state = ModerationState.PENDING
        item.moderation_reason = decision.reason
        item.save(update_fields=["moderation_state", "moderation_reason", "updated_at"])
        content.bump()  # saves of pending input do not count as public changes by themselves
        record(actor=None, kind=Activity.Kind.HIDDEN_AFTER_REPORTS, target=item,
               summary=f"{decision.previous_state} → {decision.state}: {visitors}")
    return report


HIDES_PER_HOUR = 10


def _may_hide_automatically() -> bool:
    """Reports hide at most ``HIDES_PER_HOUR`` texts an hour in all: a flood of reports
    (many connections, one person) leaves texts up and reported first on the desk."""
    return ModerationDecision.objects.filter(
        decided_by__isnull=True, state=ModerationState.PENDING,
        decided_at__gte=timezone.now() - timedelta(hours=1)).count() < HIDES_PER_HOUR


RESPONSE_FIELDS = ("summary", "consideration", "influence", "reasons", "beyond_plan")


@transaction.atomic
def contributions_respond(*, actor, process, contributions, decision, texts, commitments=(),
                          publish=False, site_url="") -> ReasonedResponse:
    """Answer one contribution or a group of them with the five elements of CC8.

    ``texts`` maps each element, or its translated column (``summary_fr``...), to its text;
    each of the first four elements needs a text in at least one language.
    """
    contributions = list(contributions)
    if not contributions:
        raise ValidationError(_("Choose at least one contribution to answer."))
    authorise(actor, "cocreation.add_reasonedresponse", process)
    if any(c.process_id != process.pk for c in contributions):
        raise ValidationError(_("All contributions answered together belong to one process."))
    texts = {field: (text or "").strip() for field, text in texts.items()
             if _root(field) is not None}
    missing = [f for f in RESPONSE_FIELDS[:4]
               if not any(text for field, text in texts.items() if _root(field) == f)]
    if missing:
        raise ValidationError(_("A reasoned response covers the comments received, how they "
                                "were considered, their influence and the reasons (CC8)."))
    commitments = list(commitments)
    if any(c.plan_id != process.plan_id for c in commitments):
        raise ValidationError(_("A response links only to commitments of its own plan."))
    response = ReasonedResponse.objects.create(process=process, decision=decision, **texts)
    response.contributions.set(contributions)
    response.commitments.set(commitments)
    record(actor=actor, kind=Activity.Kind.RESPONSE_WRITTEN, target=response,
           summary=", ".join(c.reference for c in contributions)[:500])
    if publish:
        response_publish(actor=actor, response=response, site_url=site_url)
    return response


def _root(field):
    """``summary_fr`` → ``summary``; ``beyond_plan_es`` → ``beyond_plan``."""
    for root in RESPONSE_FIELDS:
        if field == root or field.startswith(root + "_"):
            return root
    return None


@transaction.atomic
def response_publish(*, actor, response, published_on=None, site_url=""):
    """Publish a response (CC9) and tell each contributor with an e-mail address, once."""
    authorise(actor, "cocreation.change_reasonedresponse", response)
    response.published_on = published_on or timezone.localdate()
    response.save(update_fields=["published_on", "updated_at"])
    for contribution in response.contributions.filter(answer_notified_at__isnull=True) \
            .exclude(author_email=""):
        _send_answer_notice(contribution, site_url)
    response.contributions.filter(answer_notified_at__isnull=True).exclude(
        author_email="").update(answer_notified_at=timezone.now())
    record(actor=actor, kind=Activity.Kind.RESPONSE_PUBLISHED, target=response)
    return response


def _send_answer_notice(contribution, site_url):
    with translation.override(contribution.language):
        email_after_commit(
            _("The forum has answered your contribution %(reference)s") % {
                "reference": contribution.reference},
            _("The forum has published its reasoned response to your contribution "
              "%(reference)s. Read it here: %(url)s") % {
                "reference": contribution.reference,
                "url": receipt_url(contribution, site_url)},
            [contribution.author_email],
        )


# -- grouping (CC6, CC7) ----------------------------------------------------------------------
# A group is only a way to read and answer inputs together: no function here changes what a
# contribution says, and a group that goes away is hidden (soft-deleted), not lost.

def groups_suggest_later(*, actor, process) -> None:
    """Ask for fresh suggestions, computed by a background task (a large consultation takes
    tens of seconds); the desk shows that they are being computed meanwhile."""
    from .tasks import suggest_groups

    authorise(actor, "cocreation.add_contributiongroup", process)
    with transaction.atomic():
        now = timezone.now()
        CoCreationProcess.objects.filter(pk=process.pk).update(grouping_asked_at=now)
        process.grouping_asked_at = now
        after_commit(suggest_groups, process.pk, getattr(actor, "pk", None))


@transaction.atomic
def groups_suggest(*, actor, process, groups=None) -> list:
    """Replace the process's pending suggestions with fresh ones; accepted and ignored groups
    stay as staff left them."""
    from .grouping import suggest_groups

    authorise(actor, "cocreation.add_contributiongroup", process)
    ContributionGroup.objects.filter(process=process,
                                     status=ContributionGroup.Status.SUGGESTED).delete()
    inputs = Contribution.objects.filter(process=process).exclude(
        moderation_state__in=[ModerationState.SPAM, ModerationState.ABUSE])
    texts = dict(inputs.values_list("pk", "text"))
    result = suggest_groups(list(texts.items()), groups=groups)
    created = []
    for suggestion in result.groups:
        group = ContributionGroup.objects.create(
            process=process, name=_capitalise(suggestion.label), keywords=", ".join(
                suggestion.keywords))
        group.contributions.set(suggestion.members)
        created.append(group)
    for members in _connected(result.duplicates):
        group = ContributionGroup.objects.create(
            process=process, kind=ContributionGroup.Kind.DUPLICATE,
            # Named by the text itself: the badge of its kind says "near-duplicates" in the
            # reader's own language.
            name=Truncator(texts[min(members)]).words(8))
        group.contributions.set(members)
        created.append(group)
    record(actor=actor, kind=Activity.Kind.GROUPS_SUGGESTED, target=process,
           summary=str(len(created)))
    return created


def _capitalise(label):
    return label[:1].upper() + label[1:]


def _connected(pairs):
    """Sets of ids linked by duplicate pairs (connected components)."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _similarity in pairs:
        parent[find(a)] = find(b)
    components = {}
    for x in list(parent):
        components.setdefault(find(x), set()).add(x)
    return [sorted(c) for c in components.values() if len(c) > 1]


def _group_changed(actor, group, summary):
    record(actor=actor, kind=Activity.Kind.GROUP_CHANGED, target=group, summary=summary)


@transaction.atomic
def group_set_status(*, actor, group, status) -> ContributionGroup:
    """Accept a suggestion (it becomes a group staff answer together) or ignore it."""
    authorise(actor, "cocreation.change_contributiongroup", group)
    group.status = ContributionGroup.Status(status)
    group.save(update_fields=["status", "updated_at"])
    _group_changed(actor, group, group.get_status_display())
    return group


@transaction.atomic
def group_rename(*, actor, group, name) -> ContributionGroup:
    authorise(actor, "cocreation.change_contributiongroup", group)
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the group a name."))
    previous, group.name = group.name, name[:200]
    group.save(update_fields=["name", "updated_at"])
    _group_changed(actor, group, f"{previous} → {group.name}")
    return group


@transaction.atomic
def groups_merge(*, actor, groups, name=""):
    """Merge groups into the first one; the others are hidden (soft-deleted), not lost."""
    groups = list(groups)
    if len(groups) < 2:
        raise ValidationError(_("Choose at least two groups to merge."))
    if len({g.process_id for g in groups}) != 1:
        raise ValidationError(_("Only groups of the same process can be merged."))
    for group in groups:
        authorise(actor, "cocreation.change_contributiongroup", group)
    target, others = groups[0], groups[1:]
    for other in others:
        target.contributions.add(*other.contributions.all())
        other.delete()
    target.status = target.Status.ACCEPTED
    if name.strip():
        target.name = name.strip()[:200]
    target.save()
    _group_changed(actor, target, ", ".join(o.name for o in others)[:500])
    return target


@transaction.atomic
def group_split(*, actor, group, contributions, name) -> ContributionGroup:
    """Take some members out of ``group`` into a new accepted group of the same process."""
    authorise(actor, "cocreation.change_contributiongroup", group)
    chosen = list(group.contributions.filter(pk__in=[c.pk for c in contributions]))
    if not chosen or len(chosen) == group.contributions.count():
        raise ValidationError(_("Choose some of the group's contributions, not none or all."))
    if not name.strip():
        raise ValidationError(_("Give the new group a name."))
    new = ContributionGroup.objects.create(process=group.process, name=name.strip()[:200],
                                           status=ContributionGroup.Status.ACCEPTED)
    new.contributions.set(chosen)
    group.contributions.remove(*chosen)
    _group_changed(actor, group, _("%(count)s moved to %(name)s") % {
        "count": len(chosen), "name": new.name})
    return new


@transaction.atomic
def group_move(*, actor, contribution, source, target) -> None:
    """Move one contribution from ``source`` to ``target`` (same process)."""
    authorise(actor, "cocreation.change_contributiongroup", source)
    authorise(actor, "cocreation.change_contributiongroup", target)
    if source.process_id != target.process_id or contribution.process_id != source.process_id:
        raise ValidationError(_("Contributions move only between groups of their own process."))
    if not source.contributions.filter(pk=contribution.pk).exists():
        raise ValidationError(_("This contribution is not in that group."))
    source.contributions.remove(contribution)
    target.contributions.add(contribution)
    _group_changed(actor, target, _("%(reference)s moved from %(name)s") % {
        "reference": contribution.reference, "name": source.name})


# -- the process, its timeline, outreach and input mechanisms (CC1–CC5) --------------------

@transaction.atomic
def process_save(*, actor, form, formsets) -> CoCreationProcess:
    """Save a co-creation process (validated ``form``) with its stages, outreach activities
    and input mechanisms (validated inline formsets). Removed rows are hidden, not lost."""
    process = form.instance
    if process.pk:
        authorise(actor, "cocreation.change_cocreationprocess", process)
    else:
        authorise(actor, "cocreation.add_cocreationprocess", process.plan)
    process = form.save()
    for formset in formsets:
        formset.instance = process
        formset.save()
    drafts.take_missing_drafts(process)  # a new comment period reads the draft as it stands
    record(actor=actor, kind=Activity.Kind.PROCESS_SAVED, target=process)
    news_after_commit()  # a way to take part opens today
    return process
