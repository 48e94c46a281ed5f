"""Pinned query counts: no page makes more queries when its plan has more data.

Each page is read with a few records added to the demo (contributions, responses, groups,
IRM findings, comments, documents, updates, meetings, log lines), then with ten times as many
on the same plan: the number of queries must not change. A page whose count grows runs a
query per record (an N+1) and would not hold with thousands of them. Search, the API and the
feeds are pinned in their own tests.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from opengov.cocreation.models import (
    CoCreationProcess,
    Contribution,
    ContributionGroup,
    InputMechanism,
    ProblemReport,
    ReasonedResponse,
    Theme,
)
from opengov.core.models import Activity, ModerationState
from opengov.forum.models import Meeting, Registration
from opengov.plans.models import Commitment
from opengov.reports.models import IRMProduct, RequirementFinding
from opengov.repository.models import Document, DocumentVersion
from opengov.tracking.models import Comment, ProgressUpdate
from opengov.web.models import Page
from tests.helpers import as_user, count_queries

SMALL, LARGE = 3, 30


def grow(plan, n, *, start=0):
    """Add ``n`` of each kind of record to ``plan`` (numbered from ``start``)."""
    today = timezone.localdate()
    member = plan.member
    commitment = Commitment.objects.get(plan=plan, slug="open-contracting")
    themes = list(Theme.objects.filter(member=member)[:2])
    processes = list(CoCreationProcess.objects.filter(plan=plan).order_by("pk"))
    added = []
    for i in range(start, start + n):
        contribution = Contribution.objects.create(
            process=processes[i % len(processes)], text=f"GROW idea {i}", title=f"Idea {i}",
            language="en", stakeholder_type="citizen", consent_to_publish=True,
            moderation_state=ModerationState.PUBLISHED, author_name=f"Author {i}")
        contribution.themes.set(themes)
        added.append(contribution)
        draft = open_draft(plan)
        draft_comment = Contribution.objects.create(
            process=draft.process, mechanism=draft, commitment=commitment, draft_part="problem",
            text=f"GROW draft comment {i}", language="en", stakeholder_type="citizen",
            consent_to_publish=True, moderation_state=ModerationState.PUBLISHED)
        answer = ReasonedResponse.objects.create(
            process=draft.process, decision="amended", summary="s", consideration="c",
            influence="i", reasons="r", published_on=today)
        answer.contributions.set([draft_comment])
        answer.commitments.set([commitment])
        Contribution.objects.create(process=processes[0], text=f"GROW pending {i}",
                                    language="en", stakeholder_type="citizen",
                                    consent_to_publish=True)
    # One published response, one group and one IRM finding for every three contributions.
    for first in range(0, n, 3):
        batch = added[first:first + 3]
        response = ReasonedResponse.objects.create(
            process=batch[0].process, decision="rejected", summary="s", consideration="c",
            influence="i", reasons="r", published_on=today)
        response.contributions.set(batch)
        response.commitments.set([commitment])
        group = ContributionGroup.objects.create(process=batch[0].process,
                                                 name=f"Group {start + first}")
        group.contributions.set(batch)
        product = IRMProduct.objects.create(plan=plan, kind="implementation_check",
                                            summary=f"GROW review {start + first}")
        RequirementFinding.objects.create(product=product, requirement="R1", verdict="not_met")
    for i in range(start, start + n):
        document = Document.objects.create(
            member=member, kind="evidence", title=f"GROW document {i}", date=today,
            language="en", plan=plan, commitment=commitment, is_public=True)
        DocumentVersion.objects.create(document=document,
                                       file=ContentFile(b"Some evidence", name=f"g{i}.txt"))
        update = ProgressUpdate.objects.create(
            commitment=commitment, completion="limited", timeliness="on_time",
            summary=f"GROW update {i}", reported_on=today - timedelta(days=i),
            published_on=today - timedelta(days=i))
        update.evidence.set([document])
        for state in (ModerationState.PUBLISHED, ModerationState.PENDING):
            comment = Comment.objects.create(progress_update=update, text=f"GROW comment {i}",
                                             moderation_state=state)
            # Reported texts, hidden or not, with their reasons and notes (moderation desk).
            ProblemReport.objects.create(comment=comment, reason="spam", note=f"Note {i}",
                                         reporter=f"visitor-{i}")
        ProblemReport.objects.create(contribution=added[i - start], reason="abuse",
                                     reporter=f"visitor-{i}")
        Meeting.objects.create(forum=member.forum, kind="forum", title=f"GROW meeting {i}",
                               starts_at=timezone.now() - timedelta(days=i + 1),
                               format="online", is_public=True,
                               working_group=open_meeting(plan).working_group,
                               ).documents.set([document])
        for status in ("registered", "waiting", "pending"):
            Registration.objects.create(meeting=open_meeting(plan), name=f"GROW {i}",
                                        email=f"grow{i}.{status}@example.org", language="en",
                                        status=status, attended=status == "registered")
        Activity.objects.create(kind=Activity.Kind.UPDATE_POSTED, target_label=f"GROW {i}")


def open_draft(plan):
    """The demo's draft plan open for comment (the refresh)."""
    return InputMechanism.objects.get(process__plan=plan, kind="draft_comment",
                                      process__purpose="refresh")


def open_meeting(plan):
    """The demo's working group meeting that takes registrations."""
    return Meeting.objects.select_related("working_group").get(
        forum=plan.member.forum, registration_open=True, working_group__isnull=False)


def plan_url(name, plan):
    return reverse(name, args=[plan.slug])


def process_pk(plan):
    """The plan's first co-creation process (the closed one, with the demo's responses)."""
    return CoCreationProcess.objects.filter(plan=plan).order_by("pk").first().pk


PUBLIC_PAGES = {
    "home": lambda plan: reverse("web:home"),
    "plan list": lambda plan: reverse("web:plan_list"),
    "plan": lambda plan: plan_url("web:plan_detail", plan),
    "commitment": lambda plan: reverse("web:commitment_detail",
                                       args=[plan.slug, "open-contracting"]),
    "implementation": lambda plan: reverse("web:implementation"),
    "co-creation": lambda plan: plan_url("web:cocreation", plan),
    "co-creation, one process": lambda plan: plan_url("web:cocreation", plan)
    + f"?process={process_pk(plan)}",
    "feedback": lambda plan: plan_url("cocreation:feedback", plan),
    "feedback, page 2": lambda plan: plan_url("cocreation:feedback", plan) + "?page=2",
    "feedback, last page": lambda plan: plan_url("cocreation:feedback", plan) + "?page=-1",
    "feedback, filtered": lambda plan: plan_url("cocreation:feedback", plan)
    + f"?decision=rejected&process={process_pk(plan)}",
    "contribution form": lambda plan: plan_url("cocreation:contribute", plan),
    "draft plan": lambda plan: reverse("cocreation:draft", args=[plan.slug,
                                                                 open_draft(plan).pk]),
    "draft part": lambda plan: reverse("cocreation:draft_part", args=[
        plan.slug, open_draft(plan).pk]) + "?commitment=open-contracting&part=problem",
    "receipt": lambda plan: reverse("cocreation:receipt", args=[Contribution.objects.get(
        text="GROW idea 0").reference]),
    "report a contribution": lambda plan: reverse(
        "cocreation:report_contribution",
        args=[Contribution.objects.get(text="GROW idea 0").reference]),
    "report a comment": lambda plan: reverse("cocreation:report_comment", args=[
        Comment.objects.filter(text="GROW comment 0", moderation_state="published")[0].pk]),
    "moderation statistics": lambda plan: reverse("cocreation:moderation_statistics"),
    "similar ideas": lambda plan: plan_url("cocreation:similar_ideas", plan)
    + "?text=Another+GROW+idea+about+Ideas",
    "follow a commitment": lambda plan: reverse("follow:commitment",
                                                args=[plan.slug, "open-contracting"]),
    "follow the site": lambda plan: reverse("follow:site"),
    "documents": lambda plan: reverse("web:document_list"),
    "document": lambda plan: reverse("web:document_detail", args=[
        Document.objects.get(title="GROW document 0").pk]),
    "update": lambda plan: reverse("tracking:update_detail", args=[
        ProgressUpdate.objects.get(summary="GROW update 0").pk]),
    "forum": lambda plan: reverse("web:forum"),
    "meeting": lambda plan: reverse("web:meeting_detail", args=[
        Meeting.objects.get(title="GROW meeting 0").pk]),
    "register for a meeting": lambda plan: reverse("web:meeting_register",
                                                   args=[open_meeting(plan).pk]),
    "meeting invitation": lambda plan: reverse("web:meeting_ics", args=[open_meeting(plan).pk]),
    "working group": lambda plan: reverse("web:working_group",
                                          args=[open_meeting(plan).working_group_id]),
    "agencies": lambda plan: reverse("web:agencies"),
    "take part": lambda plan: reverse("web:take_part"),
    "page": lambda plan: reverse("web:page", args=[Page.objects.order_by("pk").first().slug]),
    "calendar": lambda plan: reverse("compliance:calendar"),
    "standards": lambda plan: plan_url("compliance:standards", plan),
}

# Every list page of the workspace, with a role that may read it.
DESK_PAGES = {
    "compliance dashboard": ("poc", lambda plan: reverse("compliance:dashboard")),
    "workspace home": ("poc", lambda plan: reverse("workspace:home")),
    "agency workspace home": ("agency", lambda plan: reverse("workspace:home")),
    "commitment desk": ("poc", lambda plan: reverse("workspace:commitment", args=[
        Commitment.objects.get(plan=plan, slug="open-contracting").pk])),
    "activity": ("poc", lambda plan: reverse("workspace:activity")),
    "plans": ("poc", lambda plan: reverse("workspace:plans")),
    "plan desk": ("poc", lambda plan: reverse("workspace:plan", args=[plan.pk])),
    "self-assessments": ("poc", lambda plan: reverse("workspace:self_assessments")),
    "repository desk": ("poc", lambda plan: reverse("workspace:repository_desk")),
    "co-creation desk": ("poc", lambda plan: reverse("workspace:cocreation_desk")),
    "contribution queue": ("poc", lambda plan: reverse("workspace:cocreation_queue",
                                                       args=[process_pk(plan)])),
    "groups": ("poc", lambda plan: reverse("workspace:cocreation_groups",
                                           args=[process_pk(plan)])),
    "moderation desk": ("moderator", lambda plan: reverse("workspace:moderation_desk")),
    "prioritisation": ("poc", lambda plan: reverse("workspace:prioritisation")),
    "forum desk": ("poc", lambda plan: reverse("workspace:forum_desk")),
    "meetings desk": ("poc", lambda plan: reverse("workspace:meeting_list")),
    "registrations desk": ("poc", lambda plan: reverse("workspace:meeting_registrations",
                                                       args=[open_meeting(plan).pk])),
    "working groups desk": ("poc", lambda plan: reverse("workspace:working_groups")),
    "IRM desk": ("irm", lambda plan: reverse("workspace:irm_desk")),
}


def queries_at_both_sizes(client, plan, url_of):
    grow(plan, SMALL)
    url = url_of(plan)
    client.get(url)  # warm the per-process caches (content types, site, translations)
    small = count_queries(client, url)
    grow(plan, LARGE - SMALL, start=SMALL)
    return small, count_queries(client, url)


@pytest.mark.django_db
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_page_queries_do_not_grow(client, current_plan, page):
    small, large = queries_at_both_sizes(client, current_plan, PUBLIC_PAGES[page])
    assert small == large, f"{page}: {small} queries with {SMALL} of each, {large} with {LARGE}"


@pytest.mark.django_db
@pytest.mark.parametrize("page", DESK_PAGES)
def test_desk_page_queries_do_not_grow(client, users, current_plan, page):
    role, url_of = DESK_PAGES[page]
    as_user(client, users[role])
    small, large = queries_at_both_sizes(client, current_plan, url_of)
    assert small == large, f"{page}: {small} queries with {SMALL} of each, {large} with {LARGE}"
