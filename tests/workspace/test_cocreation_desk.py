"""The co-creation desk and the moderation desk, for every role."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from opengov.cocreation.models import Contribution, ContributionGroup, ReasonedResponse
from opengov.cocreation.selectors import with_answer_state
from opengov.core.models import Activity, ModerationState
from tests.helpers import status

ROLES = ["anonymous", "no_role", "forum", "agency", "irm", "moderator", "administrator", "poc",
         "superuser"]
TEXTS = {"summary_fr": "Résumé des idées.", "consideration_fr": "Lu en atelier.",
         "influence_fr": "Jalon ajouté.", "reasons_fr": "Faisable.",
         "summary_en": "Summary of the ideas."}


@pytest.fixture
def process(current_plan):
    """The current plan's process with the most contributions still to answer."""
    processes = current_plan.cocreation_processes.all()
    return max(processes, key=lambda p: with_answer_state(
        Contribution.objects.filter(process=p)).filter(is_answered=False).count())


@pytest.fixture
def grouped(current_plan):
    """The current plan's process whose contributions the demo grouped."""
    return ContributionGroup.objects.filter(process__plan=current_plan).first().process




@pytest.mark.django_db
def test_who_reaches_each_page_of_the_desks(client, users, grouped):
    process = grouped
    group = ContributionGroup.objects.filter(process=process).first()
    team = {"poc": 200, "superuser": 200}
    pages = {
        reverse("workspace:cocreation_desk"): team,
        reverse("workspace:cocreation_queue", args=[process.pk]): team,
        reverse("workspace:cocreation_groups", args=[process.pk]): team,
        reverse("workspace:cocreation_import", args=[process.pk]): team,
        reverse("workspace:cocreation_answer", args=[process.pk]) + f"?group={group.pk}": team,
        reverse("workspace:moderation_desk"): {**team, "moderator": 200},
    }
    for url, allowed in pages.items():
        got = {role: status(client, users[role], url) for role in ROLES}
        expected = {role: allowed.get(role, 302 if role == "anonymous" else 403)
                    for role in ROLES}
        assert got == expected, url


@pytest.mark.django_db
def test_writes_are_refused_to_every_other_role(client, users, grouped):
    process = grouped
    contribution = Contribution.objects.filter(process=process,
                                               moderation_state="pending").first() or \
        Contribution.objects.create(process=process, text="x", language="fr",
                                    stakeholder_type="citizen", consent_to_publish=True)
    group = ContributionGroup.objects.filter(process=process).first()
    writes = [
        (reverse("workspace:cocreation_answer", args=[process.pk]),
         {"c": contribution.pk, "decision": "included", **TEXTS}),
        (reverse("workspace:cocreation_group_action", args=[process.pk]),
         {"action": "rename", "group": group.pk, "name": "Piraté"}),
        (reverse("workspace:moderate", args=["contribution", contribution.pk]),
         {"decision": "spam", "reason": "x"}),
    ]
    for role in ("forum", "agency", "irm", "administrator", "no_role"):
        for url, data in writes:
            assert status(client, users[role], url, "post", data) == 403, (role, url)
    assert status(client, users["moderator"], writes[0][0], "post", writes[0][1]) == 403
    group.refresh_from_db()
    contribution.refresh_from_db()
    assert group.name != "Piraté" and contribution.moderation_state == "pending"
    assert not ReasonedResponse.objects.filter(summary_fr=TEXTS["summary_fr"]).exists()


@pytest.mark.django_db
def test_another_member_s_process_is_not_found(client, users, process):
    from opengov.members.models import Member
    from opengov.plans.models import ActionPlan

    other_member = Member.objects.create(name="Autre", slug="autre", kind="national",
                                         administrative_languages=["fr"])
    plan = ActionPlan.objects.create(member=other_member, number=1, title="Autre plan",
                                     slug="autre-plan-1", start_year=2026, duration_years=2,
                                     delivery_slot="june")
    other = process.__class__.objects.create(plan=plan, title="Autre processus")
    client.force_login(users["poc"])
    assert client.get(reverse("workspace:cocreation_queue", args=[other.pk])).status_code == 404


@pytest.mark.django_db
class TestQueue:
    def test_shows_texts_filters_and_pages(self, client, users, process):
        client.force_login(users["poc"])
        url = reverse("workspace:cocreation_queue", args=[process.pk])
        unanswered = with_answer_state(Contribution.objects.filter(process=process)).filter(
            is_answered=False, has_draft_answer=False)
        page = client.get(url, {"answered": "no", "sort": "submitted_at"})
        shown = list(page.context["page"].object_list)
        assert shown and all(not c.is_answered for c in shown)
        assert len(shown) == min(25, unanswered.count())
        assert shown[0].text[:50] in page.content.decode()
        assert page.context["page"].paginator.count == unanswered.count()

    def test_crafted_filters_are_ignored_not_an_error(self, client, users, process):
        client.force_login(users["poc"])
        url = reverse("workspace:cocreation_queue", args=[process.pk])
        for query in ({"theme": "99999999999999999999999"}, {"stage": "abc"},
                      {"page": "-3"}, {"sort": "password"}, {"moderation_state": "spam'"},
                      {"answered": "maybe"}, {"q": "x" * 5000}):
            assert client.get(url, query).status_code == 200, query
        assert client.get(url, {"q": "\x00"}).status_code == 400

    def test_query_count_does_not_grow_with_the_queue(self, client, users, process,
                                                      django_assert_max_num_queries):
        client.force_login(users["poc"])
        url = reverse("workspace:cocreation_queue", args=[process.pk])
        client.get(url)
        with django_assert_max_num_queries(20) as before:
            client.get(url)
        Contribution.objects.bulk_create(
            Contribution(process=process, text=f"Idée numéro {n}", language="fr",
                         stakeholder_type="citizen", reference=f"C-TEST{n:04d}")
            for n in range(60))
        with django_assert_max_num_queries(len(before.captured_queries)):
            client.get(url)


@pytest.mark.django_db
class TestAnswering:
    def test_preview_saves_nothing_then_the_answer_is_published(
        self, client, users, process, django_capture_on_commit_callbacks
    ):
        client.force_login(users["poc"])
        chosen = list(with_answer_state(Contribution.objects.filter(process=process))
                      .filter(is_answered=False).exclude(moderation_state__in=["spam", "abuse"])
                      .order_by("pk")[:3])
        url = reverse("workspace:cocreation_answer", args=[process.pk])
        data = {"c": [c.pk for c in chosen], "decision": "amended", **TEXTS, "preview": "1"}
        preview = client.post(url, data)
        assert preview.status_code == 200
        body = preview.content.decode()
        assert "Summary of the ideas." in body and "Résumé des idées." in body
        assert not ReasonedResponse.objects.filter(summary_fr=TEXTS["summary_fr"]).exists()
        del data["preview"]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {**data, "publish": "on"})
        assert response.status_code == 302
        answer = ReasonedResponse.objects.get(summary_fr=TEXTS["summary_fr"])
        assert answer.summary_en == "Summary of the ideas." and answer.published_on
        assert set(answer.contributions.all()) == set(chosen)
        kinds = set(Activity.objects.filter(target_id=answer.pk).values_list("kind", flat=True))
        assert kinds == {"response_written", "response_published"}

    def test_a_response_missing_an_element_is_refused_with_the_reason(self, client, users,
                                                                      process):
        client.force_login(users["poc"])
        contribution = Contribution.objects.filter(process=process).first()
        response = client.post(reverse("workspace:cocreation_answer", args=[process.pk]), {
            "c": contribution.pk, "decision": "rejected", "summary_fr": "Seulement ceci"})
        assert response.status_code == 200 and "CC8" in response.content.decode()

    def test_contributions_of_another_process_are_not_answered_with_it(self, client, users,
                                                                       current_plan, process):
        other = Contribution.objects.exclude(process=process).first()
        client.force_login(users["poc"])
        response = client.post(reverse("workspace:cocreation_answer", args=[process.pk]),
                               {"c": other.pk, "decision": "included", **TEXTS})
        assert response.status_code == 302  # nothing to answer: back to the queue
        assert not ReasonedResponse.objects.filter(summary_fr=TEXTS["summary_fr"]).exists()


@pytest.mark.django_db
class TestGroups:
    def test_names_are_readable_words_and_members_are_texts(self, client, users, grouped):
        from opengov.cocreation.services import groups_suggest

        groups_suggest(actor=users["poc"], process=grouped)
        names = list(ContributionGroup.objects.filter(process=grouped, kind="similar")
                     .values_list("name", flat=True))
        assert names and any(ch in "".join(names) for ch in "éèàç")  # accents kept
        client.force_login(users["poc"])
        page = client.get(reverse("workspace:cocreation_groups", args=[grouped.pk]))
        group = ContributionGroup.objects.filter(process=grouped).first()
        assert escape(group.contributions.first().text[:40]) in page.content.decode()

    def test_rename_split_move_and_the_texts_never_change(self, client, users, grouped):
        client.force_login(users["poc"])
        url = reverse("workspace:cocreation_group_action", args=[grouped.pk])
        first, second = ContributionGroup.objects.filter(process=grouped).order_by("pk")[:2]
        texts = dict(Contribution.objects.filter(process=grouped).values_list("pk", "text"))
        client.post(url, {"action": "rename", "group": first.pk, "name": "Transport public"})
        members = list(first.contributions.order_by("pk"))
        assert len(members) >= 3
        client.post(url, {"action": "split", "group": first.pk, "c": [members[0].pk],
                          "name": "Horaires"})
        new = ContributionGroup.objects.get(process=grouped, name="Horaires")
        assert list(new.contributions.all()) == [members[0]]
        client.post(url, {"action": "move", "group": first.pk, "c": members[1].pk,
                          "to": second.pk})
        first.refresh_from_db()
        assert first.name == "Transport public"
        assert members[1] in second.contributions.all()
        assert members[1] not in first.contributions.all()
        assert dict(Contribution.objects.filter(process=grouped)
                    .values_list("pk", "text")) == texts
        assert Activity.objects.filter(kind="group_changed", actor=users["poc"]).count() == 3

    def test_bad_group_requests_are_explained(self, client, users, grouped):
        client.force_login(users["poc"])
        url = reverse("workspace:cocreation_group_action", args=[grouped.pk])
        group = ContributionGroup.objects.filter(process=grouped).first()
        for data in ({"action": "rename", "group": group.pk, "name": " "},
                     {"action": "split", "group": group.pk, "name": "x"},
                     {"action": "merge", "groups": [group.pk]}):
            response = client.post(url, data, follow=True)
            assert response.status_code == 200
            assert list(response.context["messages"]), data
        assert client.post(url, {"action": "accept", "group": "9" * 30}).status_code == 404


@pytest.mark.django_db
class TestModerationDesk:
    def test_no_publication_without_consent_and_the_reason_is_recorded(self, client, users,
                                                                        process):
        no_consent = Contribution.objects.create(process=process, text="Sans accord",
                                                 language="fr", stakeholder_type="citizen")
        consent = Contribution.objects.create(process=process, text="Avec accord",
                                              language="fr", stakeholder_type="citizen",
                                              consent_to_publish=True)
        client.force_login(users["moderator"])
        page = client.get(reverse("workspace:moderation_desk")).content.decode()
        assert "Sans accord" in page and "Avec accord" in page
        assert f'id="d-contribution-{no_consent.pk}-published"' not in page
        assert f'id="d-contribution-{consent.pk}-published"' in page
        client.post(reverse("workspace:moderate", args=["contribution", no_consent.pk]),
                    {"decision": "published"})
        client.post(reverse("workspace:moderate", args=["contribution", consent.pk]),
                    {"decision": "published"})
        no_consent.refresh_from_db()
        consent.refresh_from_db()
        assert no_consent.moderation_state == ModerationState.PENDING
        assert consent.moderation_state == ModerationState.PUBLISHED
        assert consent.moderation_decisions.get().decided_by == users["moderator"]

    def test_unknown_kinds_and_decisions_are_refused(self, client, users, process):
        item = Contribution.objects.filter(process=process).first()
        client.force_login(users["moderator"])
        assert client.post(reverse("workspace:moderate", args=["user", item.pk]),
                           {"decision": "spam"}).status_code == 404
        before = item.moderation_state
        client.post(reverse("workspace:moderate", args=["contribution", item.pk]),
                    {"decision": "deleted"})
        item.refresh_from_db()
        assert item.moderation_state == before

    def test_query_count_is_pinned(self, client, users, process, django_assert_max_num_queries):
        client.force_login(users["moderator"])
        client.get(reverse("workspace:moderation_desk"))
        with django_assert_max_num_queries(40) as before:
            client.get(reverse("workspace:moderation_desk"))
        Contribution.objects.bulk_create(
            Contribution(process=process, text=f"En attente {n}", language="fr",
                         stakeholder_type="citizen", reference=f"C-WAIT{n:04d}",
                         author_email=f"p{n}@example.org") for n in range(30))
        with django_assert_max_num_queries(len(before.captured_queries)):
            client.get(reverse("workspace:moderation_desk"))


@pytest.mark.django_db
def test_a_saved_response_is_published_from_the_desk(client, users, process,
                                                     django_capture_on_commit_callbacks):
    from opengov.cocreation.services import contributions_respond

    contribution = Contribution.objects.filter(process=process).first()
    response = contributions_respond(
        actor=users["poc"], process=process, contributions=[contribution],
        decision="rejected", texts=TEXTS)
    url = reverse("workspace:cocreation_response_publish", args=[response.pk])
    client.force_login(users["moderator"])
    assert client.post(url).status_code == 403
    client.force_login(users["poc"])
    desk = client.get(reverse("workspace:cocreation_desk")).content.decode()
    assert "Summary of the ideas" in desk
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    response.refresh_from_db()
    assert response.published_on is not None
    assert client.post(url).status_code == 404  # published once


def _posted(value):
    """A form value as a browser posts it (dates in ISO form, nothing as "")."""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else value


def process_data(process, langs, **changes):
    """The editor's form as the browser sends it for ``process`` (no row changed)."""
    from opengov.cocreation.forms import process_form, process_formsets

    form = process_form(langs)(instance=process, langs=langs)
    data = {name: _posted(form.initial.get(name)) for name in form.fields}
    for prefix, formset in process_formsets(None, process, langs).items():
        data.update({f"{prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for index, item in enumerate(formset.forms[:len(formset.initial_forms)]):
            for name in item.fields:
                value = item.initial.get(name)
                if name == "id":
                    value = item.instance.pk
                if value is not None:
                    data[f"{prefix}-{index}-{name}"] = _posted(value)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None and v is not False}


@pytest.mark.django_db
class TestProcessEditor:
    def test_only_the_poc_team_writes_a_process(self, client, users, current_plan, process):
        edit = reverse("workspace:process_edit", args=[process.pk])
        new = reverse("workspace:process_new") + f"?plan={current_plan.pk}"
        for url in (edit, new):
            got = {role: status(client, users[role], url) for role in ROLES}
            assert got == {role: 200 if role in ("poc", "superuser") else
                           302 if role == "anonymous" else 403 for role in ROLES}, url
        for role in ("moderator", "agency", "administrator"):
            assert status(client, users[role], edit, "post", {"purpose": "plan"}) == 403

    def test_a_new_stage_is_saved_and_a_period_backwards_is_refused(self, client, users,
                                                                     demo, process):
        from opengov.cocreation.models import Stage

        langs = demo.document_languages
        client.force_login(users["poc"])
        url = reverse("workspace:process_edit", args=[process.pk])
        stages = process.stages.count()
        extra = stages  # the index of the empty row
        data = process_data(process, langs, **{
            f"stages-{extra}-moment": "outreach", f"stages-{extra}-title_fr": "Ateliers",
            f"stages-{extra}-starts_on": "2026-12-10", f"stages-{extra}-ends_on": "2026-12-01"})
        page = client.post(url, data)
        assert page.status_code == 200
        assert "The end date comes before the start date." in page.content.decode()
        assert process.stages.count() == stages
        data[f"stages-{extra}-ends_on"] = "2026-12-20"
        assert client.post(url, data).status_code == 302
        assert Stage.objects.get(process=process, title_fr="Ateliers").ends_on.day == 20
        assert Activity.objects.filter(kind="process_saved", target_id=process.pk).exists()

    @pytest.mark.parametrize("field", ["development_starts_on", "timeline_published_on",
                                       "stages-0-ends_on"])
    @pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
    def test_a_date_far_out_is_refused_and_the_deadlines_still_show(self, client, users,
                                                                     demo, process, field,
                                                                     day):
        """Saved, such a date broke every page that counts deadlines from it (the calendar
        cannot go before year 1 or past 9999): the compliance dashboard, the standards page,
        the deadline calendar."""
        client.force_login(users["poc"])
        url = reverse("workspace:process_edit", args=[process.pk])
        page = client.post(url, process_data(process, demo.document_languages,
                                             **{field: day}))
        assert page.status_code == 200
        assert "Enter a date between 1900-01-01 and 2199-12-31." in page.content.decode()
        for reader in (reverse("compliance:dashboard"), reverse("compliance:calendar_ics"),
                       reverse("compliance:standards", args=[process.plan.slug])):
            assert client.get(reader).status_code == 200, reader

    def test_a_completed_plan_gets_no_new_process(self, client, users, demo):
        from opengov.plans.models import ActionPlan

        done = ActionPlan.objects.filter(member=demo, status="completed").first()
        client.force_login(users["poc"])
        url = reverse("workspace:process_new") + f"?plan={done.pk}"
        assert client.get(url).status_code == 404
        assert client.get(reverse("workspace:process_new") + "?plan=abc").status_code == 404


@pytest.mark.django_db
def test_spam_is_listed_but_not_offered_an_answer(client, users, process):
    spam = Contribution.objects.create(process=process, text="Gagnez de l'argent vite",
                                       language="fr", stakeholder_type="other",
                                       moderation_state="spam", moderation_reason="Publicité")
    client.force_login(users["poc"])
    page = client.get(reverse("workspace:cocreation_queue", args=[process.pk]),
                      {"moderation_state": "spam"}).content.decode()
    assert "Gagnez de l" in page
    assert f'value="{spam.pk}" id="select-{spam.pk}"' not in page
    assert f"?c={spam.pk}\"" not in page


@pytest.mark.django_db
def test_a_refusal_is_a_translated_page_with_a_way_back(client, users, process):
    client.force_login(users["forum"])
    page = client.get(f"/fr/workspace/co-creation/{process.pk}/contributions/")
    assert page.status_code == 403
    body = page.content.decode()
    assert "Vous ne pouvez pas faire ceci" in body and 'href="/fr/workspace/"' in body


@pytest.mark.django_db
def test_the_moderator_s_home_counts_contributions_and_comments(client, users, process):
    Contribution.objects.create(process=process, text="En attente", language="fr",
                                stakeholder_type="citizen")
    waiting = Contribution.objects.filter(process__plan__member=process.plan.member,
                                          moderation_state="pending").count()
    client.force_login(users["moderator"])
    body = client.get("/en/workspace/").content.decode()
    assert f"{waiting} contribution" in body and "comment" in body
