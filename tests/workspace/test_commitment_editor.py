"""The commitment editor (CM1), the plan-section editor (AP1), the amendment page (C7, C8)
and the evidence kept across a refused progress update.

Who may do what, the field-level rule on a commitment's number and lead agency, crafted
requests, bad input, the rules' deadlines deciding what is offered, the log lines each save
writes, and a query count that does not grow with the commitment's size.
"""

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django import forms as django_forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation

from opengov.cocreation.models import CoCreationProcess, ReasonedResponse
from opengov.core.models import Activity
from opengov.members.models import Member, Organisation
from opengov.plans import forms, services
from opengov.plans.models import ActionPlan, Commitment, CommitmentStakeholder, Milestone
from opengov.repository.models import Document
from opengov.tracking.models import ProgressUpdate
from opengov.workspace import kept_files
from tests.helpers import as_user

from ..conftest import DEMO_TODAY

Y = DEMO_TODAY.year
ROLES = ("anonymous", "no_role", "forum", "agency", "irm", "moderator", "poc", "superuser")
HUGE = "9" * 30  # beyond any database integer
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


# --- helpers -------------------------------------------------------------------------------

def _values(form):
    """What a browser sends for ``form`` as it is shown (unbound: its initial values)."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(field.field, django_forms.BooleanField):
            if value:
                data[field.html_name] = "on"
        elif getattr(field.field.widget, "allow_multiple_selected", False):
            data[field.html_name] = [str(item) for item in value or ()]
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        else:
            data[field.html_name] = "" if value is None else str(value)
    return data


def editor_data(commitment, **changes):
    """The commitment editor's POST, as the page shows it, with ``changes``."""
    member, plan = commitment.plan.member, commitment.plan
    langs = member.document_languages
    form = forms.commitment_form(langs)(instance=commitment, plan=plan, can_assign=True)
    milestones, stakeholders = forms.commitment_formsets(None, commitment, member=member,
                                                         langs=langs)
    data = _values(form)
    for formset in (milestones, stakeholders):
        data.update(_values(formset.management_form))
        for item in formset:
            data.update(_values(item))
    data.update(changes)
    return data


def sections_data(plan, **changes):
    langs = plan.member.document_languages
    form = forms.plan_sections_form(langs)(instance=plan)
    initiatives = forms.local_initiative_formset(langs)(instance=plan, prefix="initiatives",
                                                       form_kwargs={"langs": langs})
    data = {**_values(form), **_values(initiatives.management_form)}
    for item in initiatives:
        data.update(_values(item))
    data.update(changes)
    return data




def long_date(day):
    """A date as the English pages write it (DATE_FORMAT)."""
    with translation.override("en"):
        return formats.date_format(day, "DATE_FORMAT")


def travel(day):
    """The clock on ``day`` (mid-morning UTC), for deadline tests."""
    return time_machine.travel(datetime.combine(day, time(9, 0), tzinfo=UTC), tick=False)


@pytest.fixture
def own(own_and_other_commitment):
    return own_and_other_commitment[0]


@pytest.fixture
def other(own_and_other_commitment):
    return own_and_other_commitment[1]


@pytest.fixture
def delivered_plan(demo, users):
    """A two-year plan of this year, delivered today: amendments open until the end of next
    year (C7), no refresh (C8)."""
    plan = ActionPlan.objects.create(
        member=demo, number=4, slug="plan-4", title_fr="Quatrième plan",
        title_en="Fourth plan", start_year=Y, duration_years=2, delivery_slot="december")
    Commitment.objects.create(
        plan=plan, number=1, slug="c1", title_fr="Engagement", title_en="Commitment",
        short_description_en="Short", lead_agency=Organisation.objects.filter(member=demo)[0],
        period_start=date(Y + 1, 1, 1), period_end=date(Y + 2, 12, 31))
    services.plan_submit(actor=users["poc"], plan=plan, delivered_on=DEMO_TODAY)
    return plan


def amend_post(kind="amendment", **extra):
    return {"kind": kind, "delivered_on": DEMO_TODAY.isoformat(), "notes_fr": "Précisé.",
            "notes_en": "Made precise.", **extra}


def saved_rows(target):
    return list(Activity.objects.filter(kind=Activity.Kind.COMMITMENT_SAVED,
                                        target_id=target.pk).values_list("actor", "kind"))


# --- who may do what -----------------------------------------------------------------------

@pytest.mark.django_db
def test_every_role_on_every_editor_page_get_and_post(client, users, own, other):
    plan = own.plan
    pages = {
        "own": reverse("workspace:commitment_edit", args=[own.pk]),
        "other": reverse("workspace:commitment_edit", args=[other.pk]),
        "new": reverse("workspace:commitment_new", args=[plan.pk]),
        "sections": reverse("workspace:plan_edit", args=[plan.pk]),
        "amend": reverse("workspace:plan_amend", args=[plan.pk]),
        "plan": reverse("workspace:plan", args=[plan.pk]),
    }
    posts = {
        "own": editor_data(own, problem_en="Edited by {role}"),
        "other": editor_data(other, problem_en="Edited by {role}"),
        "new": editor_data(own, number="40", problem_en="Edited by {role}",
                           **{"milestones-INITIAL_FORMS": "0", "milestones-TOTAL_FORMS": "0",
                              "stakeholders-INITIAL_FORMS": "0",
                              "stakeholders-TOTAL_FORMS": "0"}),
        "sections": sections_data(plan, introduction_en="Edited by {role}"),
        "amend": amend_post("refresh"),
    }
    got = {}
    for role in ROLES:
        as_user(client, users[role])
        got[role] = {name: client.get(url).status_code for name, url in pages.items()}
        for name, data in posts.items():
            data = {key: value.format(role=role) if isinstance(value, str) else value
                    for key, value in data.items()}
            if name == "new":
                data["number"] = str(40 + ROLES.index(role))
            got[role][f"post {name}"] = client.post(pages[name], data).status_code
    team = {"own": 200, "other": 200, "new": 200, "sections": 200, "amend": 200, "plan": 200,
            "post own": 302, "post other": 302, "post new": 302, "post sections": 302,
            "post amend": 302}
    reader = {"own": 403, "other": 403, "new": 403, "sections": 403, "amend": 403,
              "plan": 200, "post own": 403, "post other": 403, "post new": 403,
              "post sections": 403, "post amend": 403}
    assert got["poc"] == got["superuser"] == team
    assert got["agency"] == {**reader, "own": 200, "post own": 302}
    for role in ("forum", "irm", "moderator"):
        assert got[role] == reader, role
    assert set(got["no_role"].values()) == {403}
    assert set(got["anonymous"].values()) == {302}
    own.refresh_from_db()
    other.refresh_from_db()
    plan.refresh_from_db()
    assert own.problem_en == "Edited by superuser"  # the last one allowed
    assert other.problem_en == "Edited by superuser"
    assert plan.introduction_en == "Edited by superuser"
    assert sorted(plan.commitments.filter(number__gte=40).values_list("number", flat=True)) \
        == [40 + ROLES.index("poc"), 40 + ROLES.index("superuser")]
    assert plan.versions.filter(kind="refresh").count() == 2  # poc and superuser


@pytest.mark.django_db
def test_another_members_commitment_and_plan_are_not_found(client, users):
    elsewhere = Member.objects.create(name="Elsewhere", slug="elsewhere", kind="national",
                                      administrative_languages=["en"])
    plan = ActionPlan.objects.create(member=elsewhere, number=1, slug="p1", title_en="P1",
                                     start_year=Y, duration_years=2, delivery_slot="june")
    agency = Organisation.objects.create(member=elsewhere, name="Agency", acronym="AG")
    foreign = Commitment.objects.create(
        plan=plan, number=1, slug="c1", title_en="Foreign", short_description_en="S",
        lead_agency=agency, period_start=date(Y, 7, 1), period_end=date(Y + 2, 6, 30))
    before = Activity.objects.count()
    as_user(client, users["poc"])
    for url in (reverse("workspace:commitment_edit", args=[foreign.pk]),
                reverse("workspace:commitment_new", args=[plan.pk]),
                reverse("workspace:plan_edit", args=[plan.pk]),
                reverse("workspace:plan_amend", args=[plan.pk])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"number": "9"}).status_code == 404, url
    assert Activity.objects.count() == before


# --- the field-level rule: number and lead agency -------------------------------------------

@pytest.mark.django_db
def test_who_may_assign_number_and_lead_agency(users, own, other):
    may = {role: bool(users[role]) and users[role].has_perm("plans.assign_commitment", own)
           for role in ROLES}
    assert may == {role: role in ("poc", "superuser") for role in ROLES}
    # For a new commitment the rule is asked about the plan; a completed plan refuses all.
    assert users["poc"].has_perm("plans.assign_commitment", own.plan)
    assert not users["agency"].has_perm("plans.assign_commitment", own.plan)
    assert not users["poc"].has_perm("plans.assign_commitment", None)


@pytest.mark.django_db
@pytest.mark.parametrize("role, disabled", [("poc", False), ("superuser", False),
                                            ("agency", True)])
def test_number_and_lead_agency_are_read_only_without_the_right(client, users, own, role,
                                                                disabled):
    as_user(client, users[role])
    body = client.get(reverse("workspace:commitment_edit", args=[own.pk])).content.decode()
    for name in ("number", "lead_agency"):
        tag = re.search(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', body).group(0)
        assert (" disabled" in tag) is disabled, (role, name, tag)
    assert ("Only the Point of Contact team sets a commitment" in body) is disabled
    # The other fields stay editable for the agency.
    tag = re.search(r'<input[^>]*name="period_start"[^>]*>', body).group(0)
    assert " disabled" not in tag


@pytest.mark.django_db
def test_crafted_post_by_agency_editor_changes_neither_number_nor_lead_agency(client, users,
                                                                             own):
    elsewhere = Organisation.objects.filter(member=own.plan.member).exclude(
        pk=own.lead_agency_id).first()
    before = (own.number, own.lead_agency_id)
    as_user(client, users["agency"])
    response = client.post(reverse("workspace:commitment_edit", args=[own.pk]), editor_data(
        own, number="77", lead_agency=str(elsewhere.pk), problem_en="A sharper problem."))
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.number, own.lead_agency_id) == before
    assert own.problem_en == "A sharper problem."  # the rest of the save went through
    assert saved_rows(own) == [(users["agency"].pk, Activity.Kind.COMMITMENT_SAVED)]


@pytest.mark.django_db
def test_poc_team_sets_number_and_lead_agency(client, users, own):
    elsewhere = Organisation.objects.filter(member=own.plan.member).exclude(
        pk=own.lead_agency_id).first()
    as_user(client, users["poc"])
    response = client.post(reverse("workspace:commitment_edit", args=[own.pk]),
                           editor_data(own, number="77", lead_agency=str(elsewhere.pk)))
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.number, own.lead_agency_id) == (77, elsewhere.pk)
    row = Activity.objects.get(kind=Activity.Kind.COMMITMENT_SAVED, target_id=own.pk)
    assert row.actor == users["poc"] and row.summary == "number, lead_agency"


@pytest.mark.django_db
def test_the_service_refuses_an_assignment_that_bypassed_the_form(users, own):
    """Defence in depth: a form built with the right, saved by someone without it."""
    elsewhere = Organisation.objects.filter(member=own.plan.member).exclude(
        pk=own.lead_agency_id).first()
    member, langs = own.plan.member, own.plan.member.document_languages
    data = editor_data(own, lead_agency=str(elsewhere.pk))
    form = forms.commitment_form(langs)(data, instance=own, plan=own.plan, can_assign=True)
    milestones, stakeholders = forms.commitment_formsets(data, own, member=member, langs=langs)
    assert form.is_valid() and milestones.is_valid() and stakeholders.is_valid()
    with pytest.raises(PermissionDenied):
        services.commitment_save(actor=users["agency"], form=form, milestones=milestones,
                                 stakeholders=stakeholders, responses=[])
    own.refresh_from_db()
    assert own.lead_agency_id != elsewhere.pk
    assert saved_rows(own) == []


@pytest.mark.django_db
def test_services_authorise_before_writing(users, own, other):
    member, langs = own.plan.member, own.plan.member.document_languages
    data = editor_data(other, problem_en="Not mine")
    form = forms.commitment_form(langs)(data, instance=other, plan=other.plan,
                                        can_assign=False)
    milestones, stakeholders = forms.commitment_formsets(data, other, member=member,
                                                         langs=langs)
    assert form.is_valid() and milestones.is_valid() and stakeholders.is_valid()
    with pytest.raises(PermissionDenied):
        services.commitment_save(actor=users["agency"], form=form, milestones=milestones,
                                 stakeholders=stakeholders, responses=[])
    sections = forms.plan_sections_form(langs)(sections_data(own.plan), instance=own.plan)
    initiatives = forms.local_initiative_formset(langs)(
        sections_data(own.plan), instance=own.plan, prefix="initiatives",
        form_kwargs={"langs": langs})
    assert sections.is_valid() and initiatives.is_valid()
    with pytest.raises(PermissionDenied):
        services.plan_sections_save(actor=users["agency"], form=sections,
                                    initiatives=initiatives)
    assert saved_rows(other) == []
    assert not Activity.objects.filter(kind=Activity.Kind.PLAN_SAVED,
                                       target_id=own.plan.pk).exists()


# --- bad input -----------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("field, value, message", [
    ("responses", "abc", "“abc” is not a valid value."),
    ("responses", HUGE, "Select a valid choice."),
    ("lead_agency", HUGE, "Select a valid choice."),
    ("themes", HUGE, "Select a valid choice."),
    ("milestones-0-supporting", HUGE, "Select a valid choice."),
    ("milestones-0-lead", "abc", "Select a valid choice."),
])
def test_bad_ids_give_a_form_error_not_a_server_error(client, users, own, field, value,
                                                      message):
    before = (own.number, own.lead_agency_id, own.problem_en)
    as_user(client, users["poc"])
    response = client.post(reverse("workspace:commitment_edit", args=[own.pk]),
                           editor_data(own, problem_en="Never saved", **{field: value}))
    assert response.status_code == 200
    body = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', body, re.S).group(0)
    assert message in summary
    own.refresh_from_db()
    assert (own.number, own.lead_agency_id, own.problem_en) == before
    assert saved_rows(own) == []


def arabic_indic(number):
    """``number`` in Arabic-Indic digits: Python's int() reads "١٢" as 12."""
    return "".join(chr(0x660 + int(digit)) for digit in str(number))


@pytest.mark.django_db
@pytest.mark.parametrize("field, message", [
    ("lead_agency", "Select a valid choice."),
    ("themes", "is not a valid value."),
    ("milestones-0-lead", "Select a valid choice."),
])
def test_ids_in_other_digits_are_refused_not_read_as_another_record(client, users, own,
                                                                   field, message):
    """Arabic-Indic digits spelling a real id are no id: Django's own field would take "٣"
    for record 3."""
    organisation = Organisation.objects.filter(member=own.plan.member).exclude(
        pk=own.lead_agency_id).first()
    theme = own.plan.member.themes.exclude(commitments=own).first()
    target = theme.pk if field == "themes" else organisation.pk
    before = (own.lead_agency_id, set(own.themes.values_list("pk", flat=True)))
    as_user(client, users["poc"])
    response = client.post(reverse("workspace:commitment_edit", args=[own.pk]),
                           editor_data(own, **{field: arabic_indic(target)}))
    assert response.status_code == 200 and message in response.content.decode()
    own.refresh_from_db()
    assert (own.lead_agency_id, set(own.themes.values_list("pk", flat=True))) == before


@pytest.mark.django_db
@pytest.mark.parametrize("field, value", [
    ("period_end", "9999-12-31"), ("period_start", "0001-01-01"),
    ("milestones-0-due_on", "9999-12-31"),
])
def test_dates_far_out_are_a_form_error(client, users, own, field, value):
    as_user(client, users["poc"])
    response = client.post(reverse("workspace:commitment_edit", args=[own.pk]),
                           editor_data(own, **{field: value}))
    assert response.status_code == 200
    assert "Enter a date between 1900-01-01 and 2199-12-31." in response.content.decode()
    assert saved_rows(own) == []


@pytest.mark.django_db
def test_a_local_commitment_without_its_national_policy_is_a_form_error(client, users, own):
    """The model's own check (CM6) names ``national_policy``; the form has a box per
    language: the message shows at the first one, and nothing is saved."""
    langs = own.plan.member.document_languages
    as_user(client, users["poc"])
    data = editor_data(own, is_local="on", **{f"national_policy_{lang}": "" for lang in langs})
    response = client.post(reverse("workspace:commitment_edit", args=[own.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == [f"national_policy_{langs[0]}"]
    assert "derives from a national policy" in form.errors[f"national_policy_{langs[0]}"][0]
    own.refresh_from_db()
    assert not own.is_local and saved_rows(own) == []


@pytest.mark.django_db
def test_a_formset_asking_for_thousands_of_rows_is_refused_without_building_them(
        client, users, own):
    as_user(client, users["poc"])
    response = client.post(reverse("workspace:commitment_edit", args=[own.pk]),
                           editor_data(own, **{"milestones-TOTAL_FORMS": HUGE[:12]}))
    assert response.status_code == 200
    assert response.context["milestones"].total_form_count() == 0
    assert "Please submit at most 100 forms." in response.content.decode()
    assert saved_rows(own) == []


@pytest.mark.django_db
def test_a_response_of_another_plan_cannot_be_linked(client, users, own, delivered_plan):
    process = CoCreationProcess.objects.create(plan=delivered_plan, title="Another process")
    foreign = ReasonedResponse.objects.create(process=process, decision="included",
                                              summary="Elsewhere", consideration="x",
                                              influence="x", reasons="x")
    as_user(client, users["poc"])
    response = client.post(reverse("workspace:commitment_edit", args=[own.pk]),
                           editor_data(own, responses=[str(foreign.pk)]))
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert not foreign.commitments.exists()


@pytest.mark.django_db
def test_responses_are_linked_and_unlinked(client, users, own, current_plan):
    process = current_plan.cocreation_processes.first()
    first, second = (ReasonedResponse.objects.create(
        process=process, decision="included", summary=f"Response {n}", consideration="x",
        influence="x", reasons="x") for n in (1, 2))
    as_user(client, users["agency"])
    url = reverse("workspace:commitment_edit", args=[own.pk])
    assert client.post(url, editor_data(own, responses=[str(first.pk), str(second.pk)])) \
        .status_code == 302
    assert set(own.responses.filter(pk__in=[first.pk, second.pk])) == {first, second}
    kept = [str(pk) for pk in own.responses.exclude(pk=first.pk).values_list("pk", flat=True)]
    assert client.post(url, editor_data(own, responses=kept)).status_code == 302
    assert set(own.responses.filter(pk__in=[first.pk, second.pk])) == {second}
    assert [row.summary for row in Activity.objects.filter(
        kind=Activity.Kind.COMMITMENT_SAVED, target_id=own.pk).order_by("pk")] \
        == ["responses", "responses"]


# --- the page ------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_editor_page_has_its_menu_save_bar_and_live_count(client, users, own):
    as_user(client, users["agency"])
    body = client.get(reverse("workspace:commitment_edit", args=[own.pk])).content.decode()
    menu = re.search(r'<nav class="section-menu".*?</nav>', body, re.S).group(0)
    targets = re.findall(r'href="#([\w-]+)"', menu)
    assert targets[:6] == ["part-identification", "part-problem", "part-solution",
                           "part-values", "part-milestones", "part-stakeholders"]
    for target in targets:
        assert f'id="{target}"' in body, target
    assert '<div class="save-bar">' in body
    assert body.count("<h1") == 1
    # The short description: no silent cut, a live counter the field points to.
    for lang in own.plan.member.document_languages:
        tag = re.search(rf'<textarea[^>]*name="short_description_{lang}"[^>]*>', body).group(0)
        assert "maxlength" not in tag
        assert f'aria-describedby="id_short_description_{lang}-count"' in tag
        counter = re.search(rf'<p[^>]*id="id_short_description_{lang}-count"[^>]*>', body)
        assert 'aria-live="polite"' in counter.group(0)
        assert f'data-count-for="id_short_description_{lang}"' in counter.group(0)
    assert re.search(r'<script src="[^"]*/js/char-count\.js" defer></script>', body)
    assert "<script>" not in body and " style=" not in body


@pytest.mark.django_db
def test_a_short_description_too_long_gets_the_cm2_message(client, users, own):
    as_user(client, users["agency"])
    before = own.short_description_en
    response = client.post(reverse("workspace:commitment_edit", args=[own.pk]),
                           editor_data(own, short_description_en="x" * 250))
    assert response.status_code == 200
    body = response.content.decode()
    assert ("The short description has 250 characters; it must have fewer than 200 (CM2)."
            in body)
    assert "250 characters: 51 too many." in body  # the counter, as rendered
    own.refresh_from_db()
    assert own.short_description_en == before
    # 199 characters is the most CM2 allows.
    assert client.post(reverse("workspace:commitment_edit", args=[own.pk]),
                       editor_data(own, short_description_en="y" * 199)).status_code == 302
    own.refresh_from_db()
    assert own.short_description_en == "y" * 199


@pytest.mark.django_db
def test_editor_query_count_does_not_grow_with_the_commitment(client, users, own,
                                                              current_plan,
                                                              django_assert_max_num_queries):
    as_user(client, users["poc"])
    url = reverse("workspace:commitment_edit", args=[own.pk])
    client.get(url)  # warm the caches (content types, sessions)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    organisations = list(Organisation.objects.filter(member=own.plan.member))
    process = current_plan.cocreation_processes.first()
    for n in range(20):
        milestone = Milestone.objects.create(commitment=own, number=100 + n,
                                             title_en=f"Extra {n}", title_fr=f"En plus {n}",
                                             due_on=date(Y, 6, 30), lead=organisations[0])
        milestone.supporting.set(organisations[:2])
        CommitmentStakeholder.objects.create(commitment=own, organisation=organisations[n % 3],
                                             constituency="civil_society")
        ReasonedResponse.objects.create(process=process, decision="included",
                                        summary=f"More {n}", consideration="x", influence="x",
                                        reasons="x").commitments.add(own)
    with django_assert_max_num_queries(24):
        assert client.get(url).status_code == 200
    assert count() == before


# --- plan sections -------------------------------------------------------------------------

@pytest.mark.django_db
def test_plan_sections_save_writes_the_plan_and_an_activity_row(client, users, current_plan):
    as_user(client, users["poc"])
    before = current_plan.local_initiatives.count()
    new = f"initiatives-{before}"  # the empty form after the existing ones
    data = sections_data(current_plan, introduction_en="A new introduction.",
                         **{f"{new}-title_en": "Local open data",
                            f"{new}-jurisdiction_en": "Port-Valmerre",
                            f"{new}-title_fr": "Données locales",
                            f"{new}-jurisdiction_fr": "Port-Valmerre"})
    response = client.post(reverse("workspace:plan_edit", args=[current_plan.pk]), data)
    assert response.status_code == 302
    current_plan.refresh_from_db()
    assert current_plan.introduction_en == "A new introduction."
    assert current_plan.local_initiatives.count() == before + 1
    row = Activity.objects.get(kind=Activity.Kind.PLAN_SAVED, target_id=current_plan.pk)
    assert (row.actor, row.target_id, row.summary) == (
        users["poc"], current_plan.pk, "introduction_en, local_initiatives")


@pytest.mark.django_db
def test_a_new_commitment_writes_an_activity_row(client, users, current_plan, own):
    as_user(client, users["poc"])
    data = editor_data(own, number="60", **{
        "milestones-INITIAL_FORMS": "0", "milestones-TOTAL_FORMS": "0",
        "stakeholders-INITIAL_FORMS": "0", "stakeholders-TOTAL_FORMS": "0"})
    response = client.post(reverse("workspace:commitment_new", args=[current_plan.pk]), data)
    assert response.status_code == 302
    created = current_plan.commitments.get(number=60)
    row = Activity.objects.get(kind=Activity.Kind.COMMITMENT_SAVED, target_id=created.pk)
    assert (row.actor, row.target_label, row.summary) == (users["poc"], str(created), "new")


# --- deadlines decide what is offered --------------------------------------------------------

@pytest.mark.django_db
def test_amendment_offered_until_its_deadline_then_refused(client, users, delivered_plan):
    deadline = delivered_plan.rules_calendar.amendment_deadline
    assert deadline == date(Y + 1, 12, 31)
    as_user(client, users["poc"])
    plan_url = reverse("workspace:plan", args=[delivered_plan.pk])
    amend_url = reverse("workspace:plan_amend", args=[delivered_plan.pk])
    body = client.get(plan_url).content.decode()
    assert amend_url in body
    assert f"Amendments are accepted until {long_date(deadline)} (C7)." in body

    with travel(deadline + timedelta(days=1)):
        as_user(client, users["poc"])  # the session of a year ago has expired
        body = client.get(plan_url).content.decode()
        assert amend_url not in body
        assert (f"The amendment window closed on {long_date(deadline)}, one year after the "
                "original delivery deadline (C7). This plan can no longer be amended." in body)
        page = client.get(amend_url)
        assert page.status_code == 200
        assert "The amendment window closed on" in page.content.decode()
        assert 'name="kind"' not in page.content.decode()  # no form to fill in
        response = client.post(amend_url, amend_post(
            delivered_on=(deadline + timedelta(days=1)).isoformat()), follow=True)
        assert response.redirect_chain[-1][0] == plan_url
        assert "This plan can no longer be amended." in response.content.decode()
        # Even a delivery date within the window is refused once the window has closed.
        client.post(amend_url, amend_post(delivered_on=deadline.isoformat()))
    assert delivered_plan.versions.count() == 1  # the original only

    with travel(deadline):
        as_user(client, users["poc"])
        response = client.post(amend_url, amend_post(delivered_on=deadline.isoformat()))
        assert response.status_code == 302
    assert list(delivered_plan.versions.values_list("kind", flat=True)) == ["original",
                                                                            "amendment"]


@pytest.mark.django_db
def test_closed_amendment_is_not_offered_while_the_refresh_is(client, users, current_plan):
    """The demo's four-year plan: amendments closed at the end of last year (C7), the
    refresh is due by the end of next June (C8)."""
    as_user(client, users["poc"])
    body = client.get(reverse("workspace:plan", args=[current_plan.pk])).content.decode()
    assert f"The amendment window closed on {long_date(date(Y - 1, 12, 31))}" in body
    assert f"The four-year refresh is due by {long_date(date(Y + 1, 6, 30))} (C8)." in body
    amend_url = reverse("workspace:plan_amend", args=[current_plan.pk])
    form = client.get(amend_url).content.decode()
    assert 'value="refresh"' in form and 'value="amendment"' not in form
    before = current_plan.versions.count()
    response = client.post(amend_url, amend_post("amendment"))
    assert response.status_code == 200
    assert "This plan can no longer be amended." in response.content.decode()
    assert current_plan.versions.count() == before
    with travel(date(Y + 1, 7, 1)):
        as_user(client, users["poc"])
        response = client.post(amend_url, amend_post("refresh"), follow=True)
        assert (f"The refresh window closed on {long_date(date(Y + 1, 6, 30))}, six months "
                "after the two-year mark (C8)." in response.content.decode())
    assert current_plan.versions.count() == before


def test_version_windows_follow_the_calendar():
    plan = ActionPlan(start_year=Y, duration_years=4, delivery_slot="june")
    open_now = services.version_windows(plan, today=date(Y, 7, 1))
    assert [(w.kind, w.deadline, w.is_open) for w in open_now] == [
        ("amendment", date(Y + 1, 6, 30), True), ("refresh", date(Y + 2, 12, 31), True)]
    later = services.version_windows(plan, today=date(Y + 3, 1, 1))
    assert [w.is_open for w in later] == [False, False]
    two_years = ActionPlan(start_year=Y, duration_years=2, delivery_slot="june")
    assert [w.kind for w in services.version_windows(two_years, today=date(Y, 7, 1))] \
        == ["amendment"]


# --- evidence kept after a refused progress update -------------------------------------------

def update_post(**extra):
    return {"completion": "substantial", "timeliness": "on_time", "licence": "CC-BY-4.0",
            "publish": "on", "summary_fr": "Le portail publie les attributions.",
            "summary_en": "The portal publishes awards.", **extra}


def kept_tokens(body):
    return re.findall(r'name="kept_evidence" value="([^"]+)"', body)


@pytest.mark.django_db
def test_a_file_is_kept_after_a_refusal_and_used_on_the_next_submit(client, users, own):
    url = reverse("workspace:commitment", args=[own.pk])
    as_user(client, users["agency"])
    before = (ProgressUpdate.objects.count(), Document.objects.count())
    response = client.post(url, update_post(
        summary_fr="", summary_en="",
        evidence=[SimpleUploadedFile("Rapport d'étape.pdf", PDF)]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Say what was done, in at least one language." in body
    assert "File kept: Rapport d&#x27;étape.pdf" in body
    [token] = kept_tokens(body)
    assert (ProgressUpdate.objects.count(), Document.objects.count()) == before
    payload = signing.loads(token, salt=kept_files.SALT)
    assert payload["u"] == users["agency"].pk and payload["c"] == own.pk
    path = f"{kept_files.HOLDING}/{payload['d']}/{payload['k']}"
    assert default_storage.exists(path)

    # Refused again (a delay without reasons): the file is still kept, not picked again.
    again = client.post(url, update_post(timeliness="delayed", kept_evidence=[token]))
    assert "File kept: Rapport d&#x27;étape.pdf" in again.content.decode()
    assert kept_tokens(again.content.decode()) == [token]

    response = client.post(url, update_post(kept_evidence=[token]))
    assert response.status_code == 302
    update = ProgressUpdate.objects.filter(commitment=own).order_by("-pk").first()
    document = update.evidence.get()
    assert document.title == "Rapport d'étape"
    assert document.versions.get().file.read() == PDF
    assert not default_storage.exists(path)  # the holding area is emptied once used


@pytest.mark.django_db
def test_a_refused_file_is_not_kept_and_says_why(client, users, own):
    as_user(client, users["agency"])
    response = client.post(reverse("workspace:commitment", args=[own.pk]), update_post(
        summary_fr="", summary_en="",
        evidence=[SimpleUploadedFile("preuve.pdf", b"not a pdf at all")]))
    body = response.content.decode()
    assert "is named as PDF but its content is not" in body
    assert kept_tokens(body) == [] and "File kept" not in body


@pytest.mark.django_db
def test_a_kept_file_serves_only_its_user_its_commitment_and_one_day(client, users, own,
                                                                     make_user):
    url = reverse("workspace:commitment", args=[own.pk])
    as_user(client, users["agency"])
    body = client.post(url, update_post(summary_fr="", summary_en="", evidence=[
        SimpleUploadedFile("preuve.pdf", PDF)])).content.decode()
    [token] = kept_tokens(body)

    def evidence_of_last_update():
        return ProgressUpdate.objects.filter(commitment=own).order_by("-pk").first() \
            .evidence.count()

    # Another editor of the same agency: the token is bound to the user who uploaded.
    colleague = make_user("t-agency-2", "agency_editor", organisation=own.lead_agency)
    as_user(client, colleague)
    assert client.post(url, update_post(kept_evidence=[token])).status_code == 302
    assert evidence_of_last_update() == 0
    # Altered, or carrying a path: ignored.
    as_user(client, users["agency"])
    forged = signing.dumps({"u": users["agency"].pk, "c": own.pk, "k": "../../settings",
                            "d": DEMO_TODAY.isoformat(), "n": "x.pdf"}, salt=kept_files.SALT)
    for bad in (token[:-2] + "xx", forged, "holding/whatever"):
        assert client.post(url, update_post(kept_evidence=[bad])).status_code == 302
        assert evidence_of_last_update() == 0
    # A day later, the token has expired.
    with travel(DEMO_TODAY + timedelta(days=2)):
        as_user(client, users["agency"])
        assert client.post(url, update_post(kept_evidence=[token])).status_code == 302
        assert evidence_of_last_update() == 0
    # Still valid today, once.
    assert client.post(url, update_post(kept_evidence=[token])).status_code == 302
    assert evidence_of_last_update() == 1


@pytest.mark.django_db
def test_old_days_of_the_holding_area_are_removed(users, own):
    upload = SimpleUploadedFile("preuve.pdf", PDF)
    kept = kept_files.keep(upload, user=users["agency"], commitment=own)
    assert default_storage.exists(kept.path)
    kept_files.purge(today=DEMO_TODAY + timedelta(days=1))
    assert default_storage.exists(kept.path)  # a token made today may still be used
    kept_files.purge(today=DEMO_TODAY + timedelta(days=2))
    assert not default_storage.exists(kept.path)


@pytest.mark.django_db
@pytest.mark.parametrize("role, offered", [("poc", True), ("superuser", True),
                                           ("agency", False), ("irm", False)])
def test_plan_page_offers_a_new_commitment_to_the_team_only(client, users, current_plan, role,
                                                            offered):
    as_user(client, users[role])
    body = client.get(reverse("workspace:plan", args=[current_plan.pk])).content.decode()
    assert (reverse("workspace:commitment_new", args=[current_plan.pk]) in body) is offered
    assert (reverse("workspace:plan_amend", args=[current_plan.pk]) in body) is offered
