"""The back office, page by page, for each role (who sees what, who may save)."""

import pytest
from django.urls import reverse

from opengov.cocreation.models import Contribution
from opengov.core.models import ModerationState
from opengov.plans.models import Commitment
from opengov.reports.models import RequirementFinding


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
class TestAdminPages:
    @pytest.mark.parametrize("role", ["anonymous", "no_role"])
    def test_outsiders_are_sent_to_the_login_page(self, client, users, role):
        if users[role]:
            users[role].is_staff = True  # staff without a role still sees nothing
            users[role].save()
        response = client_for(client, users[role]).get(
            reverse("admin:plans_commitment_changelist"))
        if role == "anonymous":
            assert response.status_code == 302 and "login" in response["Location"]
        else:
            assert response.status_code == 403

    @pytest.mark.parametrize(
        ("role", "status"),
        [("forum", 200), ("agency", 200), ("irm", 200), ("moderator", 200), ("poc", 200)],
    )
    def test_every_role_reaches_the_commitment_list(self, client, users, role, status):
        response = client_for(client, users[role]).get(
            reverse("admin:plans_commitment_changelist"))
        assert response.status_code == status

    def test_agency_editor_can_save_its_own_commitment_but_only_view_another(
        self, client, users, own_and_other_commitment
    ):
        own, other = own_and_other_commitment
        client = client_for(client, users["agency"])
        own_page = client.get(reverse("admin:plans_commitment_change", args=[own.pk]))
        other_page = client.get(reverse("admin:plans_commitment_change", args=[other.pk]))
        assert own_page.status_code == 200 and other_page.status_code == 200
        assert b'name="_save"' in own_page.content
        assert b'name="_save"' not in other_page.content
        response = client.post(reverse("admin:plans_commitment_change", args=[other.pk]),
                               {"title_en": "Hijacked"})
        assert response.status_code == 403
        other.refresh_from_db()
        assert other.title_en != "Hijacked"

    def test_only_the_poc_team_moves_a_commitment_or_changes_its_lead_agency(
        self, client, users, own_and_other_commitment
    ):
        own, _ = own_and_other_commitment
        url = reverse("admin:plans_commitment_change", args=[own.pk])
        agency_page = client_for(client, users["agency"]).get(url).content.decode()
        assert 'name="title_en"' in agency_page
        assert 'name="lead_agency"' not in agency_page and 'name="plan"' not in agency_page
        client.logout()
        poc_page = client_for(client, users["poc"]).get(url).content.decode()
        assert 'name="lead_agency"' in poc_page

    def test_irm_researcher_reads_commitments_without_a_save_button(
        self, client, users, own_and_other_commitment
    ):
        own, _ = own_and_other_commitment
        page = client_for(client, users["irm"]).get(
            reverse("admin:plans_commitment_change", args=[own.pk]))
        assert page.status_code == 200 and b'name="_save"' not in page.content

    def test_irm_researcher_records_a_finding(self, client, users):
        finding = RequirementFinding.objects.get(requirement="R1", verdict="not_met")
        url = reverse("admin:reports_requirementfinding_change", args=[finding.pk])
        response = client_for(client, users["irm"]).post(url, {
            "product": finding.product_id, "requirement": "R1", "verdict": "met",
            "notes": "Corrected after the member's comments.",
        })
        assert response.status_code == 302, response.content[:2000]
        finding.refresh_from_db()
        assert finding.verdict == "met"

    def test_moderator_publishes_a_pending_contribution_with_the_admin_action(
        self, client, users
    ):
        pending = Contribution.objects.filter(moderation_state=ModerationState.PENDING).first()
        response = client_for(client, users["moderator"]).post(
            reverse("admin:cocreation_contribution_changelist"),
            {"action": "publish_selected", "_selected_action": [pending.pk]},
        )
        assert response.status_code == 302
        pending.refresh_from_db()
        assert pending.moderation_state == ModerationState.PUBLISHED

    def test_forum_member_cannot_use_the_moderation_action(self, client, users):
        pending = Contribution.objects.filter(moderation_state=ModerationState.PENDING).first()
        client_for(client, users["forum"]).post(
            reverse("admin:cocreation_contribution_changelist"),
            {"action": "publish_selected", "_selected_action": [pending.pk]},
        )
        pending.refresh_from_db()
        assert pending.moderation_state == ModerationState.PENDING

    def test_plan_versions_are_read_only_even_for_the_poc_team(self, client, users,
                                                               current_plan):
        version = current_plan.versions.get(kind="original")
        client = client_for(client, users["poc"])
        page = client.get(reverse("admin:plans_planversion_change", args=[version.pk]))
        assert page.status_code == 200 and b'name="_save"' not in page.content
        assert client.get(reverse("admin:plans_planversion_add")).status_code == 403

    def test_deleting_in_the_admin_hides_and_history_remembers(self, client, users,
                                                              own_and_other_commitment):
        _, other = own_and_other_commitment
        client = client_for(client, users["poc"])
        response = client.post(reverse("admin:plans_commitment_delete", args=[other.pk]),
                               {"post": "yes"})
        assert response.status_code == 302
        assert not Commitment.objects.filter(pk=other.pk).exists()
        hidden = Commitment.all_objects.get(pk=other.pk)
        assert hidden.deleted_at is not None
        assert hidden.milestones.model.all_objects.filter(commitment=hidden).exists()
        history = client.get(reverse("admin:plans_commitment_history", args=[other.pk]))
        assert history.status_code == 200
