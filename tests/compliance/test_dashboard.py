"""The compliance dashboard gives a Point of Contact what to do: a summary of the minimum
requirements and the next deadline, a next step (and the workspace page where it is done)
for every requirement at risk, not met or not known, and badges that say what they mean.

Rule IDs are read from the verdicts and the registry here, never written out: the rule
catalogue of docs/rules.md lists the test files that name each rule.
"""

import inspect
import re
from datetime import timedelta

import polib
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape

from opengov.compliance import views as compliance_views
from opengov.compliance.deadlines import plan_deadlines
from opengov.compliance.services import (
    ACTION_STATUSES,
    minimum_requirements_summary,
    next_step,
    plan_compliance,
)
from opengov.forum.models import Meeting
from opengov.plans.models import ActionPlan
from opengov.repository.models import Document
from opengov.rules import registry, requirements
from opengov.rules.verdicts import Status
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.django_db

URL = "/en/compliance/"


def action_rows(body):
    """The rows of "What to do now", by (rule, scope): their HTML."""
    return {(m.group(1), m.group(2)): m.group(0) for m in re.finditer(
        r'<tr class="action-row" data-rule="([^"]+)" data-scope="([^"]+)">.*?</tr>', body,
        re.S)}


def failing_row(current_plan):
    rows = plan_compliance(current_plan, today=DEMO_TODAY).rows
    return next(r for r in rows if r.verdict.status == Status.NOT_MET)


# -- who sees it ---------------------------------------------------------------------------

def test_signed_in_roles_see_it_anonymous_is_sent_to_sign_in_no_role_is_refused(client,
                                                                                users):
    expected = {"anonymous": 302, "no_role": 403, "superuser": 200, "poc": 200,
                "forum": 200, "agency": 200, "irm": 200, "moderator": 200,
                "administrator": 200}
    got = {}
    for role, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(URL)
        got[role] = response.status_code
        if role == "anonymous":
            assert response["Location"] == f"{reverse('workspace:login')}?next={URL}"
    assert got == {role: expected[role] for role in users}


def test_only_get_and_head(client, users):
    client.force_login(users["poc"])
    assert client.post(URL).status_code == 405


# -- the summary ---------------------------------------------------------------------------

def test_summary_counts_are_the_verdicts_of_the_minimum_requirements(client, users,
                                                                     current_plan):
    client.force_login(users["poc"])
    response = client.get(URL)
    rows = plan_compliance(current_plan, today=DEMO_TODAY).rows
    minimum = [r.status for r in rows if r.rule in registry.MINIMUM_REQUIREMENTS]
    summary = response.context["summary"]
    assert (summary.met, summary.at_risk, summary.not_met) == (
        minimum.count("met"), minimum.count("at_risk"), minimum.count("not_met"))
    assert summary.total == len(minimum) and summary.other == len(minimum) - sum(
        minimum.count(s) for s in ("met", "at_risk", "not_met"))
    # The demo has one of each kind: the counts are not all zero by accident.
    assert summary.met >= 5 and summary.at_risk >= 1 and summary.not_met >= 1
    body = response.content.decode()
    assert f"<strong>{summary.met}</strong> minimum requirements met" in body
    assert f"<strong>{summary.at_risk}</strong> at risk" in body
    assert f"<strong>{summary.not_met}</strong> not met" in body


def test_summary_ignores_what_is_not_a_minimum_requirement(current_plan):
    rows = plan_compliance(current_plan, today=DEMO_TODAY).rows
    others = [r for r in rows if r.rule not in registry.MINIMUM_REQUIREMENTS]
    assert others  # the demo has such verdicts
    assert minimum_requirements_summary(others).total == 0
    assert minimum_requirements_summary(rows) == minimum_requirements_summary(
        [r for r in rows if r.rule in registry.MINIMUM_REQUIREMENTS])


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_next_deadline_in_the_reader_s_date_format(client, users, current_plan, lang):
    client.force_login(users["poc"])
    body = client.get(f"/{lang}/compliance/").content.decode()
    with translation.override(lang):
        first = plan_deadlines(plan_compliance(current_plan))[0]
        shown = formats.date_format(first.date, "DATE_FORMAT")
    summary = body[body.index('id="summary"'):body.index('id="to-do"')]
    assert f'<time datetime="{first.date:%Y-%m-%d}">{shown}</time>' in summary
    assert escape(first.label) in summary and f"· {first.rule}</span>" in summary


# -- what to do now ------------------------------------------------------------------------

def test_every_row_to_act_on_has_a_next_step_and_its_workspace_link(client, users,
                                                                    current_plan):
    client.force_login(users["poc"])
    response = client.get(URL)
    body = response.content.decode()
    shown = action_rows(body)
    rows = plan_compliance(current_plan, today=DEMO_TODAY).rows
    expected = {(r.rule, r.verdict.scope) for r in rows if r.verdict.status in ACTION_STATUSES}
    assert expected and set(shown) == expected
    linked = 0
    for row in response.context["actions"]:
        html = shown[row.rule, row.verdict.scope]
        assert row.next_step and escape(row.next_step) in html
        link = compliance_views.workspace_link(row.rule, current_plan, users["poc"])
        if link is not None:
            assert f'href="{link.url}"' in html
            linked += 1
    assert linked == sum(1 for r in response.context["actions"]
                         if r.rule in compliance_views.WORKSPACE_PAGES
                         and compliance_views.workspace_link(r.rule, current_plan,
                                                             users["poc"]))


def test_the_most_urgent_comes_first(client, users):
    client.force_login(users["poc"])
    actions = client.get(URL).context["actions"]
    statuses = [row.verdict.status for row in actions]
    assert statuses == sorted(statuses, key=[Status.NOT_MET, Status.AT_RISK,
                                             Status.UNKNOWN].index)


def test_plain_name_first_the_rule_id_after(client, users):
    client.force_login(users["poc"])
    response = client.get(URL)
    shown = action_rows(response.content.decode())
    for row in response.context["actions"]:
        html = shown[row.rule, row.verdict.scope]
        name = escape(row.name)
        assert f"{name}</a>" in html
        assert html.index(name) < html.index(f'<span class="muted">· {row.rule}</span>')


def test_a_mapped_page_is_linked(client, users, current_plan, monkeypatch):
    row = failing_row(current_plan)
    monkeypatch.setitem(compliance_views.WORKSPACE_PAGES, row.rule, ("workspace:home", False))
    client.force_login(users["poc"])
    html = action_rows(client.get(URL).content.decode())[row.rule, row.verdict.scope]
    assert f'href="{reverse("workspace:home")}"' in html


def test_a_page_that_does_not_exist_yet_is_skipped_and_the_page_still_works(
        client, users, current_plan, monkeypatch):
    row = failing_row(current_plan)
    monkeypatch.setitem(compliance_views.WORKSPACE_PAGES, row.rule,
                        ("workspace:desk_not_built_yet", False))
    assert compliance_views.workspace_link(row.rule, current_plan, users["poc"]) is None
    client.force_login(users["poc"])
    response = client.get(URL)
    assert response.status_code == 200
    html = action_rows(response.content.decode())[row.rule, row.verdict.scope]
    assert "<a href" not in html.split("</th>", 1)[1]  # no link after the name's anchor
    assert escape(row.next_step) in html


def test_desks_are_linked_for_the_point_of_contact_team_only(client, users, current_plan,
                                                            monkeypatch):
    row = failing_row(current_plan)
    monkeypatch.setitem(compliance_views.WORKSPACE_PAGES, row.rule, ("workspace:plans", False))
    plans_url = reverse("workspace:plans")
    client.force_login(users["forum"])
    html = action_rows(client.get(URL).content.decode())[row.rule, row.verdict.scope]
    assert f'href="{plans_url}"' not in html
    monkeypatch.setitem(compliance_views.WORKSPACE_PAGES, row.rule, ("workspace:home", False))
    html = action_rows(client.get(URL).content.decode())[row.rule, row.verdict.scope]
    assert f'href="{reverse("workspace:home")}"' in html  # open to every role


def test_a_plan_page_link_takes_the_plan(current_plan, users, monkeypatch):
    monkeypatch.setitem(compliance_views.WORKSPACE_PAGES, "X", ("workspace:plan", True))
    link = compliance_views.workspace_link("X", current_plan, users["agency"])
    assert link.url == reverse("workspace:plan", args=[current_plan.pk])


# -- next steps are never empty ------------------------------------------------------------

def test_every_failing_verdict_of_the_demo_has_a_next_step():
    """Every plan of the demo, on the test day and across its cycle (every 61 days, two
    years either way): a verdict at risk, not met or not known always says what to do."""
    missing, seen = set(), 0
    for plan in ActionPlan.objects.all():
        for days in range(-730, 731, 61):
            today = DEMO_TODAY + timedelta(days=days)
            for row in plan_compliance(plan, today=today).rows:
                if row.verdict.status in ACTION_STATUSES:
                    seen += 1
                    if not row.next_step:
                        missing.add((plan.number, row.rule, row.status))
    assert seen > 20 and missing == set()


def _statuses_a_check_can_return(function, done=None):
    """The statuses a check of ``opengov.rules.requirements`` names, with those of the
    helpers of that module it calls (periodic, yearly...)."""
    done = done if done is not None else set()
    done.add(function.__name__)
    source = inspect.getsource(function)
    found = {Status[name] for name in re.findall(r"Status\.([A-Z_]+)", source)}
    for name in re.findall(r"\b([a-z_][a-z0-9_]*)\(", source):
        helper = getattr(requirements, name, None)
        if inspect.isfunction(helper) and helper.__module__ == requirements.__name__ \
                and name not in done:
            found |= _statuses_a_check_can_return(helper, done)
    return found


def test_every_rule_that_can_fail_says_what_to_do_for_each_way_it_fails():
    prefix = "opengov.rules.requirements."
    checked = 0
    for rule in registry.RULES:
        if rule.guidance:  # lists a check that judges another rule
            continue
        for dotted in rule.checks:
            if dotted.startswith(prefix + "check_"):
                check = getattr(requirements, dotted.removeprefix(prefix))
                failing = _statuses_a_check_can_return(check) & set(ACTION_STATUSES)
                checked += 1
                assert failing, dotted
                for status in failing:
                    assert rule.next_step(status), (rule.id, status.value)
                    assert next_step(rule.id, status) == str(rule.next_step(status))
    assert checked >= 12


# -- badges say what they mean -------------------------------------------------------------

def test_verdicts_with_nothing_to_do_say_so(client, users):
    client.force_login(users["poc"])
    response = client.get(URL)
    body = response.content.decode()
    met = [r for r in response.context["compliance"].rows
           if r.status == "met" and not r.next_step]
    assert met
    for row in met:
        html = re.search(rf'<tr id="rule-{row.rule}-{row.verdict.scope}">.*?</tr>', body,
                         re.S).group(0)
        assert "Nothing to do now." in html


def test_a_commitment_with_no_finding_reads_no_issue_not_complete(client, users,
                                                                  current_plan):
    client.force_login(users["poc"])
    response = client.get(URL)
    checks = response.context["compliance"].checks["commitments"]
    clean = [number for number, findings in checks.items() if not findings]
    assert clean
    body = response.content.decode()
    table = body[body.index('id="checks"'):]
    for number in clean:
        row = re.search(rf'<tr id="checks-{number}">.*?</tr>', table, re.S).group(0)
        assert '<span class="badge status-no_issue">No issue</span>' in row
        assert "Complete" not in row


def test_no_issue_is_not_translated_as_completed(client, users, tmp_path, settings):
    """With the French catalogue compiled as it stands, a commitment with no finding no
    longer reads "Achevé" (the progress scale's "Complete")."""
    catalogue = polib.pofile(str(django_settings.BASE_DIR / "opengov" / "locale" / "fr"
                                 / "LC_MESSAGES" / "django.po"))
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    catalogue.save_as_mofile(str(tmp_path / "fr" / "LC_MESSAGES" / "django.mo"))
    settings.LOCALE_PATHS = [str(tmp_path)]
    assert any(e.msgid == "Complete" and e.msgstr == "Achevé" for e in catalogue)
    client.force_login(users["poc"])
    body = client.get("/fr/compliance/").content.decode()
    table = body[body.index('id="checks"'):]
    assert "status-no_issue" in table and "Achevé" not in table


# -- cost ----------------------------------------------------------------------------------

def _queries(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context.captured_queries)


def test_query_count_is_pinned_and_does_not_grow_with_the_records(
        client, users, current_plan, django_assert_max_num_queries):
    client.force_login(users["poc"])
    client.get(URL)  # warm the per-process caches (content types, the site's member)
    before = _queries(client)
    forum = current_plan.member.forum
    for day in range(-10, 10):
        Meeting.objects.create(
            forum=forum, kind="implementation_review", title=f"Review {day}",
            format="online", is_public=day % 2 == 0,
            starts_at=timezone.now() + timedelta(days=day * 3 + (1 if day >= 0 else 0)))
    for number in range(20):
        Document.objects.create(member=current_plan.member, kind="other",
                                title=f"Minutes {number}", date=timezone.localdate(),
                                language="en", is_public=True)
    with django_assert_max_num_queries(55):
        after = _queries(client)
    assert after == before
