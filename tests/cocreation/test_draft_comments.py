"""Public comment on the draft plan (CC7, CC8): a frozen draft read part by part, comments
without an account on the whole plan, a commitment or one field of its template, moderated
and answered like every contribution, and what changed once the plan is delivered."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from opengov.cocreation import drafts, selectors, services
from opengov.cocreation.models import Contribution, InputMechanism
from opengov.core.forms import form_started_token
from opengov.core.models import ModerationState
from opengov.plans.models import Commitment
from tests.helpers import status

pytestmark = pytest.mark.django_db
PLAN = "valmerre-plan-3"


@pytest.fixture(autouse=True)
def _clean():
    cache.clear()  # rate limits


@pytest.fixture
def open_draft(current_plan):
    return InputMechanism.objects.get(process__plan=current_plan, kind="draft_comment",
                                      process__purpose="refresh")


@pytest.fixture
def closed_draft(current_plan):
    return InputMechanism.objects.get(process__plan=current_plan, kind="draft_comment",
                                      process__purpose="plan")


def part_url(draft, commitment="", part="", lang="en"):
    with translation.override(lang):
        url = reverse("cocreation:draft_part", args=[PLAN, draft.pk])
    query = "&".join(f"{k}={v}" for k, v in (("commitment", commitment), ("part", part)) if v)
    return f"{url}?{query}" if query else url


def draft_url(draft, lang="en"):
    with translation.override(lang):
        return reverse("cocreation:draft", args=[PLAN, draft.pk])


def comment(draft, commitment="", part="", text="The problem forgets rural towns entirely.",
            **extra):
    data = {"text": text, "stakeholder_type": "citizen", "author_name": "", "author_email": "",
            "author_organisation": "", "consent_to_publish": "on",
            "started": form_started_token(), **extra}
    return Client().post(part_url(draft, commitment, part), data)


def test_a_comment_on_one_field_waits_for_moderation_then_is_shown_and_answered(
        open_draft, users):
    response = comment(open_draft, "water-transparency", "problem",
                       text="MARKER-draft the problem forgets rural towns.")
    assert response.status_code == 302 and "/contributions/C-" in response["Location"]
    saved = Contribution.objects.get(text__startswith="MARKER-draft")
    water = Commitment.objects.get(plan__slug=PLAN, slug="water-transparency")
    assert (saved.mechanism, saved.commitment, saved.draft_part) == (open_draft, water,
                                                                     "problem")
    assert saved.process == open_draft.process
    assert saved.moderation_state == ModerationState.PENDING
    receipt = Client().get(response["Location"]).content.decode()
    assert "About the draft" in receipt and "Problem definition" in receipt
    page = Client().get(part_url(open_draft, "water-transparency", "problem"))
    assert "MARKER-draft" not in page.content.decode()  # not before moderation

    services.contribution_moderate(actor=users["moderator"], contribution=saved,
                                   state="published")
    body = Client().get(part_url(open_draft, "water-transparency", "problem")).content.decode()
    assert "MARKER-draft" in body and "Not answered yet" in body
    assert "2 published comments" in body  # with the demo's one
    services.contributions_respond(
        actor=users["poc"], process=open_draft.process, contributions=[saved],
        decision="amended", publish=True,
        texts={"summary_en": "Rural towns", "consideration_en": "Read by the forum",
               "influence_en": "The problem now names them",
               "reasons_en": "A fair point", "beyond_plan_en": ""})
    body = Client().get(part_url(open_draft, "water-transparency", "problem")).content.decode()
    assert "Included with amendments" in body and "The problem now names them" in body
    # The draft page counts it under its part.
    outline = drafts.outline(open_draft, "en")
    water_part = next(c for c in outline["commitments"] if c["slug"] == "water-transparency")
    assert next(p for p in water_part["parts"] if p["name"] == "problem")["comments"] == 2


def test_the_whole_plan_and_a_whole_commitment_take_comments(open_draft):
    assert comment(open_draft).status_code == 302
    assert comment(open_draft, "open-contracting").status_code == 302
    plan_level, commitment_level = Contribution.objects.filter(
        mechanism=open_draft, moderation_state=ModerationState.PENDING,
        text__startswith="The problem forgets").order_by("pk")
    assert plan_level.commitment is None and plan_level.draft_part == ""
    assert commitment_level.commitment.slug == "open-contracting"
    assert commitment_level.draft_part == ""


def test_comments_count_as_contributions_for_the_feedback_and_cc9(open_draft):
    """CC9: every input gets a reasoned response; a comment on the draft is one."""
    before = selectors.received_contributions().filter(process=open_draft.process).count()
    comment(open_draft, "water-transparency", "solution")
    after = selectors.received_contributions().filter(process=open_draft.process).count()
    assert after == before + 1


def test_unknown_parts_are_not_found(open_draft):
    for commitment, part in (("no-such-commitment", ""), ("", "problem"),
                             ("water-transparency", "budget"),
                             ("water-transparency", "title")):
        assert Client().get(part_url(open_draft, commitment, part)).status_code == 404
    assert comment(open_draft, "", "problem").status_code == 404
    assert not Contribution.objects.filter(text__startswith="The problem forgets").exists()


def test_a_closed_period_takes_no_comment(closed_draft):
    response = comment(closed_draft, "open-contracting", "problem")
    assert response.status_code == 200
    assert "The comment period closed on" in response.content.decode()
    assert not Contribution.objects.filter(text__startswith="The problem forgets").exists()


def test_the_draft_of_a_private_plan_is_not_found(open_draft, current_plan):
    type(current_plan).objects.filter(pk=current_plan.pk).update(is_public=False)
    assert Client().get(draft_url(open_draft)).status_code == 404
    assert comment(open_draft, "water-transparency", "problem").status_code == 404


def test_once_delivered_the_page_shows_what_changed_since_the_draft(closed_draft):
    body = Client().get(draft_url(closed_draft)).content.decode()
    assert "What changed between this draft and the delivered plan" in body
    assert "<ins> Small firms in the regions are hit first.</ins>" in body
    assert "<del>monthly.</del>" in body
    # The part shows the draft's words, not the delivered ones.
    part = Client().get(part_url(closed_draft, "open-contracting", "problem")).content.decode()
    assert "Small firms in the regions are hit first" not in part
    assert "regional small firms" in part  # the answer, published


def test_an_open_draft_shows_no_comparison_yet(open_draft):
    body = Client().get(draft_url(open_draft)).content.decode()
    assert "What changed between this draft" not in body
    assert "Comment on this part" in body and "open now" in body


def test_the_draft_is_frozen_when_the_period_is_added(current_plan, open_draft):
    mechanism = InputMechanism.objects.create(
        process=open_draft.process, kind="draft_comment", title="Second draft",
        opens_on=timezone.localdate(), closes_on=timezone.localdate() + timedelta(days=7))
    drafts.take_missing_drafts(open_draft.process)
    mechanism.refresh_from_db()
    assert mechanism.draft["commitments"] and mechanism.drafted_at
    water = Commitment.objects.get(plan=current_plan, slug="water-transparency")
    water.problem_en = "An entirely new problem text"
    water.save()
    mechanism.refresh_from_db()
    assert "An entirely new problem text" not in str(mechanism.draft)


def test_only_the_poc_team_takes_the_draft_again_and_only_before_comments(
        client, users, open_draft, current_plan):
    fresh = InputMechanism.objects.create(
        process=open_draft.process, kind="draft_comment", title="Fresh draft",
        opens_on=timezone.localdate(), closes_on=timezone.localdate() + timedelta(days=7))
    drafts.take_missing_drafts(open_draft.process)
    Commitment.objects.filter(plan=current_plan, slug="water-transparency").update(
        problem_en="Retaken problem text")
    with translation.override("en"):
        url = reverse("workspace:draft_retake", args=[fresh.pk])
    got = {role: status(client, user, url, "post") for role, user in users.items()}
    assert got == {"anonymous": 302, "no_role": 403, "forum": 403, "agency": 403,
                   "irm": 403, "moderator": 403, "administrator": 403, "poc": 302,
                   "superuser": 302}
    fresh.refresh_from_db()
    assert "Retaken problem text" in str(fresh.draft)
    with pytest.raises(ValidationError):
        drafts.draft_retake(actor=users["poc"], mechanism=open_draft)  # has comments


def test_only_a_draft_comment_names_a_commitment(current_plan, open_draft):
    online = InputMechanism.objects.filter(process=open_draft.process,
                                           kind="online_form").first()
    water = Commitment.objects.get(plan=current_plan, slug="water-transparency")
    with pytest.raises(ValidationError):
        services.contribution_submit(process=open_draft.process, mechanism=online,
                                     text="Some idea here", language="en",
                                     stakeholder_type="citizen", consent_to_publish=True,
                                     commitment=water)
    other = Commitment.objects.exclude(plan=current_plan).first()
    with pytest.raises(ValidationError):
        services.contribution_submit(process=open_draft.process, mechanism=open_draft,
                                     text="Some idea here", language="en",
                                     stakeholder_type="citizen", consent_to_publish=True,
                                     commitment=other)


def test_the_plan_page_links_the_drafts(client, open_draft, closed_draft):
    with translation.override("en"):
        body = client.get(reverse("web:plan_detail", args=[PLAN])).content.decode()
    assert draft_url(open_draft) in body and draft_url(closed_draft) in body


def test_the_desk_says_what_a_comment_is_about(client, users, open_draft):
    client.force_login(users["poc"])
    with translation.override("en"):
        url = reverse("workspace:cocreation_queue", args=[open_draft.process.pk])
    body = client.get(url).content.decode()
    assert "Comment on the draft" in body and "Milestones" in body


def test_an_amendment_has_its_own_process_and_draft(current_plan, users):
    """C7: the draft of an amendment goes to comment like the plan's; the rules still read
    the plan's own co-creation and refresh processes."""
    from opengov.cocreation.models import CoCreationProcess
    from opengov.compliance.facts import plan_facts

    before = plan_facts(current_plan, today=timezone.localdate())
    process = CoCreationProcess.objects.create(plan=current_plan, purpose="amendment",
                                               title="Amendment of commitment 6")
    draft = InputMechanism.objects.create(
        process=process, kind="draft_comment", title="Draft amendment",
        opens_on=timezone.localdate(), closes_on=timezone.localdate() + timedelta(days=14))
    drafts.take_missing_drafts(process)
    draft.refresh_from_db()
    assert comment(draft, "open-justice", "expected_results").status_code == 302
    assert Contribution.objects.get(mechanism=draft).process == process
    after = plan_facts(current_plan, today=timezone.localdate())
    assert (after.cocreation, after.refresh) == (before.cocreation, before.refresh)


def test_hidden_comments_still_keep_the_draft_as_it_was_read(users, open_draft):
    Contribution.objects.filter(mechanism=open_draft).delete()  # hidden, not removed
    with pytest.raises(ValidationError):
        drafts.draft_retake(actor=users["poc"], mechanism=open_draft)


def test_a_renamed_commitment_keeps_its_comments_on_the_draft(open_draft, current_plan):
    water = Commitment.objects.get(plan=current_plan, slug="water-transparency")
    Commitment.objects.filter(pk=water.pk).update(slug="water-quality")
    body = Client().get(part_url(open_draft, "water-transparency", "problem")).content.decode()
    assert "1 published comment" in body and "communes rurales" in body
    outline = drafts.outline(open_draft, "en")
    row = next(c for c in outline["commitments"] if c["slug"] == "water-transparency")
    assert row["all_comments"] == 2  # the problem and the milestones


def test_a_part_the_draft_leaves_empty_takes_no_comment(open_draft):
    draft = open_draft.draft
    (commitment,) = [c for c in draft["commitments"] if c["slug"] == "water-transparency"]
    commitment["causes"] = {"fr": "", "en": ""}
    InputMechanism.objects.filter(pk=open_draft.pk).update(draft=draft)
    assert Client().get(part_url(open_draft, "water-transparency", "causes")).status_code == 404
    assert Client().get(part_url(open_draft, "water-transparency", "problem")).status_code == 200


def test_the_kind_of_a_way_to_take_part_is_fixed_once_it_has_inputs(open_draft):
    from opengov.cocreation.forms import process_formsets

    formsets = process_formsets(None, open_draft.process, ["fr", "en"])
    fixed = {form.instance.pk: form.fields["kind"].disabled
             for form in formsets["mechanisms"].forms if form.instance.pk}
    assert fixed[open_draft.pk] is True
    assert all(fixed.values())  # the refresh's online form has inputs too


def test_spam_caught_by_the_traps_leaves_the_public_cache_alone(
        open_draft, django_capture_on_commit_callbacks):
    from opengov.core import content

    before = content.current().number
    # The version moves after commit: run what commit would run, or nothing could move it.
    with django_capture_on_commit_callbacks(execute=True):
        comment(open_draft, "water-transparency", "problem", website="http://spam.example")
    assert content.current().number == before
    assert Contribution.objects.filter(mechanism=open_draft, moderation_state="spam").exists()
    assert content.current().number == before


def test_a_comment_kept_private_is_told_so_on_its_receipt(open_draft):
    response = comment(open_draft, "water-transparency", "problem", consent_to_publish="")
    body = Client().get(response["Location"]).content.decode()
    assert "Received, kept private as you asked; it will still be answered" in body
    assert "A moderator reads every contribution before anything is published" not in body


def test_a_comment_written_while_the_draft_was_taken_again_is_shown_back(
        users, open_draft, current_plan):
    fresh = InputMechanism.objects.create(
        process=open_draft.process, kind="draft_comment", title="Fresh draft",
        opens_on=timezone.localdate(), closes_on=timezone.localdate() + timedelta(days=7))
    drafts.take_missing_drafts(open_draft.process)
    fresh.refresh_from_db()
    read = fresh.drafted_at.isoformat()
    drafts.draft_retake(actor=users["poc"], mechanism=fresh)
    response = comment(fresh, "water-transparency", "problem", draft_taken=read)
    body = response.content.decode()
    assert response.status_code == 200 and "The draft was updated while you were writing" in body
    assert "The problem forgets rural towns entirely." in body  # kept
    fresh.refresh_from_db()
    assert f'value="{fresh.drafted_at.isoformat()}"' in body
    assert not Contribution.objects.filter(mechanism=fresh).exists()
    again = comment(fresh, "water-transparency", "problem",
                    draft_taken=fresh.drafted_at.isoformat())
    assert again.status_code == 302
