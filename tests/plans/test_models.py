"""What the handbook fixes about plans and commitments: C1, C2, C7, CM2, CM5, CM6."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from opengov.plans.models import ActionPlan, Commitment, PlanVersion
from opengov.plans.services import plan_submit


def new_plan(member, **overrides):
    fields = {"member": member, "number": 9, "slug": "p9", "title": "Plan", "start_year": 2025,
              "duration_years": 2, "delivery_slot": "june"}
    fields.update(overrides)
    return ActionPlan(**fields)


def new_commitment(plan, number=1, **overrides):
    fields = {"plan": plan, "number": number, "slug": f"c{number}", "title": "Commitment",
              "short_description": "Short.", "lead_agency": plan.member.lead_agency,
              "period_start": date(2025, 7, 1), "period_end": date(2027, 6, 30)}
    fields.update(overrides)
    return Commitment(**fields)


@pytest.mark.django_db
class TestActionPlan:
    def test_c2_end_date_follows_slot_start_and_duration(self, demo):
        plan = new_plan(demo, delivery_slot="june", start_year=2025, duration_years=4)
        plan.save()
        assert plan.ends_on == date(2029, 6, 30)
        plan.delivery_slot = "december"
        plan.save()
        assert plan.ends_on == date(2029, 12, 31)

    def test_c1_duration_other_than_two_or_four_is_refused_by_validation(self, demo):
        plan = new_plan(demo, duration_years=3)
        with pytest.raises(ValidationError) as error:
            plan.full_clean(exclude=["ends_on"])
        assert "duration_years" in error.value.message_dict

    def test_c1_database_refuses_a_three_year_plan_even_without_validation(self, demo):
        plan = new_plan(demo, duration_years=2)
        plan.save()
        with pytest.raises(IntegrityError), transaction.atomic():
            ActionPlan.objects.filter(pk=plan.pk).update(duration_years=3)

    def test_c2_database_refuses_an_end_date_off_the_slots(self, demo):
        plan = new_plan(demo)
        plan.save()
        with pytest.raises(IntegrityError), transaction.atomic():
            ActionPlan.objects.filter(pk=plan.pk).update(ends_on=date(2027, 5, 31))

    def test_plan_number_is_unique_per_member_among_live_plans(self, demo):
        new_plan(demo).save()
        with pytest.raises(IntegrityError), transaction.atomic():
            new_plan(demo, slug="other").save()


@pytest.mark.django_db
class TestCommitment:
    @pytest.mark.parametrize(("length", "valid"), [(199, True), (200, False), (250, False)])
    def test_cm2_short_description_under_200_characters(self, current_plan, length, valid):
        commitment = new_commitment(current_plan, number=50, short_description="é" * length)
        if valid:
            commitment.full_clean()
        else:
            with pytest.raises(ValidationError) as error:
                commitment.full_clean()
            assert "short_description" in error.value.message_dict

    def test_cm5_no_challenge_commitment_during_co_creation(self, demo):
        plan = new_plan(demo)
        plan.save()
        commitment = new_commitment(plan, is_challenge=True)
        with pytest.raises(ValidationError, match="CM5"):
            commitment.full_clean()
        with pytest.raises(ValidationError, match="CM5"):
            commitment.save()

    def test_cm5_at_most_two_challenge_commitments_per_plan(self, current_plan):
        new_commitment(current_plan, number=51, is_challenge=True).save()
        new_commitment(current_plan, number=52, is_challenge=True).save()
        third = new_commitment(current_plan, number=53, is_challenge=True)
        with pytest.raises(ValidationError, match="at most two"):
            third.save()
        assert not Commitment.objects.filter(plan=current_plan, number=53).exists()

    def test_cm5_a_soft_deleted_challenge_frees_its_place(self, current_plan):
        first = new_commitment(current_plan, number=51, is_challenge=True)
        first.save()
        new_commitment(current_plan, number=52, is_challenge=True).save()
        first.delete()
        new_commitment(current_plan, number=53, is_challenge=True).save()

    def test_cm6_local_commitment_needs_a_national_policy(self, current_plan):
        commitment = new_commitment(current_plan, number=54, is_local=True)
        with pytest.raises(ValidationError) as error:
            commitment.full_clean()
        assert "national_policy" in error.value.message_dict

    def test_period_cannot_end_before_it_starts(self, current_plan):
        commitment = new_commitment(current_plan, number=55, period_end=date(2024, 1, 1))
        with pytest.raises(ValidationError):
            commitment.full_clean()


@pytest.mark.django_db
class TestFrozenVersions:
    """C7: the version the IRM reviews is the plan as first submitted, forever."""

    def submitted_plan(self, demo, admin_user):
        plan = new_plan(demo)
        plan.save()
        new_commitment(plan, title_en="Open contracts", title_fr="Contrats ouverts").save()
        version = plan_submit(actor=admin_user, plan=plan, delivered_on=date(2025, 6, 20))
        return plan, version

    def test_submitting_freezes_the_text_in_every_language(self, demo, admin_user):
        plan, version = self.submitted_plan(demo, admin_user)
        Commitment.objects.filter(plan=plan).update(title_en="Changed", title_fr="Changé")
        version.refresh_from_db()
        frozen = version.snapshot["commitments"][0]["title"]
        assert frozen["en"] == "Open contracts" and frozen["fr"] == "Contrats ouverts"
        plan.refresh_from_db()
        assert plan.status == ActionPlan.Status.IMPLEMENTATION and plan.is_public
        # C5: the plan counts as delivered on the day it is published.
        assert plan.delivered_on == version.delivered_on == date(2025, 6, 20)

    def test_a_version_can_be_neither_changed_nor_deleted(self, demo, admin_user):
        _, version = self.submitted_plan(demo, admin_user)
        version.change_notes = {"en": "sneaky edit"}
        with pytest.raises(ValidationError, match="C7"):
            version.save()
        with pytest.raises(ValidationError, match="C7"):
            version.delete()
        with pytest.raises(ValidationError, match="C7"):
            PlanVersion.objects.filter(pk=version.pk).update(change_notes={})
        with pytest.raises(ValidationError, match="C7"):
            PlanVersion.objects.filter(pk=version.pk).delete()
        assert PlanVersion.objects.get(pk=version.pk).change_notes == {}

    def test_submitting_twice_is_refused(self, demo, admin_user):
        plan, _ = self.submitted_plan(demo, admin_user)
        with pytest.raises(ValidationError, match="already submitted"):
            plan_submit(actor=admin_user, plan=plan, delivered_on=date(2025, 6, 21))
        assert plan.versions.count() == 1

    def test_a_plan_without_commitments_cannot_be_submitted(self, demo, admin_user):
        plan = new_plan(demo)
        plan.save()
        with pytest.raises(ValidationError):
            plan_submit(actor=admin_user, plan=plan, delivered_on=date(2025, 6, 20))
        assert not plan.versions.exists()
