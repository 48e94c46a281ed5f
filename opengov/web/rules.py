"""Pages of the public site (about, privacy...): reference content of administrators and of
the POC team."""

import rules

from opengov.core.predicates import (
                is_administrator,
                is_poc_team,
                is_signed_in_role,
                set_model_perms,
)

rules.set_perm("web", is_signed_in_role)
set_model_perms("web.page", view=is_signed_in_role, add=is_poc_team | is_administrator,
                change=is_poc_team | is_administrator)
