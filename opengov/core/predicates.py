"""Who a user is and what a record is, as ``rules`` predicates. Apps compose them in their
``rules.py``; views, desks, the admin and services ask ``user.has_perm(perm, obj)``.

Three kinds of rule live here (see docs/architecture.md, "Permissions"):
- **role**: membership of a role group (``is_poc_team``...);
- **object**: how the user stands to the record (``leads_commitment``). An object predicate
  never answers yes without an object: to create a record, ask about its new parent (the
  commitment a milestone is added to), and to list records, use the desk's queryset;
- **phase**: where the plan the record belongs to stands (``plan_is_open``): a completed
  plan is the record of the past and nobody edits it.
"""

import rules

from opengov.core.models import ModerationState
from opengov.core.roles import Role


def _has_role(role: Role):
    @rules.predicate(name=f"has_role_{role.value}")
    def check(user):
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        # Cache group names on the user object: a page checks many permissions.
        names = getattr(user, "_opengov_roles", None)
        if names is None:
            names = set(user.groups.values_list("name", flat=True))
            user._opengov_roles = names
        return role.value in names

    return check


is_poc_team = _has_role(Role.POC_TEAM)
is_forum_member = _has_role(Role.FORUM_MEMBER)
is_agency_editor = _has_role(Role.AGENCY_EDITOR)
is_irm_researcher = _has_role(Role.IRM_RESEARCHER)
is_moderator = _has_role(Role.MODERATOR)
is_administrator = _has_role(Role.ADMINISTRATOR)

is_signed_in_role = (
    is_poc_team | is_forum_member | is_agency_editor | is_irm_researcher | is_moderator
    | is_administrator
)


def organisation_of(user):
    person = getattr(user, "person", None)
    return person.organisation_id if person is not None else None


def commitment_of(obj):
    """The commitment ``obj`` is, or hangs under (milestone, update, comment, document...)."""
    from opengov.plans.models import Commitment

    if isinstance(obj, Commitment):
        return obj
    commitment = getattr(obj, "commitment", None)
    if commitment is None and getattr(obj, "progress_update_id", None):
        commitment = obj.progress_update.commitment
    return commitment if isinstance(commitment, Commitment) else None


def plan_of(obj):
    """The action plan ``obj`` is, or belongs to; None for what belongs to no plan."""
    from opengov.plans.models import ActionPlan

    if obj is None or isinstance(obj, ActionPlan):
        return obj
    commitment = commitment_of(obj)
    if commitment is not None:
        return commitment.plan
    plan = getattr(obj, "plan", None)
    return plan if isinstance(plan, ActionPlan) else None


@rules.predicate
def leads_commitment(user, obj):
    """The user's organisation leads the commitment ``obj`` is or hangs under."""
    commitment = commitment_of(obj)
    if commitment is None:
        return False
    org = organisation_of(user)
    return org is not None and commitment.lead_agency_id == org


@rules.predicate
def plan_is_open(user, obj):
    """The record's plan is in co-creation or implementation (not completed)."""
    from opengov.plans.models import ActionPlan

    plan = plan_of(obj)
    return plan is not None and plan.status != ActionPlan.Status.COMPLETED


@rules.predicate
def is_pending(user, obj):
    """A contribution or comment still waiting for a moderation decision."""
    return getattr(obj, "moderation_state", None) == ModerationState.PENDING


@rules.predicate
def same_organisation(user, obj):
    """``obj`` (a person) belongs to the user's own organisation."""
    org = organisation_of(user)
    return org is not None and getattr(obj, "organisation_id", None) == org


# Personal data (e-mail addresses, phone numbers): the POC team; a moderator only while the
# input is pending, to reach its author; an agency editor for the people of its organisation.
rules.set_perm("core.view_personal_data",
               is_poc_team | (is_moderator & is_pending) | (is_agency_editor & same_organisation))
# The activity log (who did what, to which record) and the background tasks that failed:
# the POC team in the workspace, administrators in the admin too.
rules.set_perm("core.view_activity", is_poc_team | is_administrator)
rules.set_perm("core.retry_task", is_poc_team | is_administrator)
rules.set_perm("core", is_poc_team | is_administrator)


def set_model_perms(model_label, *, view, add, change, delete=None):
    """Declare the four Django permissions of ``app.model`` at once (delete defaults to add)."""
    app_label, model = model_label.split(".")
    for action, predicate in (
        ("view", view), ("add", add), ("change", change), ("delete", delete or add)
    ):
        rules.set_perm(f"{app_label}.{action}_{model}", predicate)


def staff_only_app(app_label, *models):
    """The default for back-office records: roles read, the Point of Contact team writes."""
    rules.set_perm(app_label, is_signed_in_role)
    for model in models:
        set_model_perms(f"{app_label}.{model}", view=is_signed_in_role, add=is_poc_team,
                        change=is_poc_team)
