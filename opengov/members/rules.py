"""Reference data and accounts.

Members, organisations and people (RO1) are written by the POC team and by administrators;
users and role groups only by administrators, in the Django admin. Administrators read
every back-office record there and restore what was hidden.
"""

import rules

from opengov.core.predicates import (
    is_administrator,
    is_poc_team,
    is_signed_in_role,
    set_model_perms,
)

rules.set_perm("members", is_signed_in_role)
for model in ("member", "organisation", "person"):
    set_model_perms(f"members.{model}", view=is_signed_in_role,
                    add=is_poc_team | is_administrator, change=is_poc_team | is_administrator)
rules.set_perm("auth", is_administrator)
for model in ("user", "group"):
    set_model_perms(f"auth.{model}", view=is_administrator, add=is_administrator,
                    change=is_administrator, delete=is_administrator)
