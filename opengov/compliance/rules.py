import rules

from opengov.core.predicates import is_poc_team, is_signed_in_role, set_model_perms

# The dashboard (verdicts with private evidence and next steps) is for the signed-in roles.
rules.set_perm("compliance.view_dashboard", is_signed_in_role)
rules.set_perm("compliance", is_poc_team)
set_model_perms("compliance.sentreminder", view=is_poc_team, add=rules.always_deny,
                change=rules.always_deny, delete=rules.always_deny)
