"""The public read API: `/api/v1/`, OpenAPI at `/api/v1/openapi.json`, docs at `/api/v1/docs`.

Read-only, no account, CORS open. Everything it returns is public: published plans,
commitments and updates, consenting and moderated contributions with published responses,
public meetings and documents, forum seats without private contacts.

Lists are paginated in the database: a page reads ``limit`` rows (and one COUNT), whatever
the size of the table, and only the columns it returns.
"""

import hashlib
import re
from datetime import date
from typing import Annotated

from django.core.cache import cache
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from ninja import NinjaAPI, Query, Schema
from ninja.openapi.docs import Swagger
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import BeforeValidator, Field

from opengov.cocreation.models import Contribution, ReasonedResponse, Theme
from opengov.core import content
from opengov.core.translation import in_every_language as texts
from opengov.forum.models import Meeting, Seat
from opengov.members.models import Member
from opengov.plans.models import ActionPlan, Commitment, Milestone
from opengov.repository.downloads import download_url
from opengov.repository.models import Document, DocumentVersion
from opengov.tracking.models import ProgressUpdate

from . import schemas as s


class SiteSwagger(Swagger):
    """The interactive docs (``/api/v1/docs``) in the site's frame and the reader's language
    (``templates/ninja/swagger.html``). That address has no language prefix, and the cache of
    public pages is keyed by address, not language: the page is never stored there, or one
    reader's language would be served to the next. Swagger UI's online validator is off: the
    page asks nothing of another site."""

    def render_page(self, request, api, **kwargs):
        response = super().render_page(request, api, **kwargs)
        add_never_cache_headers(response)
        return response


api = NinjaAPI(
    docs=SiteSwagger(settings={"validatorUrl": None}),
    title="OpenGov Platform open data API",
    version="1",
    description=(
        "Public, read-only data of OGP members: action plans, commitments, milestones, "
        "progress updates, contributions with their reasoned responses, forum meetings, "
        "documents and seats. Translated text comes in every content language. No key needed."
    ),
    urls_namespace="api",
)


def _iso_date(value):
    """Dates in queries are ISO 8601 only: "0" or "1700000000" is refused, not guessed."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
# Identifiers fit in a database integer: anything larger is refused (422), not a 500.
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


class Pagination(LimitOffsetPagination):
    """Limit and offset on the view's queryset: the database returns one page of rows (and
    a COUNT), then ``out`` turns each row of the page into its output.

    ``@paginate(Pagination, out=plan_out)``: the view returns a queryset, not a list. Its
    ordering must end with a unique key, or rows could move between pages.
    """

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=10**9)

    def __init__(self, *, out, **kwargs):
        self.out = out
        super().__init__(**kwargs)

    def _items_count(self, queryset):
        """Every page of a list has the same COUNT, over every public row: it is counted
        once and kept until public content changes (the query holds today's date, so a new
        day counts again). At 50,000 rows the COUNT was half the time of a page."""
        key = "api-count:" + hashlib.sha256(
            f"{content.current().number}|{queryset.query}".encode()).hexdigest()
        count = cache.get(key)
        if count is None:
            count = super()._items_count(queryset)
            cache.set(key, count, timeout=24 * 3600)
        return count

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page[self.items_attribute] = [self.out(row) for row in page[self.items_attribute]]
        return page


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def _download_url(document_id, number):
    with translation.override("en"):
        return download_url(document_id, number)  # on the download host, if there is one


# The columns each output reads (``only()``): long texts a list does not return stay in the
# database. Translated names stand for every language's column (modeltranslation).
PLAN_FIELDS = ("slug", "member__slug", "number", "title", "status", "start_year",
               "duration_years", "delivery_slot", "ends_on", "delivered_on")
COMMITMENT_FIELDS = ("plan__slug", "number", "slug", "title", "short_description",
                     "lead_agency__name", "lead_agency__acronym", "period_start", "period_end",
                     "is_challenge", "is_local")
MILESTONE_FIELDS = ("commitment", "number", "title", "expected_result", "due_on", "lead__name",
                    "lead__acronym")


def _themes():
    return Prefetch("themes", queryset=Theme.objects.only("slug"))


def _public_plans():
    return (ActionPlan.objects.public().select_related("member")
            .only(*PLAN_FIELDS))


def plan_out(plan):
    return {"slug": plan.slug, "member": plan.member.slug, "number": plan.number,
            "title": texts(plan, "title"), "status": plan.status,
            "start_year": plan.start_year, "duration_years": plan.duration_years,
            "delivery_slot": plan.delivery_slot, "ends_on": plan.ends_on,
            "delivered_on": plan.delivered_on, "url": _url("web:plan_detail", plan.slug)}


def milestone_out(m):
    return {"id": m.pk, "commitment_id": m.commitment_id, "number": m.number,
            "title": texts(m, "title"), "expected_result": texts(m, "expected_result"),
            "due_on": m.due_on, "lead": str(m.lead) if m.lead else None}


def commitment_out(c, detail=False):
    data = {"id": c.pk, "plan": c.plan.slug, "number": c.number, "slug": c.slug,
            "title": texts(c, "title"), "short_description": texts(c, "short_description"),
            "lead_agency": str(c.lead_agency), "period_start": c.period_start,
            "period_end": c.period_end, "is_challenge": c.is_challenge, "is_local": c.is_local,
            "themes": [t.slug for t in c.themes.all()],
            "url": _url("web:commitment_detail", c.plan.slug, c.slug)}
    if detail:
        for field in ("problem", "causes", "done_so_far", "solution", "expected_results",
                      "transparency", "accountability", "participation"):
            data[field] = texts(c, field)
        data["milestones"] = [milestone_out(m) for m in c.milestones.all()]
    return data


def _commitments():
    return (Commitment.objects.public()
            .select_related("plan", "lead_agency").prefetch_related(_themes())
            .order_by("plan__start_year", "plan__number", "number", "pk"))


class CommitmentFilters(Schema):
    plan: str | None = None
    lead_agency: str | None = None
    is_local: bool | None = None
    is_challenge: bool | None = None


@api.get("/members", response=list[s.MemberOut], tags=["members"])
def list_members(request):
    return [{"slug": m.slug, "kind": m.kind, "name": texts(m, "name"),
             "description": texts(m, "description"),
             "administrative_languages": m.administrative_languages, "website": m.website,
             "lead_agency": str(m.lead_agency) if m.lead_agency else None}
            for m in Member.objects.select_related("lead_agency")
            .only("slug", "kind", "name", "description", "administrative_languages", "website",
                  "lead_agency__name", "lead_agency__acronym").order_by("pk")]


@api.get("/plans", response=list[s.PlanOut], tags=["plans"])
@paginate(Pagination, out=plan_out)
def list_plans(request, member: str | None = None, status: str | None = None):
    plans = _public_plans().order_by("start_year", "number", "pk")
    if member:
        plans = plans.filter(member__slug=member)
    if status:
        plans = plans.filter(status=status)
    return plans


@api.get("/plans/{slug}", response=s.PlanOut, tags=["plans"])
def get_plan(request, slug: str):
    return plan_out(get_object_or_404(_public_plans(), slug=slug))


@api.get("/plans/{slug}/versions", response=list[s.VersionOut], tags=["plans"])
def list_versions(request, slug: str):
    plan = get_object_or_404(_public_plans(), slug=slug)
    return [{"number": v.number, "kind": v.kind, "delivered_on": v.delivered_on,
             "change_notes": v.change_notes}
            for v in plan.versions.only("plan", "number", "kind", "delivered_on", "change_notes")
            .order_by("number")]


@api.get("/commitments", response=list[s.CommitmentOut], tags=["commitments"])
@paginate(Pagination, out=commitment_out)
def list_commitments(request, filters: Query[CommitmentFilters]):
    commitments = _commitments().only(*COMMITMENT_FIELDS)
    if filters.plan:
        commitments = commitments.filter(plan__slug=filters.plan)
    if filters.lead_agency:
        commitments = commitments.filter(lead_agency__acronym__iexact=filters.lead_agency)
    if filters.is_local is not None:
        commitments = commitments.filter(is_local=filters.is_local)
    if filters.is_challenge is not None:
        commitments = commitments.filter(is_challenge=filters.is_challenge)
    return commitments


@api.get("/commitments/{commitment_id}", response=s.CommitmentDetailOut, tags=["commitments"])
def get_commitment(request, commitment_id: Id):
    commitment = get_object_or_404(
        _commitments().prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.select_related("lead")
                     .only(*MILESTONE_FIELDS))),
        pk=commitment_id)
    return commitment_out(commitment, detail=True)


@api.get("/milestones", response=list[s.MilestoneOut], tags=["commitments"])
@paginate(Pagination, out=milestone_out)
def list_milestones(request, plan: str | None = None, commitment: Id | None = None):
    milestones = (Milestone.objects.public()
                  .select_related("lead").only(*MILESTONE_FIELDS)
                  .order_by("commitment_id", "number", "pk"))
    if plan:
        milestones = milestones.filter(commitment__plan__slug=plan)
    if commitment:
        milestones = milestones.filter(commitment_id=commitment)
    return milestones


def update_out(u):
    return {"id": u.pk, "commitment_id": u.commitment_id, "milestone_id": u.milestone_id,
            "completion": u.completion, "timeliness": u.timeliness,
            "summary": texts(u, "summary"), "delay_reasons": texts(u, "delay_reasons"),
            "next_steps": texts(u, "next_steps"), "reported_on": u.reported_on,
            "published_on": u.published_on}


@api.get("/progress-updates", response=list[s.ProgressUpdateOut], tags=["implementation"])
@paginate(Pagination, out=update_out)
def list_updates(request, plan: str | None = None, commitment: Id | None = None,
                 since: IsoDate | None = None):
    updates = (ProgressUpdate.objects.public()
               .only("commitment", "milestone", "completion", "timeliness", "summary",
                     "delay_reasons", "next_steps", "reported_on", "published_on")
               .order_by("-reported_on", "-pk"))
    if plan:
        updates = updates.filter(commitment__plan__slug=plan)
    if commitment:
        updates = updates.filter(commitment_id=commitment)
    if since:
        updates = updates.filter(reported_on__gte=since)
    return updates


def response_out(r):
    return {"id": r.pk, "decision": r.decision, "summary": texts(r, "summary"),
            "consideration": texts(r, "consideration"), "influence": texts(r, "influence"),
            "reasons": texts(r, "reasons"), "beyond_plan": texts(r, "beyond_plan"),
            "commitment_ids": [c.pk for c in r.commitments.all()], "published_on": r.published_on}


def contribution_out(c):
    return {"reference": c.reference, "plan": c.process.plan.slug,
            "submitted_on": c.submitted_at.date(), "language": c.language,
            "stakeholder_type": c.stakeholder_type, "title": c.title, "text": c.text,
            "author_name": c.author_name, "themes": [t.slug for t in c.themes.all()],
            "responses": [response_out(r) for r in c.public_responses]}


@api.get("/contributions", response=list[s.ContributionOut], tags=["co-creation"])
@paginate(Pagination, out=contribution_out)
def list_contributions(request, plan: str | None = None, theme: str | None = None,
                       decision: str | None = None):
    responses = (ReasonedResponse.objects.public()
                 .only("decision", "summary", "consideration", "influence", "reasons",
                       "beyond_plan", "published_on")
                 .prefetch_related(Prefetch("commitments",
                                            queryset=Commitment.objects.only("pk"))))
    contributions = (Contribution.objects.public()
                     .select_related("process__plan")
                     .only("reference", "process__plan__slug", "submitted_at", "language",
                           "stakeholder_type", "title", "text", "author_name")
                     .prefetch_related(_themes(), Prefetch(
                         "responses", to_attr="public_responses", queryset=responses))
                     .order_by("submitted_at", "pk"))
    if plan:
        contributions = contributions.filter(process__plan__slug=plan)
    # ``pk__in`` a subquery, not a join: a contribution with two matching rows is still one
    # row, so the page and its count agree without DISTINCT (and the database starts from
    # the few matching rows).
    if theme:
        contributions = contributions.filter(
            pk__in=Theme.objects.filter(slug=theme).values("contributions"))
    if decision:
        contributions = contributions.filter(
            pk__in=ReasonedResponse.objects.public().filter(decision=decision)
            .values("contributions"))
    return contributions


def meeting_out(m):
    return {"id": m.pk, "kind": m.kind, "title": texts(m, "title"), "starts_at": m.starts_at,
            "format": m.format, "place": texts(m, "place"), "agenda": texts(m, "agenda"),
            "minutes": texts(m, "minutes") if m.minutes_are_public else {},
            "plan": m.plan.slug if m.plan else None,
            "url": _url("web:meeting_detail", m.pk)}


@api.get("/meetings", response=list[s.MeetingOut], tags=["forum"])
@paginate(Pagination, out=meeting_out)
def list_meetings(request, kind: str | None = None, since: IsoDate | None = None):
    meetings = (Meeting.objects.public().select_related("plan")
                .only("kind", "title", "starts_at", "format", "place", "agenda", "minutes",
                      "minutes_published_on", "is_public", "plan__slug")
                .order_by("-starts_at", "-pk"))
    if kind:
        meetings = meetings.filter(kind=kind)
    if since:
        meetings = meetings.filter(starts_at__date__gte=since)
    return meetings


def document_out(d):
    version = d.current_versions[0] if d.current_versions else None  # prefetched, latest
    return {"id": d.pk, "title": texts(d, "title"), "kind": d.kind, "date": d.date,
            "language": d.language, "licence": d.licence,
            "plan": d.plan.slug if d.plan else None, "commitment_id": d.commitment_id,
            "meeting_id": d.meeting_id, "external_url": d.external_url,
            "download_url": _download_url(d.pk, version.number) if version else None,
            "sha256": version.sha256 if version else None}


@api.get("/documents", response=list[s.DocumentOut], tags=["repository"])
@paginate(Pagination, out=document_out)
def list_documents(request, kind: str | None = None, plan: str | None = None,
                   commitment: Id | None = None):
    # Only the current version of each document, without the text extracted from its file.
    current = (DocumentVersion.objects.only("document", "number", "sha256")
               .order_by("-number")[:1])
    documents = (Document.objects.public().select_related("plan")
                 .only("title", "kind", "date", "language", "licence", "plan__slug",
                       "commitment", "meeting", "external_url")
                 .prefetch_related(Prefetch("versions", queryset=current,
                                            to_attr="current_versions"))
                 .order_by("-date", "pk"))
    if kind:
        documents = documents.filter(kind=kind)
    if plan:
        documents = documents.filter(plan__slug=plan)
    if commitment:
        documents = documents.filter(commitment_id=commitment)
    return documents


@api.get("/seats", response=list[s.SeatOut], tags=["forum"])
def list_seats(request, current: bool = True):
    seats = (Seat.objects.select_related("organisation", "person")
             .only("organisation__name", "organisation__acronym", "constituency", "person__name",
                   "person__is_public", "role", "starts_on", "ends_on", "selection")
             .order_by("constituency", "pk"))
    if current:
        today = timezone.localdate()
        seats = seats.filter(starts_on__lte=today).exclude(ends_on__lt=today)
    return [{"organisation": str(seat.organisation), "constituency": seat.constituency,
             "representative": seat.person.name if seat.person and seat.person.is_public
             else None, "role": texts(seat, "role"), "starts_on": seat.starts_on,
             "ends_on": seat.ends_on, "selection": seat.selection} for seat in seats]
