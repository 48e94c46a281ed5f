"""Hostile input everywhere: no request may end in a server error.

Every form of the public site and the workspace, the GET filters of list pages and desks,
and the API's query parameters are fuzzed with hypothesis: overflowing, negative and Unicode
numbers, NUL bytes (the middleware answers 400), invalid choices and dates, 1 MB values,
several values where one is expected, a file where text is expected and text where a file
is. A bad value must end in a form error or another 4xx answer, never a 500.

The forms come from the URL resolver: every URL pattern whose view accepts POST is fuzzed,
signed in with a role that may use it, and its fields are read from the HTML of the page
that shows the form, so a new field is fuzzed as soon as it is on the page. A new URL
pattern that accepts POST fails until ``FORMS`` says who uses it and with which arguments.

Each form first gets the values most likely to break it, at every field of their kind, then
a few random examples with a seed fixed per form: a run takes about the same time, and finds
the same things, in CI and on a laptop.
"""

import inspect
import zlib
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import parse_qsl, quote, urljoin, urlsplit

import lxml.html
import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from opengov.cocreation import drafts
from opengov.cocreation.models import (
    Candidate,
    Contribution,
    InputMechanism,
    PrioritisationRound,
    ReasonedResponse,
)
from opengov.core.forms import MAX_ID
from opengov.core.models import ModerationState, TaskFailure
from opengov.core.roles import Role
from opengov.follow.models import Subscription
from opengov.forum.models import Meeting, Registration, Seat, WorkingGroup
from opengov.members.models import Organisation
from opengov.plans.models import ActionPlan, Commitment
from opengov.reports.models import (
    CommitmentFinding,
    IRMProduct,
    RequirementFinding,
    SelfAssessment,
)
from opengov.repository.models import Document
from opengov.tracking.models import Comment, ProgressUpdate
from opengov.workspace import two_step
from tests.helpers import as_user

# Input handling does not change with the date: the runs one and three years ahead skip it.
pytestmark = pytest.mark.fuzz

FUZZ = settings(
    max_examples=6, deadline=None, database=None, print_blob=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.large_base_example])


def fixed_seed(name):
    """The same examples on every run, different for each form (``derandomize`` would give
    every form the same ones: they all run the same inner function)."""
    return seed(zlib.crc32(name.encode()))


# Hostile values by the kind of field they are sent to (and, at times, to another kind).
HUGE = "99999999999999999999999"  # beyond any database integer
IDS = [HUGE, str(MAX_ID + 1), str(2 ** 64), "-1", "0", "١٢", "１２", "²",
       "abc", "not-a-choice", "1.5", " 7", "9" * 5000]
NUMBERS = [*IDS, str(-MAX_ID - 2), "1e400", "NaN", "-inf"]
DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01", "10000-01-01", "2026-02-30",
         "٢٠٢٦-٠١-٠١", "2026-1-1"]
DATETIMES = ["0001-01-01T00:00", "9999-12-31T23:59", "2200-01-01T00:00", "2026-13-45T99:99",
             "٢٠٢٦-٠١-٠١T10:00"]
TEXTS = ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+1", "-1", "١٢", HUGE]
# Each of these makes the whole request a 400 (the NUL middleware, Django's size limit), so
# they are sent to a few fields at a time, never to every field at once.
MASKING = ["a\x00b", "x" * 1_000_000]
FILE = object()  # a file where the form expects text, or any file in a file field
BY_KIND = {"choice": IDS, "number": NUMBERS, "date": DATES, "datetime": DATETIMES,
           "text": TEXTS, "hidden": [*NUMBERS, *TEXTS], "file": [FILE, *TEXTS]}
ANY = [*NUMBERS, *DATES, *DATETIMES, *TEXTS]
QUERY_VALUE = st.one_of(st.sampled_from(ANY + MASKING), st.text(max_size=30),
                        st.lists(st.sampled_from(ANY) | st.text(max_size=30), min_size=2,
                                 max_size=3))


# Sent before the random examples, each to every field of its kinds at once (the others as
# the page shows them): out-of-range, Unicode and malformed ids, and days the calendar
# cannot count from.
SWEEPS = [{"choice": HUGE}, {"choice": "١٢"}, {"choice": "abc"}, {"number": HUGE, "hidden": HUGE},
          {"date": "0001-01-01", "datetime": "0001-01-01T00:00"},
          {"date": "9999-12-31", "datetime": "9999-12-31T23:59"}]


def hostile(kind, *, masking):
    """A value for a field of ``kind``: mostly one made for it; else a list where one value
    is expected, a file where text is, a value meant for another kind, or any text."""
    own = st.sampled_from(BY_KIND[kind])
    other = st.sampled_from(ANY + (MASKING if masking else []))
    return st.one_of(own, own, own, st.lists(own | other, min_size=2, max_size=3),
                     st.just(FILE), other, st.text(max_size=30))


# -- which URL patterns accept POST ---------------------------------------------------------

# Namespaces fuzzed otherwise: the Django admin is for administrators and made of Django's
# own forms; django-ninja declares the API's methods itself, and its parameters are fuzzed
# from its OpenAPI description below.
NOT_FUZZED_NAMESPACES = {"admin", "api"}
# Views that declare no HTTP method and write nothing: a POST shows the same page as a GET.
NO_FORM = {"workspace:home", "web:feed_updates", "web:feed_documents", "web:feed_meetings",
           "web:feed_opportunities", "web:feed_plan_updates", "web:feed_commitment_updates"}


def accepted_methods(view):
    """The HTTP methods a view answers: its class's, or those of its
    ``require_http_methods`` decorator; None when it declares none (then it takes all)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return {name.upper() for name in view_class.http_method_names
                if hasattr(view_class, name)}
    while inspect.isfunction(view):
        methods = inspect.getclosurevars(view).nonlocals.get("request_method_list")
        if methods is not None:
            return set(methods)
        view = getattr(view, "__wrapped__", None)
    return None


def url_patterns(patterns=None, namespace=""):
    """(name with its namespace, view) of every URL pattern of the site."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from url_patterns(pattern.url_patterns, inner)
        elif pattern.name:
            yield ":".join(filter(None, [namespace, pattern.name])), pattern.callback


def posted_to():
    """Names of the URL patterns that take a POST and are fuzzed here."""
    return sorted(name for name, view in url_patterns()
                  if name.split(":")[0] not in NOT_FUZZED_NAMESPACES and name not in NO_FORM
                  and "POST" in (accepted_methods(view) or {"POST"}))


# -- who uses each form, and where it is ------------------------------------------------------

@dataclass(frozen=True)
class Form:
    role: str  # a key of ``world.users``
    args: object = lambda w: {}  # noqa: E731 - the URL's arguments, from the ``world``
    page: object = None  # (URL name, arguments) of the page that shows the form, if elsewhere
    query: object = lambda w: ""  # noqa: E731


def _plan(w):
    return {"pk": w.plan.pk}


def _commitment(w):
    return {"pk": w.commitment.pk}


def _process(w):
    return {"pk": w.process.pk}


FORMS = {
    "cocreation:contribute": Form("anonymous", lambda w: {"slug": w.plan.slug}),
    "tracking:update_detail": Form("anonymous", lambda w: {"pk": w.published_update.pk}),
    "reports:self_assessment": Form("anonymous", lambda w: {"slug": w.plan.slug,
                                                            "pk": w.self_assessment.pk}),
    "cocreation:report_contribution": Form(
        "anonymous", lambda w: {"reference": w.public_contribution.reference}),
    "cocreation:report_comment": Form("anonymous", lambda w: {"pk": w.comment.pk}),
    "follow:site": Form("anonymous"),
    "follow:meetings": Form("anonymous"),
    "follow:plan": Form("anonymous", lambda w: {"key": w.plan.slug}),
    "follow:commitment": Form("anonymous", lambda w: {"plan_slug": w.plan.slug,
                                                      "key": w.commitment.slug}),
    "follow:process": Form("anonymous", lambda w: {"key": w.process.pk}),
    "follow:confirm": Form("anonymous", lambda w: {"token": w.subscription.token}),
    "follow:stop": Form("anonymous", lambda w: {"token": w.subscription.token}),
    "workspace:login": Form("anonymous"),
    "workspace:logout": Form("poc", page=lambda w: ("workspace:plans", {})),
    "workspace:two_step_verify": Form("code_owed"),
    "workspace:two_step": Form("code_given"),
    "workspace:two_step_setup": Form("poc"),
    "workspace:tasks": Form("poc"),
    "workspace:commitment": Form("agency", _commitment),
    "workspace:implementation_plan": Form("agency", _commitment),
    "workspace:publish_update": Form("agency", lambda w: {"pk": w.draft_update.pk},
                                     page=lambda w: ("workspace:commitment", _commitment(w))),
    "workspace:answer": Form("agency", lambda w: {"pk": w.comment.pk}),
    "workspace:new_version": Form("poc", lambda w: {"pk": w.document.pk}),
    "workspace:ogp_import": Form("poc"),
    "workspace:self_assessment": Form("poc"),
    "workspace:self_assessment_edit": Form("poc", lambda w: {"pk": w.self_assessment.pk}),
    "workspace:document_new": Form("poc"),
    "workspace:document_edit": Form("poc", lambda w: {"pk": w.document.pk}),
    "workspace:plan_edit": Form("poc", _plan),
    "workspace:commitment_new": Form("poc", lambda w: {"plan_pk": w.plan.pk}),
    "workspace:commitment_edit": Form("poc", _commitment),
    "workspace:plan_submit": Form("poc", lambda w: {"pk": w.draft_plan.pk},
                                  page=lambda w: ("workspace:plan", {"pk": w.draft_plan.pk})),
    "workspace:plan_amend": Form("poc", _plan),
    "workspace:process_new": Form("poc", query=lambda w: f"?plan={w.plan.pk}"),
    "workspace:process_edit": Form("poc", _process),
    "workspace:cocreation_answer": Form("poc", _process,
                                        query=lambda w: f"?c={w.contribution.pk}"),
    "workspace:cocreation_group_action": Form(
        "poc", _process, page=lambda w: ("workspace:cocreation_groups", _process(w))),
    "workspace:cocreation_import": Form("poc", _process),
    "workspace:cocreation_response_publish": Form(
        "poc", lambda w: {"pk": w.draft_response.pk},
        page=lambda w: ("workspace:cocreation_desk", {})),
    "workspace:prioritisation_new": Form("poc", query=lambda w: f"?process={w.process.pk}"),
    "workspace:prioritisation_edit": Form("poc", lambda w: {"pk": w.prioritisation.pk}),
    "workspace:prioritisation_round": Form("forum_seated",
                                           lambda w: {"pk": w.prioritisation.pk}),
    "workspace:moderate": Form("moderator",
                               lambda w: {"kind": "contribution", "pk": w.pending.pk},
                               page=lambda w: ("workspace:moderation_desk", {})),
    "workspace:forum_edit": Form("poc"),
    "workspace:seat_new": Form("poc"),
    "workspace:seat_edit": Form("poc", lambda w: {"pk": w.seat.pk}),
    "workspace:seat_end": Form("poc", lambda w: {"pk": w.seat.pk}),
    "workspace:meeting_new": Form("poc"),
    "workspace:meeting_edit": Form("poc", lambda w: {"pk": w.meeting.pk}),
    "workspace:meeting_registrations": Form("poc", lambda w: {"pk": w.open_meeting.pk}),
    "workspace:working_group_new": Form("poc"),
    "workspace:working_group_edit": Form("poc", lambda w: {"pk": w.working_group.pk}),
    "cocreation:draft_part": Form(
        "anonymous", lambda w: {"slug": w.plan.slug, "pk": w.open_draft.pk},
        query=lambda w: "?commitment=water-transparency&part=problem"),
    "workspace:draft_retake": Form(
        "poc", lambda w: {"pk": w.fresh_draft.pk},
        page=lambda w: ("workspace:process_edit", {"pk": w.fresh_draft.process_id})),
    "web:meeting_register": Form("anonymous", lambda w: {"pk": w.open_meeting.pk}),
    "web:registration_confirm": Form("anonymous", lambda w: {"token": w.registration.token}),
    "web:registration_cancel": Form("anonymous", lambda w: {"token": w.registration.token}),
    "workspace:irm_product_new": Form("irm", lambda w: {"plan_pk": w.plan.pk}),
    "workspace:irm_product_edit": Form("irm", lambda w: {"pk": w.product.pk}),
    "workspace:requirement_finding_new": Form("irm", lambda w: {"product_pk": w.product.pk}),
    "workspace:requirement_finding_edit": Form("irm",
                                               lambda w: {"pk": w.requirement_finding.pk}),
    "workspace:commitment_finding_new": Form("irm", lambda w: {"product_pk": w.product.pk}),
    "workspace:commitment_finding_edit": Form("irm",
                                              lambda w: {"pk": w.commitment_finding.pk}),
}

# List pages and desks whose query string is read: (role, arguments, page whose GET forms
# name the filters, when it is another one).
FILTERED_PAGES = {
    "web:cocreation": Form("anonymous", lambda w: {"slug": w.plan.slug}),
    "cocreation:feedback": Form("anonymous", lambda w: {"slug": w.plan.slug}),
    "cocreation:feedback_csv": Form(
        "anonymous", lambda w: {"slug": w.plan.slug},
        page=lambda w: ("cocreation:feedback", {"slug": w.plan.slug})),
    "search:search": Form("anonymous", query=lambda w: "?q=budget"),
    "web:document_list": Form("anonymous"),
    "plans:compare": Form("anonymous", lambda w: {"slug": w.plan.slug}),  # two versions
    "workspace:activity": Form("poc"),
    "workspace:tasks": Form("poc"),
    "workspace:cocreation_queue": Form("poc", _process),
    "workspace:cocreation_answer": Form(
        "poc", _process, page=lambda w: ("workspace:cocreation_queue", _process(w))),
    "workspace:process_new": Form("poc", page=lambda w: ("workspace:cocreation_desk", {})),
    "workspace:repository_desk": Form("poc"),
    "workspace:moderation_desk": Form("moderator"),
    "workspace:meeting_list": Form("poc"),
}


# Pages that compute from what the forms save: the rules' calendar, charts, readiness.
READERS = [
    lambda w: reverse("compliance:dashboard"), lambda w: reverse("compliance:calendar_ics"),
    lambda w: reverse("compliance:standards", args=[w.plan.slug]),
    lambda w: reverse("web:implementation"), lambda w: reverse("web:plan_detail",
                                                               args=[w.plan.slug]),
    lambda w: reverse("workspace:plan", args=[w.plan.pk]), lambda w: reverse("web:forum"),
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(demo, current_plan, users, make_user):
    """A record of each kind a form works on, from the demo (or made here when the demo has
    none in a state the form takes), and the people who use the forms: ``users``, and a
    member of the POC team with a two-step device, before (``code_owed``) and after
    (``code_given``) giving its code."""
    cache.clear()  # rate limits counted by earlier tests
    with_device = make_user("t-two-step", Role.POC_TEAM)
    commitment = Commitment.objects.get(plan=current_plan, slug="open-contracting")
    process = current_plan.cocreation_processes.first()
    published_update = ProgressUpdate.objects.filter(
        commitment__plan=current_plan, published_on__isnull=False).order_by("pk").first()
    product = IRMProduct.objects.filter(plan=current_plan).first()
    seated = make_user("t-seated", Role.FORUM_MEMBER,
                       organisation=Organisation.objects.filter(member=demo).first())
    Seat.objects.create(forum=demo.forum, organisation=seated.person.organisation,
                        person=seated.person, constituency="civil_society",
                        starts_on=timezone.localdate(), selection="self_selection")
    today = timezone.localdate()
    round_ = PrioritisationRound.objects.create(
        process=process, title="Fuzzed round", opens_on=today, closes_on=today)
    Candidate.objects.create(round=round_, title="A candidate")
    open_meeting = Meeting.objects.get(forum=demo.forum, registration_open=True,
                                       working_group__isnull=False)
    refresh = current_plan.cocreation_processes.get(purpose="refresh")
    open_draft = InputMechanism.objects.get(process=refresh, kind="draft_comment")
    fresh_draft = InputMechanism.objects.create(
        process=refresh, kind="draft_comment", title="Fuzzed draft", opens_on=today,
        closes_on=today)
    drafts.take_missing_drafts(refresh)
    return SimpleNamespace(
        users={**users, "code_owed": with_device, "code_given": with_device,
               "forum_seated": seated},
        prioritisation=round_,
        device=TOTPDevice.objects.create(user=with_device, name="Phone", confirmed=True),
        plan=current_plan, commitment=commitment, process=process,
        draft_plan=ActionPlan.objects.create(
            member=demo, number=4, slug="fuzzed-plan", title="Fuzzed plan", start_year=2028,
            duration_years=2, delivery_slot="june"),
        published_update=published_update,
        draft_update=ProgressUpdate.objects.create(
            commitment=commitment, completion="limited", timeliness="on_time",
            summary="Draft"),
        comment=Comment.objects.create(progress_update=ProgressUpdate.objects.filter(
            commitment=commitment, published_on__isnull=False).first(), text="A question.",
            moderation_state=ModerationState.PUBLISHED),
        document=Document.objects.filter(member=demo, commitment=commitment).first(),
        self_assessment=SelfAssessment.objects.filter(plan=current_plan).first(),
        contribution=Contribution.objects.filter(
            process=process, moderation_state=ModerationState.PUBLISHED).first(),
        public_contribution=Contribution.objects.public().filter(process=process).first(),
        subscription=Subscription.objects.create(member=demo, scope="site",
                                                 email="fuzz@example.org", language="en"),
        pending=Contribution.objects.create(
            process=process, text="Waiting for moderation.", language="en",
            stakeholder_type="citizen", consent_to_publish=True),
        draft_response=ReasonedResponse.objects.create(
            process=process, decision="included", summary="s", consideration="c",
            influence="i", reasons="r"),
        seat=Seat.objects.filter(forum=demo.forum).first(),
        meeting=Meeting.objects.filter(forum=demo.forum).first(),
        open_meeting=open_meeting,
        fresh_draft=fresh_draft,
        open_draft=open_draft,
        registration=Registration.objects.create(meeting=open_meeting, name="Fuzz",
                                                 email="fuzz@example.org", language="en"),
        working_group=WorkingGroup.objects.get(forum=demo.forum),
        product=product,
        requirement_finding=RequirementFinding.objects.create(product=product,
                                                              requirement="F1", verdict="met"),
        commitment_finding=CommitmentFinding.objects.create(product=product,
                                                            commitment=commitment),
        failure=TaskFailure.objects.create(
            task="opengov.search.signals.index_records", attempts=3, error="Boom",
            arguments={"args": [[["plan", current_plan.pk]]], "kwargs": {}}),
    )


# -- reading forms from pages -----------------------------------------------------------------

@dataclass
class FoundForm:
    url: str  # where it posts (its action, resolved against the page)
    values: list  # (name, value) a browser would send as the page shows them
    kinds: dict  # every field's name and kind ("choice", "date", "text"...), files included
    buttons: list  # (name, value) of its named submit buttons


def _path(url):
    return urlsplit(url).path


def kind_of(element):
    """What a form field holds, from its HTML: one of the keys of BY_KIND."""
    kind = (element.get("type") or "text").lower()
    if element.tag == "select" or kind in ("checkbox", "radio"):
        return "choice"
    if element.tag == "textarea":
        return "text"
    return {"number": "number", "date": "date", "datetime-local": "datetime", "file": "file",
            "hidden": "hidden"}.get(kind, "text")


def forms_on(html, page_url, method):
    """The forms of ``html`` with ``method``, as a browser reads them."""
    found = []
    for form in lxml.html.fromstring(html).forms:
        if (form.get("method") or "get").lower() != method:
            continue
        kinds = {element.name: kind_of(element) for element in form.inputs
                 if element.name not in (None, "csrfmiddlewaretoken")}
        buttons = [(button.get("name"), button.get("value") or "")
                   for button in form.xpath(".//button[@name] | .//input[@type='submit'][@name]")
                   if (button.get("type") or "submit") == "submit"]
        found.append(FoundForm(urljoin(page_url, form.get("action") or page_url),
                               form.form_values(), kinds, buttons))
    return found


def link_parameters(html, page_url, target_path):
    """Names of the query parameters of the links of ``html`` that lead to
    ``target_path``."""
    names = set()
    for href in lxml.html.fromstring(html).xpath("//a/@href"):
        url = urlsplit(urljoin(page_url, href))
        if url.path == target_path:
            names.update(name for name, _ in parse_qsl(url.query, keep_blank_values=True))
    return names


def sign_in(client, world, role):
    """The test client signed in as ``role`` uses the site."""
    user = world.users[role]
    as_user(client, user)
    if role == "code_given":
        request = RequestFactory().get("/")
        request.session, request.user = client.session, user
        two_step.verified(request, world.device)
        request.session.save()
        client.cookies[django_settings.SESSION_COOKIE_NAME] = request.session.session_key
    return client


def _url(name, args, query=""):
    return reverse(name, kwargs=args) + query


def _send(value):
    if value is FILE:
        return SimpleUploadedFile("fuzz.txt", b"not what was asked for\n", "text/plain")
    return value


def _shown(mutation):
    return {name: value if value is FILE else repr(value)[:60]
            for name, value in mutation.items()}


# -- the tests --------------------------------------------------------------------------------

def test_every_form_is_fuzzed():
    """A URL pattern that takes a POST is in FORMS (with the role that uses it), and FORMS
    names no pattern that is gone or no longer takes a POST."""
    assert posted_to() == sorted(FORMS)


def open_page(name, entry, client, world):
    """The address a form or filter sends to, the page that shows it, and that page as its
    role sees it (server errors come back as responses, not exceptions)."""
    target = _url(name, entry.args(world), entry.query(world))
    page = _url(*entry.page(world)) if entry.page else target
    client.raise_request_exception = False
    shown = sign_in(client, world, entry.role).get(page)
    assert shown.status_code == 200, (name, page, shown.status_code)
    return target, page, shown


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_form_refuses_hostile_input_without_a_server_error(name, client, world):
    entry = FORMS[name]
    target, page, shown = open_page(name, entry, client, world)
    found = [form for form in forms_on(shown.content.decode(), page, "post")
             if _path(form.url) == _path(target)]
    assert found, f"{name}: no form posting to {target} on {page}"

    def post(form, mutation, button=None):
        payload = {}
        for field, value in [*form.values, *([button] if button else [])]:
            payload.setdefault(field, []).append(value)
        payload.update({field: _send(value) if not isinstance(value, list)
                        else [_send(item) for item in value]
                        for field, value in mutation.items()})
        response = sign_in(client, world, entry.role).post(form.url, payload)
        assert response.status_code < 500, (name, _shown(mutation), button)

    # First the SWEEPS, each to every field of its kinds at once: every choice, and every
    # other field that holds a value (an empty row of a formset stays empty).
    form = found[0]
    filled = {field for field, value in form.values if value}
    for sweep in SWEEPS:
        mutation = {field: sweep[kind] for field, kind in form.kinds.items()
                    if kind in sweep and (kind == "choice" or field in filled)}
        if mutation:
            post(form, mutation)

    @fixed_seed(name)
    @FUZZ
    @given(st.data())
    def fuzz(data):
        form = data.draw(st.sampled_from(found), label="form")
        fields = [*form.kinds, "unexpected"]
        if data.draw(st.booleans(), label="every field"):  # each field parses a bad value
            chosen, masking = fields, False
        else:  # a few fields, the others as shown: deeper, into the services
            chosen = data.draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3,
                                        unique=True), label="fields")
            masking = True
        mutation = {field: data.draw(hostile(form.kinds.get(field, "text"), masking=masking),
                                     label=field) for field in chosen}
        post(form, mutation, data.draw(st.sampled_from([None, *form.buttons]), label="button"))

    fuzz()
    # What the fuzz saved must not break the pages that compute from it (deadlines, charts).
    for reader in READERS:
        url = reader(world)
        assert sign_in(client, world, "poc").get(url).status_code < 500, (name, url)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FILTERED_PAGES))
def test_filters_refuse_hostile_input_without_a_server_error(name, client, world):
    entry = FILTERED_PAGES[name]
    target, page, shown = open_page(name, entry, client, world)
    html = shown.content.decode()
    names = {"page"} | link_parameters(html, page, _path(target))
    for form in forms_on(html, page, "get"):
        names.update(form.kinds)
    base = dict(parse_qsl(urlsplit(target).query))

    @fixed_seed(name)
    @FUZZ
    @given(st.dictionaries(st.sampled_from(sorted(names)), QUERY_VALUE, min_size=1,
                           max_size=4))
    def fuzz(query):
        response = sign_in(client, world, entry.role).get(_path(target), {**base, **query})
        assert response.status_code < 500, (name, _shown(query))

    fuzz()


def _api_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        if "get" in operations:
            yield path, [(p["name"], p["in"]) for p in operations["get"].get("parameters", [])]


@pytest.mark.django_db
def test_api_parameters_refuse_hostile_input_without_a_server_error(client, demo):
    """Every query and path parameter of every API operation, read from its OpenAPI
    description, so that new parameters are fuzzed too."""
    client.raise_request_exception = False
    operations = list(_api_operations(client))
    assert len(operations) >= 10 and any(params for _, params in operations)

    @fixed_seed("api")
    @settings(FUZZ, max_examples=60)  # many fast operations: more examples than a form
    @given(st.data())
    def fuzz(data):
        path, params = data.draw(st.sampled_from(operations), label="operation")
        values = {name: data.draw(st.sampled_from(ANY) if where == "path" else QUERY_VALUE,
                                  label=name)
                  for name, where in params
                  if where == "path" or data.draw(st.booleans(), label=f"send {name}")}
        url = path
        for name, where in params:
            if where == "path":
                url = url.replace(f"{{{name}}}", quote(values.pop(name), safe=""))
        response = client.get(url, values)
        assert response.status_code < 500, (url, _shown(values))

    fuzz()
