"""The platform's roles, held as Django groups.

A user's role is membership of one of these groups; what each role may do is written once,
as ``rules`` predicates (``opengov/core/predicates.py``) composed in each app's ``rules.py``.
The anonymous public needs no account and no group.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    POC_TEAM = "poc_team", _("Point of Contact team")
    FORUM_MEMBER = "forum_member", _("Forum member")
    AGENCY_EDITOR = "agency_editor", _("Agency editor")
    IRM_RESEARCHER = "irm_researcher", _("IRM researcher")
    MODERATOR = "moderator", _("Moderator")
    # Keeps the platform itself: users and roles, reference data, history and restore, in
    # the Django admin. Every other role works in the workspace.
    ADMINISTRATOR = "administrator", _("Administrator")


def ensure_role_groups():
    """Create the role groups if they are missing (idempotent)."""
    from django.contrib.auth.models import Group

    return {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}


def grant_role(user, role: Role):
    """Give ``user`` a role. Every signed-in role works in the back office, so it is staff."""
    group = ensure_role_groups()[role]
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
