"""The repository: the POC team files everything; an agency editor files and versions the
documents of the commitments it leads (asked about the document, or about the commitment a
new document is filed under); an IRM researcher files and versions IRM reports."""

import rules

from opengov.core.predicates import (
    is_agency_editor,
    is_irm_researcher,
    is_poc_team,
    is_signed_in_role,
    leads_commitment,
    plan_is_open,
    set_model_perms,
    staff_only_app,
)


@rules.predicate
def is_irm_report(user, obj):
    """The document (or the document a version is added to) is an IRM report."""
    return getattr(obj, "kind", None) == "irm_report"


staff_only_app("repository")
# An agency files evidence for its commitments while their plan is open, and never files an
# IRM report (which only the IRM's researchers and the POC team file).
own = (is_poc_team | (is_agency_editor & leads_commitment & plan_is_open & ~is_irm_report)
       | (is_irm_researcher & is_irm_report))
set_model_perms("repository.document", view=is_signed_in_role, add=own, change=own,
                delete=is_poc_team)
# A version is asked about its document.
set_model_perms("repository.documentversion", view=is_signed_in_role, add=own,
                change=is_poc_team, delete=is_poc_team)
