"""Plans: the POC team writes everything; an agency editor edits the commitments it leads."""

import rules

from opengov.core.predicates import (
    is_agency_editor,
    is_poc_team,
    is_signed_in_role,
    leads_commitment,
    leads_parent_commitment,
    set_model_perms,
    staff_only_app,
)

staff_only_app("plans", "actionplan", "localinitiative")
set_model_perms(
    "plans.commitment", view=is_signed_in_role, add=is_poc_team,
    change=is_poc_team | (is_agency_editor & leads_commitment),
)
for model in ("milestone", "commitmentstakeholder"):
    own = is_poc_team | (is_agency_editor & leads_parent_commitment)
    set_model_perms(f"plans.{model}", view=is_signed_in_role, add=own, change=own)
# C7: a submitted version never changes; only plan_submit and its siblings create one.
set_model_perms(
    "plans.planversion", view=is_signed_in_role, add=rules.always_deny,
    change=rules.always_deny, delete=rules.always_deny,
)
