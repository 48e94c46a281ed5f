"""Grouping of similar contributions and near-duplicates (CC6, CC7), on real-looking text."""

import pytest
from django.urls import reverse

from opengov.cocreation.grouping import suggest_groups
from opengov.cocreation.models import Contribution, ContributionGroup
from opengov.cocreation.services import groups_merge, groups_suggest

WATER = ["L'eau est coupée deux jours par semaine à Montbrac, personne ne prévient.",
         "Publier les analyses de qualité de l'eau potable commune par commune.",
         "Coupures d'eau dans le sud : informer les habitants par SMS.",
         "Water outages in the south should be reported by text message.",
         "Créer des comités d'usagers de l'eau pour suivre les coupures."]
BUDGET = ["Publier un budget citoyen en langage clair chaque année.",
          "Consulter le public sur le budget avant le vote de la loi de finances.",
          "Le budget de l'État est illisible : un budget citoyen simple svp.",
          "Publish a plain-language citizen budget every year.",
          "Expliquer le budget à la radio en langue locale."]


def test_distinct_topics_fall_into_distinct_groups():
    items = list(enumerate(WATER + BUDGET))
    result = suggest_groups(items)
    groups = [set(g.members) for g in result.groups]
    water, budget = set(range(5)), set(range(5, 10))
    assert all(g <= water or g <= budget for g in groups)  # no group mixes the two topics
    assert any(len(g & water) >= 3 for g in groups)
    assert any(len(g & budget) >= 2 for g in groups)
    labels = " ".join(g.label for g in result.groups)
    assert "eau" in labels and "budget" in labels


def test_near_duplicates_are_found_across_accents_and_case():
    items = [(1, "Publier les contrats signés et leurs avenants, pas seulement les appels."),
             (2, "PUBLIER les contrats signes et leurs avenants, pas seulement les appels !"),
             *((10 + i, text) for i, text in enumerate(WATER + BUDGET))]
    pairs = {(a, b) for a, b, _ in suggest_groups(items).duplicates}
    assert (1, 2) in pairs
    assert not any(a >= 10 and b >= 10 for a, b in pairs)


def test_too_little_text_gives_no_suggestion():
    assert suggest_groups([(1, "Eau"), (2, "")]).groups == []


@pytest.mark.django_db
class TestGroupsInThePlatform:
    def test_demo_suggestions_make_sense(self, current_plan):
        process = current_plan.cocreation_processes.get(purpose="plan")
        groups = ContributionGroup.objects.filter(process=process, kind="similar")
        assert 8 <= groups.count() <= 30
        water = [g for g in groups if "eau" in g.keywords]
        assert water, [g.keywords for g in groups]
        texts = " ".join(c.text.lower() for c in water[0].contributions.all())
        assert texts.count("eau") >= 3
        duplicates = ContributionGroup.objects.filter(process=process, kind="duplicate")
        assert duplicates.exists()  # workshop notes repeating an online idea

    def test_suggesting_again_keeps_what_staff_accepted(self, current_plan, users):
        process = current_plan.cocreation_processes.get(purpose="plan")
        kept = ContributionGroup.objects.filter(process=process).first()
        kept.status = ContributionGroup.Status.ACCEPTED
        kept.name = "Eau potable"
        kept.save()
        groups_suggest(actor=users["poc"], process=process)
        kept.refresh_from_db()
        assert kept.name == "Eau potable" and kept.status == "accepted"
        assert Contribution.objects.filter(process=process).count() >= 150  # nothing touched

    def test_merge_keeps_every_contribution(self, current_plan, users):
        first, second = ContributionGroup.objects.filter(
            process__plan=current_plan, kind="similar")[:2]
        members = set(first.contributions.all()) | set(second.contributions.all())
        merged = groups_merge(actor=users["poc"], groups=[first, second], name="Merged")
        assert set(merged.contributions.all()) == members and merged.status == "accepted"
        assert ContributionGroup.all_objects.get(pk=second.pk).deleted_at is not None

    def test_staff_suggest_from_the_desk_and_moderators_cannot(
            self, client, users, current_plan, django_capture_on_commit_callbacks):
        process = current_plan.cocreation_processes.get(purpose="plan")
        url = reverse("workspace:cocreation_group_action", args=[process.pk])
        client.force_login(users["moderator"])
        ContributionGroup.objects.filter(process=process).delete()
        assert client.post(url, {"action": "suggest"}).status_code == 403
        assert not ContributionGroup.objects.filter(process=process).exists()
        client.force_login(users["poc"])
        client.post(url, {"action": "suggest"})  # computed by a task, after commit
        process.refresh_from_db()
        assert process.grouping_in_progress
        assert not ContributionGroup.objects.filter(process=process).exists()
        page = client.get(reverse("workspace:cocreation_groups", args=[process.pk]))
        assert "are being computed" in page.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"action": "suggest"})
        process.refresh_from_db()
        assert ContributionGroup.objects.filter(process=process).exists()
        assert not process.grouping_in_progress
