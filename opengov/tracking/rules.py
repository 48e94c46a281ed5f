"""Implementation: agency editors report on the commitments they lead, while the plan is
open; moderators moderate comments; the lead agency (or the POC team) answers them."""

import rules

from opengov.core.predicates import (
    is_agency_editor,
    is_moderator,
    is_poc_team,
    is_signed_in_role,
    leads_commitment,
    plan_is_open,
    set_model_perms,
    staff_only_app,
)

staff_only_app("tracking")
own = (is_poc_team | (is_agency_editor & leads_commitment)) & plan_is_open
for model in ("implementationplan", "progressupdate"):
    set_model_perms(f"tracking.{model}", view=is_signed_in_role, add=own, change=own,
                    delete=is_poc_team)
set_model_perms("tracking.comment", view=is_signed_in_role, add=is_poc_team,
                change=is_poc_team | is_moderator)
rules.set_perm("tracking.moderate_comment", is_poc_team | is_moderator)
# W2: the answer is the lead agency's (the POC team may answer for it); never a moderator's.
rules.set_perm("tracking.answer_comment",
               is_poc_team | (is_agency_editor & leads_commitment & plan_is_open))
