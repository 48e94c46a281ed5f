"""Permissions of members, organisations and people (RO1): the POC team writes."""

from opengov.core.predicates import staff_only_app

staff_only_app("members", "member", "organisation", "person")
