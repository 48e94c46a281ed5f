"""The eight ways into the back office that a test of the demo found, each tried again.

Each test replays the request an attacker with that role sent, and asserts that it now fails
to break in, and that nothing changed.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opengov.cocreation.models import Contribution
from opengov.cocreation.services import contribution_moderate
from opengov.core.models import Activity, ModerationState
from opengov.plans.models import Milestone
from opengov.repository.services import document_add, version_add
from opengov.tracking.models import Comment, ProgressUpdate
from opengov.tracking.services import comment_moderate, progress_update_post
from tests.conftest import DEMO_TODAY
from tests.helpers import as_user


@pytest.mark.django_db
class TestFinding1AgencyWritesIntoAnotherAgencysCommitment:
    def test_the_admin_add_forms_are_closed_to_it(self, client, users, own_and_other_commitment):
        _, other = own_and_other_commitment
        before = (ProgressUpdate.objects.count(), Milestone.objects.count())
        client = as_user(client, users["agency"])
        response = client.post(reverse("admin:tracking_progressupdate_add"), {
            "commitment": other.pk, "completion": "complete", "timeliness": "on_time",
            "reported_on": DEMO_TODAY.isoformat(), "published_on": DEMO_TODAY.isoformat(),
            "summary_fr": "Faux"})
        assert response.status_code == 302 and "login" in response["Location"]
        client.post(reverse("admin:plans_milestone_add"), {"commitment": other.pk, "number": 9})
        assert (ProgressUpdate.objects.count(), Milestone.objects.count()) == before

    def test_the_services_refuse_it_whatever_page_calls_them(self, users, demo,
                                                            own_and_other_commitment):
        own, other = own_and_other_commitment
        with pytest.raises(PermissionDenied):
            progress_update_post(commitment=other, author=users["agency"],
                                 texts={"summary_fr": "Faux"}, completion="complete",
                                 timeliness="on_time")
        with pytest.raises(PermissionDenied):
            document_add(actor=users["agency"], member=demo, kind="evidence", title="Faux",
                         upload=SimpleUploadedFile("faux.txt", b"faux"), plan=other.plan,
                         commitment=other)
        assert not ProgressUpdate.objects.filter(summary_fr="Faux").exists()
        # Its own commitment still works, and the log says who did it.
        update = progress_update_post(commitment=own, author=users["agency"],
                                      texts={"summary_fr": "Vrai"}, completion="limited",
                                      timeliness="on_time")
        assert Activity.objects.filter(kind="update_posted", target_id=update.pk,
                                       actor=users["agency"]).exists()

    def test_object_rules_never_answer_yes_without_an_object(self, users):
        for perm in ("tracking.add_progressupdate", "plans.add_milestone",
                     "repository.add_document", "plans.change_commitment"):
            assert not users["agency"].has_perm(perm), perm


@pytest.mark.django_db
class TestFinding2AgencyModeratesAnyComment:
    def test_neither_the_admin_action_nor_the_desk_nor_the_service(self, client, users):
        pending = Comment.objects.filter(moderation_state=ModerationState.PENDING).first()
        client = as_user(client, users["agency"])
        client.post(reverse("admin:tracking_comment_changelist"),
                    {"action": "publish_selected", "_selected_action": [pending.pk]})
        response = client.post(reverse("workspace:moderate", args=["comment", pending.pk]),
                               {"decision": "published"})
        assert response.status_code == 403
        with pytest.raises(PermissionDenied):
            comment_moderate(actor=users["agency"], comment=pending, state="published")
        pending.refresh_from_db()
        assert pending.moderation_state == ModerationState.PENDING

    def test_a_moderator_s_decision_leaves_a_trace(self, client, users):
        pending = Comment.objects.filter(moderation_state=ModerationState.PENDING,
                                         moderation_decisions__isnull=True).first()
        as_user(client, users["moderator"]).post(
            reverse("workspace:moderate", args=["comment", pending.pk]),
            {"decision": "spam", "reason": "Publicité"})
        decision = pending.moderation_decisions.get()
        assert (decision.decided_by, decision.state, decision.reason) == (
            users["moderator"], "spam", "Publicité")
        assert Activity.objects.get(kind="comment_moderated", target_id=pending.pk).actor == \
            users["moderator"]


@pytest.mark.django_db
class TestFinding3UploadsSkipTheChecks:
    def test_no_admin_form_takes_a_file_and_the_service_refuses_html(self, client, users,
                                                                     demo):
        from opengov.repository.models import Document

        document = Document.objects.filter(versions__isnull=False, commitment__isnull=False,
                                           member=demo).first()
        assert as_user(client, users["superuser"]).get(
            reverse("admin:repository_document_add")).status_code == 403
        before = document.versions.count()
        for name, body in [("page.html", b"<script>alert(1)</script>"),
                           ("rapport.pdf", b"<html><script>alert(1)</script></html>"),
                           ("app.js", b"fetch('/admin/')")]:
            with pytest.raises(ValidationError):
                version_add(actor=users["poc"], document=document,
                            upload=SimpleUploadedFile(name, body))
        assert document.versions.count() == before


@pytest.mark.django_db
class TestFinding4ModerationRewritesAndOverridesConsent:
    def test_text_stays_and_consent_is_never_overridden(self, client, users, current_plan):
        contribution = Contribution.objects.create(
            process=current_plan.cocreation_processes.first(), text="Texte du citoyen.",
            language="fr", stakeholder_type="citizen", consent_to_publish=False)
        client = as_user(client, users["moderator"])
        response = client.post(
            reverse("admin:cocreation_contribution_change", args=[contribution.pk]),
            {"text": "Texte réécrit", "consent_to_publish": "on"})
        assert response.status_code == 302 and "login" in response["Location"]
        client.post(reverse("workspace:moderate", args=["contribution", contribution.pk]),
                    {"decision": "published"})
        with pytest.raises(ValidationError):
            contribution_moderate(actor=users["moderator"], contribution=contribution,
                                  state="published")
        contribution.refresh_from_db()
        assert contribution.text == "Texte du citoyen."
        assert not contribution.consent_to_publish
        assert contribution.moderation_state == ModerationState.PENDING


@pytest.mark.django_db
class TestFinding5PersonalDataForEveryRole:
    def test_who_sees_a_contributor_s_address(self, users, current_plan):
        pending = Contribution.objects.create(
            process=current_plan.cocreation_processes.first(), text="x", language="fr",
            stakeholder_type="citizen", author_email="awa@example.org")
        published = Contribution.objects.filter(moderation_state="published").first()
        see = {role for role, user in users.items()
               if user and user.has_perm("core.view_personal_data", pending)}
        assert see == {"poc", "moderator", "superuser"}
        see = {role for role, user in users.items()
               if user and user.has_perm("core.view_personal_data", published)}
        assert see == {"poc", "superuser"}

    def test_the_moderation_desk_shows_the_address_only_while_pending(self, client, users,
                                                                      current_plan):
        Contribution.objects.create(
            process=current_plan.cocreation_processes.first(), text="Idée en attente",
            language="fr", stakeholder_type="citizen", author_email="awa@example.org")
        page = as_user(client, users["moderator"]).get(
            reverse("workspace:moderation_desk")).content.decode()
        assert "awa@example.org" in page
        for role in ("forum", "irm", "agency"):
            assert as_user(client, users[role]).get(
                reverse("workspace:moderation_desk")).status_code == 403
            admin = as_user(client, users[role]).get(
                reverse("admin:cocreation_contribution_changelist"), follow=True)
            assert admin.redirect_chain[-1][0] == reverse("workspace:home")
            assert "awa@example.org" not in admin.content.decode()


@pytest.mark.django_db
def test_finding_6_a_moderator_does_not_answer_for_the_agency(client, users):
    comment = Comment.objects.filter(moderation_state=ModerationState.PUBLISHED,
                                     progress_update__isnull=False).first()
    before = comment.answer_fr
    response = as_user(client, users["moderator"]).post(
        reverse("workspace:answer", args=[comment.pk]), {"answer_fr": "Réponse usurpée"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.answer_fr == before != "Réponse usurpée"


@pytest.mark.django_db
def test_finding_7_only_the_poc_team_assigns_number_and_lead_agency(users,
                                                                     own_and_other_commitment):
    own, _ = own_and_other_commitment
    assert {role for role, user in users.items()
            if user and user.has_perm("plans.assign_commitment", own)} == {"poc", "superuser"}
    assert users["agency"].has_perm("plans.change_commitment", own)


@pytest.mark.django_db
def test_finding_8_an_agency_opening_a_plan_in_the_admin_gets_no_error(client, users,
                                                                        current_plan):
    response = as_user(client, users["agency"]).get(
        reverse("admin:plans_actionplan_change", args=[current_plan.pk]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("workspace:home")
    # The rules themselves accept a plan where they expect a commitment, without an error.
    assert not users["agency"].has_perm("plans.change_commitment", current_plan)
    assert not users["agency"].has_perm("tracking.add_progressupdate", current_plan)


@pytest.mark.django_db
def test_administrators_do_not_read_contributors_addresses_in_the_admin(client, users,
                                                                         current_plan):
    contribution = Contribution.objects.create(
        process=current_plan.cocreation_processes.first(), text="Une idée publiée",
        language="fr", stakeholder_type="citizen", consent_to_publish=True,
        moderation_state=ModerationState.PUBLISHED, author_email="secret@example.org")
    comment = Comment.objects.filter(moderation_state=ModerationState.PUBLISHED).first()
    Comment.objects.filter(pk=comment.pk).update(author_email="hidden@example.org")
    client = as_user(client, users["administrator"])
    for url, address in [
        (reverse("admin:cocreation_contribution_change", args=[contribution.pk]),
         "secret@example.org"),
        (reverse("admin:tracking_comment_change", args=[comment.pk]), "hidden@example.org"),
    ]:
        page = client.get(url)
        assert page.status_code == 200 and address not in page.content.decode()
    guess = client.get(reverse("admin:cocreation_contribution_changelist"),
                       {"author_email__startswith": "secret"})
    assert guess.status_code == 400
    # The POC team, who answers contributors, still reads it (in the workspace).
    assert users["poc"].has_perm("core.view_personal_data", contribution)
