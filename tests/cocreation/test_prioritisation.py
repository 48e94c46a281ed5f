"""CC10: the forum scores candidate commitments on the handbook's four criteria; each seat
once per candidate, changeable until the round closes; the forum sees the aggregates by
constituency; the public reads them once published, never who gave which score."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opengov.cocreation import prioritisation
from opengov.cocreation.models import ContributionGroup, PrioritisationRound, Score
from opengov.core.roles import Role
from opengov.forum.models import Seat
from opengov.members.models import Organisation, Person
from opengov.plans.models import Commitment
from tests.helpers import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(demo, make_user):
    """Two forum members with a seat each: one for government, one for civil society."""
    organisation = Organisation.objects.filter(member=demo).first()
    seated = {}
    for name, constituency in (("t-gov", "government"), ("t-cso", "civil_society")):
        user = make_user(name, Role.FORUM_MEMBER, organisation=organisation)
        Seat.objects.create(forum=demo.forum, organisation=organisation,
                            person=Person.objects.get(user=user), constituency=constituency,
                            starts_on=timezone.localdate() - timedelta(days=30),
                            selection="appointment")
        seated[constituency] = user
    return seated


@pytest.fixture
def round_(current_plan, users):
    process = current_plan.cocreation_processes.order_by("pk").first()
    commitments = list(Commitment.objects.filter(plan=current_plan).order_by("number")[:2])
    today = timezone.localdate()
    return prioritisation.round_save(
        actor=users["poc"], process=process, commitments=commitments, values={
            "title": "Priorités 2026", "opens_on": today - timedelta(days=1),
            "closes_on": today + timedelta(days=10), "published_on": None})


def scores(round_, values):
    return {c.pk: dict(zip(Score.CRITERIA, values[i], strict=True))
            for i, c in enumerate(round_.candidates.order_by("pk"))}


def test_each_seat_scores_once_and_may_change_its_scores_until_the_round_closes(
        round_, members):
    prioritisation.scores_give(actor=members["government"], round_=round_,
                               scores=scores(round_, [(5, 4, 4, 5), (2, 2, 3, 2)]))
    prioritisation.scores_give(actor=members["government"], round_=round_,
                               scores=scores(round_, [(4, 4, 4, 4), (2, 2, 2, 2)]))
    assert Score.objects.filter(candidate__round=round_).count() == 2
    with pytest.raises(ValidationError):
        prioritisation.scores_give(actor=members["government"], round_=round_,
                                   scores=scores(round_, [(6, 4, 4, 4), (2, 2, 2, 2)]))
    PrioritisationRound.objects.filter(pk=round_.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1))
    round_.refresh_from_db()
    with pytest.raises(PermissionDenied):
        prioritisation.scores_give(actor=members["government"], round_=round_,
                                   scores=scores(round_, [(1, 1, 1, 1), (1, 1, 1, 1)]))


def test_the_result_shows_means_by_constituency(round_, members):
    prioritisation.scores_give(actor=members["government"], round_=round_,
                               scores=scores(round_, [(4, 4, 4, 4), (2, 2, 2, 2)]))
    prioritisation.scores_give(actor=members["civil_society"], round_=round_,
                               scores=scores(round_, [(2, 2, 2, 2), (5, 5, 5, 5)]))
    first, second = prioritisation.results(round_)
    assert first.all.overall == 3.5 and first.all.scorers == 2  # (2 + 5) / 2, best first
    assert first.by_constituency["government"].overall == 2.0
    assert first.by_constituency["civil_society"].overall == 5.0
    assert first.by_constituency["other"].scorers == 0
    assert second.all.overall == 3.0


@pytest.mark.parametrize("role", ["poc", "agency", "irm", "moderator", "forum", "no_role"])
def test_only_members_with_a_seat_score(client, users, round_, role):
    as_user(client, users[role])
    url = reverse("workspace:prioritisation_round", args=[round_.pk])
    page = client.get(url)
    assert page.status_code in (200, 403)
    assert 'id="score"' not in page.content.decode()  # no scoring form
    response = client.post(url, {f"c{c.pk}_{n}": "5" for c in round_.candidates.all()
                                 for n in Score.CRITERIA})
    assert response.status_code == 403
    assert not Score.objects.filter(candidate__round=round_).exists()


@pytest.mark.parametrize("role, status", [("poc", 200), ("forum", 200), ("agency", 403),
                                          ("irm", 403), ("moderator", 403),
                                          ("no_role", 403)])
def test_who_reads_the_prioritisation_desk(client, users, round_, role, status):
    as_user(client, users[role])
    assert client.get(reverse("workspace:prioritisation")).status_code == status
    assert client.get(reverse("workspace:prioritisation_round",
                              args=[round_.pk])).status_code == status


@pytest.mark.parametrize("role", ["forum", "agency", "irm", "moderator"])
def test_only_the_poc_team_sets_up_rounds(client, users, round_, role):
    as_user(client, users[role])
    assert client.get(reverse("workspace:prioritisation_new")
                      + f"?process={round_.process_id}").status_code == 403
    assert client.post(reverse("workspace:prioritisation_edit", args=[round_.pk]),
                       {"title": "x"}).status_code == 403


def test_a_member_scores_from_the_desk(client, round_, members):
    as_user(client, members["civil_society"])
    url = reverse("workspace:prioritisation_round", args=[round_.pk])
    page = client.get(url).content.decode()
    assert "1 – very low" in page and "Urgency and size of the problem" in page
    data = {f"c{c.pk}_{n}": "4" for c in round_.candidates.all() for n in Score.CRITERIA}
    assert client.post(url, data).status_code == 302
    assert Score.objects.filter(candidate__round=round_, constituency="civil_society",
                                urgency=4).count() == 2
    data[next(iter(data))] = "9"
    assert client.post(url, data).status_code == 200  # refused, with the reason


def test_the_result_is_public_only_once_published_and_shows_aggregates_only(
        round_, members, users, current_plan):
    prioritisation.scores_give(actor=members["civil_society"], round_=round_,
                               scores=scores(round_, [(5, 4, 3, 2), (1, 2, 3, 4)]))
    public = reverse("cocreation:prioritisation", args=[current_plan.slug, round_.pk])
    assert Client().get(public).status_code == 404
    with pytest.raises(ValidationError):  # never while members score
        prioritisation.round_save(actor=users["poc"], process=round_.process, round_=round_,
                                  values={"title": round_.title, "opens_on": round_.opens_on,
                                          "closes_on": round_.closes_on,
                                          "published_on": round_.closes_on},
                                  commitments=[c.commitment for c in round_.candidates.all()])
    today = timezone.localdate()
    PrioritisationRound.objects.filter(pk=round_.pk).update(
        closes_on=today - timedelta(days=2), published_on=today - timedelta(days=1))
    page = Client().get(public).content.decode()
    assert "3.5" in page or "3,5" in page  # (5 + 4 + 3 + 2) / 4
    assert Person.objects.get(user=members["civil_society"]).name not in page
    assert "t-cso" not in page
    plan_page = Client().get(current_plan.get_absolute_url()).content.decode()
    assert public in plan_page


def test_candidates_follow_the_choice_but_a_scored_one_stays(round_, members, users,
                                                             current_plan):
    first, second = round_.candidates.order_by("pk")
    prioritisation.scores_give(actor=members["government"], round_=round_,
                               scores=scores(round_, [(3, 3, 3, 3), (3, 3, 3, 3)]))
    group = ContributionGroup.objects.create(process=round_.process, name="Transport",
                                             status="accepted")
    prioritisation.round_save(
        actor=users["poc"], process=round_.process, round_=round_, groups=[group],
        values={"title": round_.title, "opens_on": round_.opens_on,
                "closes_on": round_.closes_on, "published_on": None})
    titles = set(round_.candidates.values_list("title", flat=True))
    assert titles == {first.title, second.title, "Transport"}  # scored ones kept
