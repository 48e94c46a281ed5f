import rules

from opengov.core.predicates import (
    is_administrator,
    is_moderator,
    is_poc_team,
    is_signed_in_role,
    set_model_perms,
    staff_only_app,
)

staff_only_app(
    "cocreation", "cocreationprocess", "stage", "outreachactivity", "inputmechanism", "theme",
    "reasonedresponse", "contributiongroup",
)
# Themes are reference data: administrators keep them too.
set_model_perms("cocreation.theme", view=is_signed_in_role, add=is_poc_team | is_administrator,
                change=is_poc_team | is_administrator)
moderates = is_poc_team | is_moderator
set_model_perms(
    "cocreation.contribution", view=is_signed_in_role, add=is_poc_team, change=moderates
)
rules.set_perm("cocreation.moderate_contribution", moderates)
