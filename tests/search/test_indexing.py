"""The index follows the records one at a time, after commit, in a background task: a change
never rebuilds the whole index, a rolled-back change indexes nothing, and what stops being
public leaves the search."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from opengov.cocreation import services as cocreation
from opengov.cocreation.models import Contribution, ReasonedResponse
from opengov.core.models import ModerationState
from opengov.plans.models import ActionPlan
from opengov.search.index import SOURCES, index, rebuild
from opengov.search.models import SearchEntry
from opengov.search.query import search
from opengov.tracking.models import ProgressUpdate

pytestmark = pytest.mark.django_db


# Each write below sits in a block that runs its commit callbacks, as a commit would.


def found(query, kind=""):
    return [h.entry.object_id for h in search(query, lang="en", kind=kind)[0]]


def snapshot():
    return {(e.kind, e.object_id): (e.terms, e.url, e.plan_id)
            for e in SearchEntry.objects.all()}


@pytest.fixture
def process(current_plan):
    return current_plan.cocreation_processes.first()


def test_a_published_contribution_is_found_and_nothing_else_is_rewritten(
        process, users, django_capture_on_commit_callbacks):
    others = dict(SearchEntry.objects.values_list("pk", "terms"))
    with django_capture_on_commit_callbacks(execute=True):
        contribution = Contribution.objects.create(
            process=process, text="Quetzalcoatl transparency registers", language="en",
            stakeholder_type="citizen", consent_to_publish=True)
    assert found("quetzalcoatl") == []  # pending: not public
    with django_capture_on_commit_callbacks(execute=True):
        cocreation.contribution_moderate(actor=users["poc"], contribution=contribution,
                                         state=ModerationState.PUBLISHED)
    assert found("quetzalcoatl") == [contribution.pk]
    # Every other entry kept its row: the index was not rebuilt.
    after = dict(SearchEntry.objects.values_list("pk", "terms"))
    assert {pk: after[pk] for pk in others} == others

    with django_capture_on_commit_callbacks(execute=True):
        cocreation.contribution_moderate(actor=users["poc"], contribution=contribution,
                                         state=ModerationState.SPAM, reason="advert")
    assert found("quetzalcoatl") == []
    assert not SearchEntry.objects.filter(kind="contribution", object_id=contribution.pk)


def test_a_change_that_is_rolled_back_indexes_nothing(process,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                Contribution.objects.create(
                    process=process, text="Xylophonist rollback", language="en",
                    stakeholder_type="citizen", consent_to_publish=True,
                    moderation_state=ModerationState.PUBLISHED)
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert callbacks == [] and found("xylophonist") == []


def test_one_transaction_enqueues_one_task(process, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for n in range(3):
            Contribution.objects.create(
                process=process, text=f"Zeppelin idea {n}", language="en",
                stakeholder_type="citizen", consent_to_publish=True,
                moderation_state=ModerationState.PUBLISHED)
    flushes = [c for c in callbacks if type(getattr(c, "__self__", None)).__name__ == "_Batch"]
    assert len(flushes) == 1 and len(found("zeppelin")) == 3


def test_a_response_is_searchable_with_the_contributions_it_answers(
        process, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        contribution = Contribution.objects.create(
            process=process, text="Bus lanes", language="en", stakeholder_type="citizen",
            consent_to_publish=True, moderation_state=ModerationState.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        response = ReasonedResponse.objects.create(
            process=process, decision="included", summary="s", consideration="c",
            influence="i", reasons_en="Kumquat reasons", published_on=timezone.localdate())
        response.contributions.set([contribution])
    assert found("kumquat") == [contribution.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response.contributions.set([])
    assert found("kumquat") == []


def test_withdrawing_a_plan_withdraws_everything_under_it(
        current_plan, django_capture_on_commit_callbacks):
    under = SearchEntry.objects.filter(plan=current_plan).exclude(kind="plan")
    kinds = set(under.values_list("kind", flat=True))
    assert {"commitment", "milestone", "update", "contribution"} <= kinds
    with django_capture_on_commit_callbacks(execute=True):
        ActionPlan.objects.filter(pk=current_plan.pk).update(is_public=False)
        ActionPlan.objects.get(pk=current_plan.pk).save()
    assert not SearchEntry.objects.filter(plan=current_plan).exists()
    with django_capture_on_commit_callbacks(execute=True):
        plan = ActionPlan.objects.get(pk=current_plan.pk)
        plan.is_public = True
        plan.save()
    assert set(under.values_list("kind", flat=True)) == kinds


def test_an_update_dated_later_is_not_found_before_its_day(
        current_plan, django_capture_on_commit_callbacks):
    commitment = current_plan.commitments.first()
    with django_capture_on_commit_callbacks(execute=True):
        update = ProgressUpdate.objects.create(
            commitment=commitment, completion="limited", timeliness="on_time",
            summary="Wombat milestone reached",
            published_on=timezone.localdate() + timedelta(days=2))
    assert found("wombat") == []
    # On its day, the task the save scheduled indexes it (see tests/tasks for the wait).
    import time_machine

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        index("update", [update.pk])
        assert found("wombat") == [update.pk]


def test_indexing_record_by_record_gives_what_a_rebuild_gives():
    rebuilt = (rebuild(), snapshot())
    SearchEntry.objects.all().delete()
    total = sum(index(kind, list(source.records().values_list("pk", flat=True)))
                for kind, source in SOURCES.items())
    assert (total, snapshot()) == rebuilt
