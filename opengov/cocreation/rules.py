import rules

from opengov.core.predicates import (
    is_administrator,
    is_forum_member,
    is_moderator,
    is_poc_team,
    is_signed_in_role,
    set_model_perms,
    staff_only_app,
)


@rules.predicate
def round_is_open(user, round_):
    return round_ is not None and round_.is_open()


staff_only_app(
    "cocreation", "cocreationprocess", "stage", "outreachactivity", "inputmechanism", "theme",
    "reasonedresponse", "contributiongroup", "candidate",
)
# Themes are reference data: administrators keep them too.
set_model_perms("cocreation.theme", view=is_signed_in_role, add=is_poc_team | is_administrator,
                change=is_poc_team | is_administrator)
moderates = is_poc_team | is_moderator
set_model_perms(
    "cocreation.contribution", view=is_signed_in_role, add=is_poc_team, change=moderates
)
rules.set_perm("cocreation.moderate_contribution", moderates)

# CC10: the POC team sets up prioritisation rounds; forum members score, while a round is
# open, through a seat of their own (opengov.cocreation.prioritisation).
set_model_perms("cocreation.prioritisationround", view=is_poc_team | is_forum_member,
                add=is_poc_team, change=is_poc_team)
rules.set_perm("cocreation.score_candidate", is_forum_member & round_is_open)
