"""Implementation: agency editors report on the commitments they lead; moderators moderate."""

from opengov.core.predicates import (
    is_agency_editor,
    is_moderator,
    is_poc_team,
    is_signed_in_role,
    leads_parent_commitment,
    set_model_perms,
    staff_only_app,
)

staff_only_app("tracking")
own = is_poc_team | (is_agency_editor & leads_parent_commitment)
for model in ("implementationplan", "progressupdate"):
    set_model_perms(f"tracking.{model}", view=is_signed_in_role, add=own, change=own,
                    delete=is_poc_team)
set_model_perms(
    "tracking.comment", view=is_signed_in_role, add=is_poc_team,
    change=is_poc_team | is_moderator | (is_agency_editor & leads_parent_commitment),
)
