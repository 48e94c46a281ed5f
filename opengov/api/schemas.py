"""What the public API returns: public fields only, every language of translated text."""

from datetime import date, datetime

from ninja import Schema

Text = dict[str, str]  # {"fr": "...", "en": "...", "es": "..."}


class MemberOut(Schema):
    slug: str
    kind: str
    name: Text
    description: Text
    administrative_languages: list[str]
    website: str
    lead_agency: str | None


class PlanOut(Schema):
    slug: str
    member: str
    number: int
    title: Text
    status: str
    start_year: int
    duration_years: int
    delivery_slot: str
    ends_on: date
    delivered_on: date | None
    url: str


class VersionOut(Schema):
    number: int
    kind: str
    delivered_on: date
    change_notes: dict


class MilestoneOut(Schema):
    id: int
    commitment_id: int
    number: int
    title: Text
    expected_result: Text
    due_on: date | None
    lead: str | None


class CommitmentOut(Schema):
    id: int
    plan: str
    number: int
    slug: str
    title: Text
    short_description: Text
    lead_agency: str
    period_start: date
    period_end: date
    is_challenge: bool
    is_local: bool
    themes: list[str]
    url: str


class CommitmentDetailOut(CommitmentOut):
    problem: Text
    causes: Text
    done_so_far: Text
    solution: Text
    expected_results: Text
    transparency: Text
    accountability: Text
    participation: Text
    milestones: list[MilestoneOut]


class ProgressUpdateOut(Schema):
    id: int
    commitment_id: int
    milestone_id: int | None
    completion: str
    timeliness: str
    summary: Text
    delay_reasons: Text
    next_steps: Text
    reported_on: date
    published_on: date


class ResponseOut(Schema):
    id: int
    decision: str
    summary: Text
    consideration: Text
    influence: Text
    reasons: Text
    beyond_plan: Text
    commitment_ids: list[int]
    published_on: date


class ContributionOut(Schema):
    reference: str
    plan: str
    submitted_on: date
    language: str
    stakeholder_type: str
    title: str
    text: str
    author_name: str
    themes: list[str]
    responses: list[ResponseOut]


class MeetingOut(Schema):
    id: int
    kind: str
    title: Text
    starts_at: datetime
    format: str
    place: Text
    agenda: Text
    minutes: Text
    plan: str | None
    url: str


class DocumentOut(Schema):
    id: int
    title: Text
    kind: str
    date: date
    language: str
    licence: str
    plan: str | None
    commitment_id: int | None
    meeting_id: int | None
    external_url: str
    download_url: str | None
    sha256: str | None


class SeatOut(Schema):
    organisation: str
    constituency: str
    representative: str | None
    role: Text
    starts_on: date
    ends_on: date | None
    selection: str
