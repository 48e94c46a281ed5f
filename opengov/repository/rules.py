from opengov.core.predicates import (
    is_agency_editor,
    is_poc_team,
    is_signed_in_role,
    leads_parent_commitment,
    set_model_perms,
    staff_only_app,
)

staff_only_app("repository")
own = is_poc_team | (is_agency_editor & leads_parent_commitment)
set_model_perms("repository.document", view=is_signed_in_role, add=own, change=own,
                delete=is_poc_team)
set_model_perms("repository.documentversion", view=is_signed_in_role,
                add=is_poc_team | is_agency_editor, change=is_poc_team, delete=is_poc_team)
