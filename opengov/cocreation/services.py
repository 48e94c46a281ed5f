"""Writes on co-creation: one atomic function per action, called by views, admin and imports.

Nothing here deletes a contribution: moderation changes its state and records who decided
and why (ModerationDecision).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opengov.core.models import ModerationState

from .models import Contribution, ModerationDecision, ReasonedResponse

REASON_REQUIRED = {ModerationState.SPAM, ModerationState.ABUSE, ModerationState.PRIVATE}


@transaction.atomic
def contribution_submit(*, process, text, language, stakeholder_type, consent_to_publish,
                        mechanism=None, title="", author_name="", author_organisation="",
                        author_email="", themes=(), submitted_at=None,
                        moderation_state=ModerationState.PENDING, reason="",
                        site_url="") -> Contribution:
    """Record an input. From the public form it waits for moderation; a receipt is e-mailed
    to its author when an address is given."""
    contribution = Contribution.objects.create(
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
        transaction.on_commit(lambda: _send_receipt(contribution, site_url))
    return contribution


def receipt_url(contribution, site_url=""):
    with translation.override(contribution.language):
        path = reverse("cocreation:receipt", args=[contribution.reference])
    return site_url.rstrip("/") + path


def _send_receipt(contribution, site_url):
    with translation.override(contribution.language):
        send_mail(
            _("Your contribution %(reference)s has been received") % {
                "reference": contribution.reference},
            _("Thank you for your contribution to %(process)s.\n\nIts reference is "
              "%(reference)s. You can follow it here: %(url)s\n\nWe will write to you when "
              "the forum has answered it.") % {
                "process": contribution.process.title, "reference": contribution.reference,
                "url": receipt_url(contribution, site_url)},
            settings.DEFAULT_FROM_EMAIL, [contribution.author_email],
        )


@transaction.atomic
def contribution_moderate(*, actor, contribution, state, reason="") -> ModerationDecision | None:
    """Change a contribution's moderation state, recording who decided and why.

    A contribution whose author did not agree to publication can never be published.
    """
    contribution = Contribution.all_objects.select_for_update().get(pk=contribution.pk)
    state = ModerationState(state)
    if state == ModerationState.PUBLISHED and not contribution.consent_to_publish:
        raise ValidationError(_("This author did not agree to publication: it stays private."))
    if state in REASON_REQUIRED and not reason.strip():
        raise ValidationError(_("Say why this contribution is kept out of public view."))
    if state == contribution.moderation_state:
        return None
    decision = ModerationDecision.objects.create(
        contribution=contribution, previous_state=contribution.moderation_state, state=state,
        reason=reason.strip() or _("Published after review."), decided_by=actor,
    )
    contribution.moderation_state = state
    contribution.moderation_reason = decision.reason
    contribution.save(update_fields=["moderation_state", "moderation_reason", "updated_at"])
    return decision


RESPONSE_FIELDS = ("summary", "consideration", "influence", "reasons", "beyond_plan")


@transaction.atomic
def contributions_respond(*, actor, process, contributions, decision, texts, commitments=(),
                          publish=False, site_url="") -> ReasonedResponse:
    """Answer one contribution or a group of them with the five elements of CC8."""
    contributions = list(contributions)
    if not contributions:
        raise ValidationError(_("Choose at least one contribution to answer."))
    if any(c.process_id != process.pk for c in contributions):
        raise ValidationError(_("All contributions answered together belong to one process."))
    missing = [f for f in RESPONSE_FIELDS[:4] if not (texts.get(f) or "").strip()]
    if missing:
        raise ValidationError(_("A reasoned response covers the comments received, how they "
                                "were considered, their influence and the reasons (CC8)."))
    response = ReasonedResponse.objects.create(
        process=process, decision=decision,
        **{field: (texts.get(field) or "").strip() for field in RESPONSE_FIELDS},
    )
    response.contributions.set(contributions)
    response.commitments.set(commitments)
    if publish:
        response_publish(actor=actor, response=response, site_url=site_url)
    return response


@transaction.atomic
def response_publish(*, actor, response, published_on=None, site_url=""):
    """Publish a response (CC9) and tell each contributor with an e-mail address, once."""
    response.published_on = published_on or timezone.localdate()
    response.save(update_fields=["published_on", "updated_at"])
    for contribution in response.contributions.filter(answer_notified_at__isnull=True) \
            .exclude(author_email=""):
        transaction.on_commit(lambda c=contribution: _send_answer_notice(c, site_url))
    response.contributions.filter(answer_notified_at__isnull=True).exclude(
        author_email="").update(answer_notified_at=timezone.now())
    return response


def _send_answer_notice(contribution, site_url):
    with translation.override(contribution.language):
        send_mail(
            _("The forum has answered your contribution %(reference)s") % {
                "reference": contribution.reference},
            _("The forum has published its reasoned response to your contribution "
              "%(reference)s. Read it here: %(url)s") % {
                "reference": contribution.reference,
                "url": receipt_url(contribution, site_url)},
            settings.DEFAULT_FROM_EMAIL, [contribution.author_email],
        )


# -- grouping (CC6, CC7) ----------------------------------------------------------------------

@transaction.atomic
def groups_suggest(*, actor, process, groups=None) -> list:
    """Replace the process's pending suggestions with fresh ones; accepted and ignored groups
    stay as staff left them."""
    from .grouping import suggest_groups
    from .models import ContributionGroup

    ContributionGroup.objects.filter(process=process,
                                     status=ContributionGroup.Status.SUGGESTED).delete()
    inputs = Contribution.objects.filter(process=process).exclude(
        moderation_state__in=[ModerationState.SPAM, ModerationState.ABUSE])
    result = suggest_groups(list(inputs.values_list("pk", "text")), groups=groups)
    created = []
    for suggestion in result.groups:
        group = ContributionGroup.objects.create(
            process=process, name=suggestion.label.capitalize(), keywords=", ".join(
                suggestion.keywords))
        group.contributions.set(suggestion.members)
        created.append(group)
    for members in _connected(result.duplicates):
        group = ContributionGroup.objects.create(
            process=process, kind=ContributionGroup.Kind.DUPLICATE,
            name=_("Near-duplicates of %(reference)s") % {
                "reference": Contribution.objects.get(pk=min(members)).reference})
        group.contributions.set(members)
        created.append(group)
    return created


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


@transaction.atomic
def groups_merge(*, actor, groups, name=""):
    """Merge groups into the first one; the others are hidden (soft-deleted), not lost."""
    groups = list(groups)
    if len(groups) < 2:
        raise ValidationError(_("Choose at least two groups to merge."))
    if len({g.process_id for g in groups}) != 1:
        raise ValidationError(_("Only groups of the same process can be merged."))
    target, others = groups[0], groups[1:]
    for other in others:
        target.contributions.add(*other.contributions.all())
        other.delete()
    target.status = target.Status.ACCEPTED
    if name:
        target.name = name
    target.save()
    return target
