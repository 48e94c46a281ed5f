"""The Django admin is for administrators: superusers and the ``administrator`` role.

Administrators keep the platform itself there: users and roles, reference data (members,
organisations, people, themes, pages), history and restoring what was hidden. Every other
role works in the workspace, and is sent there when it opens an admin address. A person may
hold several roles: a small member's Point of Contact is often its administrator too.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import redirect

# This module is loaded with the app list, before models: predicates are imported late.


class OpenGovAdminSite(admin.AdminSite):
    site_header = "OpenGov Platform"
    site_title = "OpenGov Platform"

    def has_permission(self, request):
        from opengov.core.predicates import is_administrator

        user = request.user
        return user.is_active and user.is_staff and is_administrator.test(user)

    def login(self, request, extra_context=None):
        from opengov.core.predicates import is_signed_in_role

        # A signed-in role without the administrator role asks for the admin: its work is in
        # the workspace (the admin would otherwise show its login form again).
        if request.user.is_authenticated and not self.has_permission(request) \
                and is_signed_in_role.test(request.user):
            return redirect("workspace:home")
        return super().login(request, extra_context)


class OpenGovAdminConfig(AdminConfig):
    default_site = "opengov.core.admin_site.OpenGovAdminSite"
