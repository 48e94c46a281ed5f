"""The Django admin is for administrators only; every other role is sent to the workspace.

What administrators still do there (reference data, history, restore) goes through the same
services and checks as the workspace: no upload, no plan status and no citizen's text can be
changed by an admin form.
"""

import pytest
from django.urls import reverse

from opengov.cocreation.models import Contribution
from opengov.core.models import ModerationState
from opengov.members.models import Organisation
from opengov.plans.models import Commitment
from opengov.tracking.models import Comment
from tests.helpers import as_user

NOT_ADMINISTRATORS = ["forum", "agency", "irm", "moderator", "poc"]
ADMIN_PAGES = ["admin:index", "admin:plans_commitment_changelist",
               "admin:cocreation_contribution_changelist", "admin:tracking_comment_changelist"]



@pytest.mark.django_db
class TestWhoReachesTheAdmin:
    @pytest.mark.parametrize("role", NOT_ADMINISTRATORS)
    @pytest.mark.parametrize("page", ADMIN_PAGES)
    def test_every_role_but_administrators_is_sent_to_the_workspace(self, client, users, role,
                                                                    page):
        response = as_user(client, users[role]).get(reverse(page), follow=True)
        assert response.redirect_chain[-1][0] == reverse("workspace:home")
        assert response.status_code == 200

    @pytest.mark.parametrize("role", ["administrator", "superuser"])
    def test_administrators_reach_it(self, client, users, role):
        for page in ADMIN_PAGES:
            assert as_user(client, users[role]).get(reverse(page)).status_code == 200

    def test_outsiders_get_the_login_form(self, client, users):
        assert "login" in client.get(reverse("admin:index"))["Location"]
        staff = users["no_role"]
        staff.is_staff = True
        staff.save()
        page = as_user(client, staff).get(reverse("admin:index"), follow=True)
        assert page.redirect_chain and "login" in page.redirect_chain[-1][0]

    def test_an_administrator_keeps_reference_data_but_not_the_plans(self, client, users,
                                                                     own_and_other_commitment):
        own, _ = own_and_other_commitment
        client = as_user(client, users["administrator"])
        organisation = Organisation.objects.filter(member=own.plan.member).first()
        org_page = client.get(reverse("admin:members_organisation_change",
                                      args=[organisation.pk]))
        assert b'name="_save"' in org_page.content
        commitment_page = client.get(reverse("admin:plans_commitment_change", args=[own.pk]))
        assert commitment_page.status_code == 200
        assert b'name="_save"' not in commitment_page.content
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


@pytest.mark.django_db
class TestWhatTheAdminStillWritesGoesThroughTheRules:
    def test_plan_status_publication_and_delivery_are_not_admin_fields(self, client, users,
                                                                        current_plan):
        page = as_user(client, users["superuser"]).get(
            reverse("admin:plans_actionplan_change", args=[current_plan.pk])).content.decode()
        for field in ("status", "is_public", "delivered_on"):
            assert f'name="{field}"' not in page, field

    def test_no_file_enters_through_an_admin_form(self, client, users):
        client = as_user(client, users["superuser"])
        assert client.get(reverse("admin:repository_document_add")).status_code == 403
        document = own_document()
        page = client.get(reverse("admin:repository_document_change", args=[document.pk]))
        assert page.status_code == 200 and b'type="file"' not in page.content

    def test_a_citizen_s_text_and_consent_are_not_editable_and_nothing_is_deleted(
        self, client, users, current_plan
    ):
        contribution = Contribution.objects.filter(process__plan=current_plan,
                                                   consent_to_publish=False).first()
        client = as_user(client, users["superuser"])
        url = reverse("admin:cocreation_contribution_change", args=[contribution.pk])
        page = client.get(url).content.decode()
        assert 'name="text"' not in page and 'name="consent_to_publish"' not in page
        client.post(url, {"text": "Altered", "consent_to_publish": "on"})
        contribution.refresh_from_db()
        assert contribution.text != "Altered" and not contribution.consent_to_publish
        delete = reverse("admin:cocreation_contribution_delete", args=[contribution.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert Contribution.objects.filter(pk=contribution.pk).exists()

    def test_comment_actions_record_a_decision(self, client, users):
        comment = Comment.objects.filter(moderation_state=ModerationState.PENDING,
                                         moderation_decisions__isnull=True).first()
        as_user(client, users["superuser"]).post(
            reverse("admin:tracking_comment_changelist"),
            {"action": "mark_spam", "_selected_action": [comment.pk]})
        comment.refresh_from_db()
        assert comment.moderation_state == ModerationState.SPAM
        decision = comment.moderation_decisions.get()
        assert decision.decided_by == users["superuser"] and decision.previous_state == "pending"

    def test_plan_versions_are_read_only_even_for_superusers(self, client, users, current_plan):
        version = current_plan.versions.get(kind="original")
        client = as_user(client, users["superuser"])
        page = client.get(reverse("admin:plans_planversion_change", args=[version.pk]))
        assert page.status_code == 200 and b'name="_save"' not in page.content
        assert client.get(reverse("admin:plans_planversion_add")).status_code == 403

    def test_deleting_in_the_admin_hides_and_history_remembers(self, client, users,
                                                              own_and_other_commitment):
        _, other = own_and_other_commitment
        client = as_user(client, users["superuser"])
        response = client.post(reverse("admin:plans_commitment_delete", args=[other.pk]),
                               {"post": "yes"})
        assert response.status_code == 302
        assert not Commitment.objects.filter(pk=other.pk).exists()
        hidden = Commitment.all_objects.get(pk=other.pk)
        assert hidden.deleted_at is not None
        assert hidden.milestones.model.all_objects.filter(commitment=hidden).exists()
        history = client.get(reverse("admin:plans_commitment_history", args=[other.pk]))
        assert history.status_code == 200


def own_document():
    from opengov.repository.models import Document

    return Document.objects.filter(versions__isnull=False).first()


@pytest.mark.django_db
def test_administrators_read_the_activity_log_in_the_admin_and_nobody_writes_it(client, users):
    from opengov.core.activity import record
    from opengov.core.models import Activity

    line = record(actor=users["poc"], kind=Activity.Kind.FORUM_CHANGED, summary="rules")
    client = as_user(client, users["administrator"])
    page = client.get(reverse("admin:core_activity_changelist"))
    assert page.status_code == 200 and "rules" in page.content.decode()
    assert client.get(reverse("admin:core_activity_add")).status_code == 403
    change = client.get(reverse("admin:core_activity_change", args=[line.pk]))
    assert change.status_code == 200 and b'name="_save"' not in change.content
