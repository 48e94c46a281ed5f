"""Self-assessments are the POC team's; IRM researchers record the IRM's products and findings."""

from opengov.core.predicates import (
    is_irm_researcher,
    is_poc_team,
    is_signed_in_role,
    set_model_perms,
    staff_only_app,
)

staff_only_app("reports", "selfassessment", "commitmentassessment")
irm = is_poc_team | is_irm_researcher
for model in ("irmproduct", "requirementfinding", "commitmentfinding"):
    set_model_perms(f"reports.{model}", view=is_signed_in_role, add=irm, change=irm)
