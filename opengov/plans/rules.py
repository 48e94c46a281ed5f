"""Plans: the POC team writes; an agency editor edits the commitments it leads. Nobody edits
the commitments of a completed plan, and only the POC team sets a commitment's number and
lead agency (``plans.assign_commitment``)."""

import rules

from opengov.core.predicates import (
    is_agency_editor,
    is_poc_team,
    is_signed_in_role,
    leads_commitment,
    plan_is_open,
    set_model_perms,
    staff_only_app,
)

staff_only_app("plans", "actionplan", "localinitiative")
# Creating a commitment is asked about its plan; changing one about the commitment itself.
set_model_perms(
    "plans.commitment", view=is_signed_in_role, add=is_poc_team & plan_is_open,
    change=(is_poc_team | (is_agency_editor & leads_commitment)) & plan_is_open,
    delete=is_poc_team & plan_is_open,
)
rules.set_perm("plans.assign_commitment", is_poc_team & plan_is_open)
for model in ("milestone", "commitmentstakeholder"):
    # Asked about the record, or about the commitment a new one is added to.
    own = (is_poc_team | (is_agency_editor & leads_commitment)) & plan_is_open
    set_model_perms(f"plans.{model}", view=is_signed_in_role, add=own, change=own)
# C7: a submitted version never changes; only plan_submit and its siblings create one.
set_model_perms(
    "plans.planversion", view=is_signed_in_role, add=rules.always_deny,
    change=rules.always_deny, delete=rules.always_deny,
)
