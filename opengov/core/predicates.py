"""Who a user is, as ``rules`` predicates. Apps compose them in their ``rules.py``."""

import rules

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

is_signed_in_role = (
    is_poc_team | is_forum_member | is_agency_editor | is_irm_researcher | is_moderator
)
# Those who read everything in the back office, private records included.
can_read_everything = is_poc_team | is_irm_researcher


def organisation_of(user):
    person = getattr(user, "person", None)
    return person.organisation_id if person is not None else None


@rules.predicate
def leads_commitment(user, commitment):
    """The user's organisation is the commitment's lead agency.

    Without an object (a list page, the admin index) the answer is "possibly", so that the
    list is reachable; the object-level check then decides for each commitment.
    """
    if commitment is None:
        return True
    org = organisation_of(user)
    return org is not None and commitment.lead_agency_id == org


@rules.predicate
def leads_parent_commitment(user, obj):
    """For what hangs under a commitment (milestones, updates, documents...).

    ``obj`` is the record itself, or the commitment when the admin asks about an inline.
    """
    if obj is None:
        return True
    commitment = getattr(obj, "commitment", obj)
    if commitment is None or not hasattr(commitment, "lead_agency_id"):
        return False
    return leads_commitment.test(user, commitment)


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
