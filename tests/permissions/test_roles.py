"""Every role against every kind of record: what each may view and change.

Rules: RO1 (the Point of Contact team administers), plus the roles of DESIGN.md — forum
members read, agency editors edit only the commitments their organisation leads, IRM
researchers read everything and record only IRM findings, moderators moderate.
"""

import pytest

from opengov.reports.models import IRMProduct
from opengov.tracking.models import ProgressUpdate

ROLES = ["anonymous", "no_role", "forum", "agency", "irm", "moderator", "poc", "superuser"]


def allowed(users, perm, obj=None):
    """The set of roles that hold ``perm`` (on ``obj``)."""
    result = set()
    for role in ROLES:
        user = users[role]
        if user is not None and user.has_perm(perm, obj):
            result.add(role)
    return result


READERS = {"forum", "agency", "irm", "moderator", "poc", "superuser"}


@pytest.mark.django_db
class TestPermissionMatrix:
    @pytest.mark.parametrize(
        "perm",
        ["plans.view_actionplan", "plans.view_commitment", "forum.view_meeting",
         "cocreation.view_contribution", "members.view_person", "reports.view_irmproduct",
         "repository.view_document", "tracking.view_progressupdate"],
    )
    def test_every_role_reads_the_back_office_and_the_public_has_no_account(self, users, perm):
        assert allowed(users, perm) == READERS

    @pytest.mark.parametrize(
        "perm",
        ["members.change_member", "members.change_person", "forum.change_meeting",
         "forum.add_seat", "plans.add_actionplan", "plans.change_actionplan",
         "cocreation.change_reasonedresponse", "reports.change_selfassessment"],
    )
    def test_only_the_poc_team_administers(self, users, perm):
        assert allowed(users, perm) == {"poc", "superuser"}

    def test_only_the_poc_team_adds_or_removes_commitments_of_an_open_plan(
        self, users, current_plan, own_and_other_commitment
    ):
        own, _ = own_and_other_commitment
        assert allowed(users, "plans.add_commitment", current_plan) == {"poc", "superuser"}
        assert allowed(users, "plans.delete_commitment", own) == {"poc", "superuser"}
        # Asked about nothing, an object rule never says yes (the superuser aside).
        assert allowed(users, "plans.add_commitment") == {"superuser"}
        assert allowed(users, "plans.change_commitment") == {"superuser"}

    def test_agency_editor_changes_only_the_commitments_its_organisation_leads(
        self, users, own_and_other_commitment
    ):
        own, other = own_and_other_commitment
        assert allowed(users, "plans.change_commitment", own) == {"agency", "poc", "superuser"}
        assert allowed(users, "plans.change_commitment", other) == {"poc", "superuser"}

    def test_agency_editor_edits_milestones_and_updates_of_its_commitments_only(
        self, users, own_and_other_commitment
    ):
        own, other = own_and_other_commitment
        for perm, own_obj, other_obj in [
            ("plans.change_milestone", own.milestones.first(), other.milestones.first()),
            ("tracking.change_progressupdate",
             ProgressUpdate.objects.filter(commitment=own).first(),
             ProgressUpdate.objects.filter(commitment=other).first()),
        ]:
            assert allowed(users, perm, own_obj) == {"agency", "poc", "superuser"}
            assert allowed(users, perm, other_obj) == {"poc", "superuser"}

    def test_inline_question_about_a_commitment_is_answered_for_that_commitment(
        self, users, own_and_other_commitment
    ):
        """The admin asks inline permissions with the parent commitment as the object."""
        own, other = own_and_other_commitment
        assert "agency" in allowed(users, "plans.add_milestone", own)
        assert "agency" not in allowed(users, "plans.add_milestone", other)

    def test_irm_researcher_records_irm_findings_and_nothing_else(self, users):
        product = IRMProduct.objects.first()
        for perm in ("reports.change_irmproduct", "reports.add_requirementfinding",
                     "reports.change_commitmentfinding"):
            assert allowed(users, perm, product) == {"irm", "poc", "superuser"}
        assert "irm" not in allowed(users, "plans.change_commitment")
        assert "irm" not in allowed(users, "reports.change_selfassessment")

    def test_moderator_moderates_contributions_and_comments(self, users):
        assert allowed(users, "cocreation.moderate_contribution") == {
            "moderator", "poc", "superuser"}
        assert allowed(users, "cocreation.change_contribution") == {
            "moderator", "poc", "superuser"}
        assert "moderator" in allowed(users, "tracking.change_comment")
        assert "moderator" not in allowed(users, "plans.change_commitment")

    def test_c7_nobody_changes_or_deletes_a_submitted_version(self, users, current_plan):
        version = current_plan.versions.get(kind="original")
        for perm in ("plans.add_planversion", "plans.change_planversion",
                     "plans.delete_planversion"):
            assert allowed(users, perm, version) <= {"superuser"}

    def test_inactive_user_loses_every_role(self, users):
        poc = users["poc"]
        poc.is_active = False
        assert not poc.has_perm("plans.change_actionplan")


PHASE_RULES = ["plans.change_commitment", "plans.add_milestone", "tracking.add_progressupdate",
               "tracking.change_implementationplan", "repository.add_document",
               "tracking.answer_comment"]


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["co_creation", "implementation", "completed"])
def test_what_each_role_may_do_on_its_commitment_in_each_phase_of_the_plan(
    users, own_and_other_commitment, status
):
    """Verb × role × plan status: a completed plan is the record of the past, for the agency
    and the POC team alike (except answering the public and filing, kept for the team)."""
    from opengov.repository.models import Document
    from opengov.tracking.models import Comment

    own, other = own_and_other_commitment
    for commitment in (own, other):
        commitment.plan.status = status  # in memory: the rules read it from the object
    targets = {
        "plans.change_commitment": (own, other),
        "plans.add_milestone": (own, other),
        "tracking.add_progressupdate": (own, other),
        "tracking.change_implementationplan": (own, other),
        "repository.add_document": tuple(
            Document(member=c.plan.member, plan=c.plan, commitment=c, kind="evidence")
            for c in (own, other)),
        "tracking.answer_comment": tuple(
            Comment(progress_update=c.progress_updates.first()) for c in (own, other)),
    }
    open_plan = status != "completed"
    for perm in PHASE_RULES:
        mine, theirs = targets[perm]
        expected = {"superuser"}
        if open_plan:
            expected |= {"poc", "agency"}
        elif perm in ("repository.add_document", "tracking.answer_comment"):
            expected |= {"poc"}
        assert allowed(users, perm, mine) == expected, (perm, status)
        assert allowed(users, perm, theirs) == expected - {"agency"}, (perm, status)
