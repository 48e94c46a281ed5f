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

# Sign-in records (django-axes) and two-step devices (django-otp), in the admin: read by
# administrators, who unlock a person by deleting their failed attempts and remove the
# devices of someone who lost their phone. Nobody writes them by hand.
rules.set_perm("axes", is_administrator)
set_model_perms("axes.accessattempt", view=is_administrator, add=rules.always_deny,
                change=rules.always_deny, delete=is_administrator)
for model in ("accesslog", "accessfailurelog"):
    set_model_perms(f"axes.{model}", view=is_administrator, add=rules.always_deny,
                    change=rules.always_deny, delete=rules.always_deny)
for app_label, model in (("otp_totp", "totpdevice"), ("otp_static", "staticdevice")):
    rules.set_perm(app_label, is_administrator)
    set_model_perms(f"{app_label}.{model}", view=is_administrator, add=rules.always_deny,
                    change=rules.always_deny, delete=is_administrator)
