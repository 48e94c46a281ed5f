"""Nothing is ever lost: every change keeps its history, in every language; deletion hides."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from opengov.cocreation.models import ReasonedResponse
from opengov.plans.models import Commitment, Milestone
from opengov.tracking.models import ProgressUpdate


@pytest.mark.django_db
def test_history_keeps_every_language_of_each_change(own_and_other_commitment):
    commitment, _ = own_and_other_commitment
    before = commitment.history.count()
    commitment.title_fr = "Données ouvertes sur les marchés publics (révisé)"
    commitment.save()
    commitment.title_en = "Open data on public contracts (revised)"
    commitment.save()
    records = list(commitment.history.order_by("-history_id")[:3])
    assert commitment.history.count() == before + 2
    assert records[0].title_en == "Open data on public contracts (revised)"
    assert records[1].title_en == "Open data on public procurement"
    assert records[1].title_fr == "Données ouvertes sur les marchés publics (révisé)"
    assert records[2].title_fr == "Données ouvertes sur la commande publique"


@pytest.mark.django_db
def test_soft_delete_cascades_and_undelete_restores(own_and_other_commitment):
    commitment, _ = own_and_other_commitment
    milestone_ids = list(commitment.milestones.values_list("pk", flat=True))
    update_ids = list(ProgressUpdate.objects.filter(commitment=commitment).values_list("pk",
                                                                                      flat=True))
    assert milestone_ids and update_ids
    commitment.delete()
    assert not Commitment.objects.filter(pk=commitment.pk).exists()
    assert not Milestone.objects.filter(pk__in=milestone_ids).exists()
    assert not ProgressUpdate.objects.filter(pk__in=update_ids).exists()
    assert Milestone.all_objects.filter(pk__in=milestone_ids).count() == len(milestone_ids)
    assert commitment.history.first().history_type == "~"

    Commitment.all_objects.get(pk=commitment.pk).undelete()
    assert Milestone.objects.filter(pk__in=milestone_ids).count() == len(milestone_ids)
    assert ProgressUpdate.objects.filter(pk__in=update_ids).count() == len(update_ids)


@pytest.mark.django_db
def test_history_records_who_changed_what_through_the_admin(client, users,
                                                          own_and_other_commitment):
    own, _ = own_and_other_commitment
    update = ProgressUpdate.objects.filter(commitment=own, milestone=None).first()
    data = {k: v for k, v in model_to_dict(update).items() if v is not None}
    data["summary_en"] = "Awards are now published every day."
    client.force_login(users["superuser"])
    response = client.post(reverse("admin:tracking_progressupdate_change", args=[update.pk]),
                           data)
    assert response.status_code == 302
    latest = update.history.order_by("-history_id").first()
    assert latest.summary_en == "Awards are now published every day."
    assert latest.history_user == users["superuser"]


@pytest.mark.django_db
def test_history_keeps_which_commitments_a_response_led_to(current_plan):
    response = ReasonedResponse.objects.filter(process__plan=current_plan,
                                               decision="included").first()
    before = set(response.commitments.values_list("pk", flat=True))
    extra = current_plan.commitments.exclude(pk__in=before).first()
    response.commitments.add(extra)
    latest = response.history.order_by("-history_id").first()
    assert {row.commitment_id for row in latest.commitments.all()} == before | {extra.pk}
    previous = response.history.order_by("-history_id")[1]
    assert {row.commitment_id for row in previous.commitments.all()} == before
