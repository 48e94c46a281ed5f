"""The self-assessment desk (SA1, SA2): the Point of Contact team lists the reports, corrects
a report and its commitments' colours in every language, sets the comment period and
publishes it; each write is logged; other roles and other members' reports are refused."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.formats import date_format

from opengov.core.models import Activity
from opengov.members.models import Member
from opengov.plans.models import ActionPlan
from opengov.reports import services
from opengov.reports.models import CommitmentAssessment, SelfAssessment
from tests.conftest import DEMO_TODAY
from tests.helpers import as_user

ALLOWED = ("poc", "superuser")
REFUSED = ("no_role", "forum", "agency", "irm", "moderator", "administrator")




def matrix(allowed):
    """The status each role gets: ``allowed`` for the desk's roles, 403 for the others, and
    the sign-in redirect for the anonymous."""
    return {**dict.fromkeys(ALLOWED, allowed), **dict.fromkeys(REFUSED, 403), "anonymous": 302}




@pytest.fixture
def draft(current_plan):
    """The demo's draft of the current plan, open for comment until 25 days from now."""
    return SelfAssessment.objects.get(plan=current_plan, published_on__isnull=True)


@pytest.fixture
def foreign_report(db):
    elsewhere = Member.objects.create(name="Elsewhere", slug="elsewhere", kind="national",
                                      administrative_languages=["en"])
    plan = ActionPlan.objects.create(member=elsewhere, number=1, slug="elsewhere-plan",
                                     title="Elsewhere plan", start_year=2025, duration_years=2,
                                     delivery_slot="june")
    return SelfAssessment.objects.create(plan=plan, prepared_on=DEMO_TODAY,
                                         introduction_en="FOREIGN")


def day(value):
    return date_format(value, "DATE_FORMAT")


def plain(value):
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else value


def form_data(client, url, **changes):
    """Everything the edit page shows in its form, as a browser would send it back."""
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    for form in [response.context["form"], *response.context["items"]]:
        for name in form.fields:
            data[form.add_prefix(name)] = plain(form[name].value())
    data.update(changes)
    return data


def logged(assessment):
    return Activity.objects.filter(
        kind=Activity.Kind.REPORT_SAVED, target_id=assessment.pk,
        target_type=ContentType.objects.get_for_model(SelfAssessment))


# -- who reaches each page ----------------------------------------------------------------


@pytest.mark.django_db
def test_who_reaches_the_desk(client, users, draft):
    assert set(users) == {"anonymous", *ALLOWED, *REFUSED}
    pages = [reverse("workspace:self_assessments"),
             reverse("workspace:self_assessment_edit", args=[draft.pk])]
    got = {role: [as_user(client, user).get(url).status_code for url in pages]
           for role, user in users.items()}
    expected = {role: [200, 200] for role in ALLOWED}
    expected.update({role: [403, 403] for role in REFUSED})
    expected["anonymous"] = [302, 302]
    assert got == expected
    assert as_user(client, users["poc"]).post(pages[0]).status_code == 405  # a list only


@pytest.mark.django_db
def test_who_saves_a_report(client, users, draft):
    url = reverse("workspace:self_assessment_edit", args=[draft.pk])
    as_user(client, users["poc"])
    data = form_data(client, url)
    got = {}
    for role, user in users.items():
        got[role] = as_user(client, user).post(
            url, {**data, "lessons_en": f"LESSON-{role}"}).status_code
    assert got == matrix(302)
    draft.refresh_from_db()
    assert draft.lessons_en == "LESSON-poc"  # the last allowed one (the dict's order)
    assert list(logged(draft).order_by("pk").values_list("actor__username", "summary")) == [
        ("root", "lessons_en"), ("t-poc", "lessons_en")]


@pytest.mark.django_db
def test_who_publishes_a_report(client, users, draft):
    url = reverse("workspace:self_assessment_edit", args=[draft.pk])
    got = {}
    for role, user in users.items():
        if role in ALLOWED:
            continue
        got[role] = as_user(client, user).post(url, {
            "action": "publish", "published_on": DEMO_TODAY.isoformat()}).status_code
    assert got == {**dict.fromkeys(REFUSED, 403), "anonymous": 302}
    draft.refresh_from_db()
    assert draft.published_on is None and not logged(draft).exists()
    response = as_user(client, users["poc"]).post(url, {
        "action": "publish", "published_on": DEMO_TODAY.isoformat()})
    assert response.status_code == 302 and response.url == reverse("workspace:self_assessments")
    draft.refresh_from_db()
    assert draft.published_on == DEMO_TODAY
    entry = logged(draft).get()
    assert (entry.actor, entry.summary) == (users["poc"], f"Published on {DEMO_TODAY}")


@pytest.mark.django_db
def test_another_members_report_is_not_found(client, users, foreign_report):
    as_user(client, users["poc"])
    url = reverse("workspace:self_assessment_edit", args=[foreign_report.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"introduction_en": "HIJACKED"}).status_code == 404
    assert client.post(url, {"action": "publish", "published_on": DEMO_TODAY.isoformat()}
                       ).status_code == 404
    foreign_report.refresh_from_db()
    assert (foreign_report.introduction_en, foreign_report.published_on) == ("FOREIGN", None)
    assert "Elsewhere plan" not in client.get(reverse("workspace:self_assessments")
                                              ).content.decode()


# -- editing --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_poc_corrects_texts_colours_and_comment_period(client, users, draft):
    url = reverse("workspace:self_assessment_edit", args=[draft.pk])
    rows = list(draft.commitment_assessments.order_by("commitment__number"))
    first, second = rows[0], rows[1]
    new_colour = "red" if first.colour != "red" else "green"
    as_user(client, users["poc"])
    page = client.get(url).content.decode()
    assert f'name="c{first.pk}-colour"' in page and f'name="c{first.pk}-justification_fr"' in page
    assert 'name="introduction_fr"' in page and 'name="introduction_en"' in page
    response = client.post(url, form_data(client, url, **{
        "introduction_fr": "Introduction corrigée", "introduction_en": "Corrected introduction",
        f"c{first.pk}-colour": new_colour,
        f"c{first.pk}-justification_fr": "Justification corrigée",
        f"c{second.pk}-next_steps_en": "Publish the contracts register",
        "comments_open_on": (DEMO_TODAY + timedelta(days=1)).isoformat(),
        "comments_close_on": (DEMO_TODAY + timedelta(days=15)).isoformat()}))
    assert response.status_code == 302 and response.url == url
    draft.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (draft.introduction_fr, draft.introduction_en) == (
        "Introduction corrigée", "Corrected introduction")
    assert (draft.comments_open_on, draft.comments_close_on) == (
        DEMO_TODAY + timedelta(days=1), DEMO_TODAY + timedelta(days=15))
    assert (first.colour, first.justification_fr) == (new_colour, "Justification corrigée")
    assert second.next_steps_en == "Publish the contracts register"
    assert draft.published_on is None
    assert logged(draft).get().summary == (
        "comments_open_on, comments_close_on, introduction_fr, introduction_en; "
        f"commitments {first.commitment.number}, {second.commitment.number}")
    # The draft is private again until its new period opens.
    client.logout()
    public = reverse("reports:self_assessment", args=[draft.plan.slug, draft.pk])
    assert client.get(public).status_code == 404


@pytest.mark.django_db
def test_bad_input_gives_form_errors(client, users, draft):
    url = reverse("workspace:self_assessment_edit", args=[draft.pk])
    row = draft.commitment_assessments.order_by("commitment__number").first()
    as_user(client, users["poc"])
    cases = [
        ({"comments_open_on": DEMO_TODAY.isoformat(),
          "comments_close_on": (DEMO_TODAY - timedelta(days=1)).isoformat()},
         "The comment period cannot close before it opens."),
        ({"comments_open_on": "", "comments_close_on": DEMO_TODAY.isoformat()},
         "Say when the comment period opens."),
        ({"comments_open_on": "27/27/2026"}, "Enter a valid date."),
        ({f"c{row.pk}-colour": "purple"}, "Select a valid choice."),
    ]
    before = (draft.comments_open_on, draft.comments_close_on, row.colour)
    for change, message in cases:
        response = client.post(url, form_data(client, url, **change))
        assert response.status_code == 200, change
        body = response.content.decode()
        assert message in body and 'class="error-summary"' in body, change
    response = client.post(url, {"action": "publish", "published_on": "soon"})
    assert response.status_code == 200 and "Enter a valid date." in response.content.decode()
    draft.refresh_from_db()
    row.refresh_from_db()
    assert (draft.comments_open_on, draft.comments_close_on, row.colour) == before
    assert not logged(draft).exists()
    assert client.get(reverse("workspace:self_assessment_edit", args=[999999])
                      ).status_code == 404


@pytest.mark.django_db
def test_rows_of_another_report_are_not_touched(client, users, draft, current_plan):
    """A crafted field for a row of another report is not read; the service refuses it."""
    old = SelfAssessment.objects.exclude(pk=draft.pk).first()
    foreign_row = old.commitment_assessments.first()
    url = reverse("workspace:self_assessment_edit", args=[draft.pk])
    as_user(client, users["poc"])
    client.post(url, form_data(client, url, **{f"c{foreign_row.pk}-colour": "red",
                                               f"c{foreign_row.pk}-justification_en": "X"}))
    assert CommitmentAssessment.objects.get(pk=foreign_row.pk).justification_en != "X"
    with pytest.raises(ValidationError):
        services.self_assessment_save(actor=users["poc"], assessment=draft,
                                      items={foreign_row.pk: {"colour": "red"}})
    with pytest.raises(TypeError):
        services.self_assessment_save(actor=users["poc"], assessment=draft,
                                      values={"published_on": DEMO_TODAY})
    with pytest.raises(PermissionDenied):
        services.self_assessment_save(actor=users["agency"], assessment=draft,
                                      values={"lessons_en": "X"})
    with pytest.raises(PermissionDenied):
        services.self_assessment_publish(actor=users["irm"], assessment=draft)


# -- publishing -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_closes_comments_and_shows_the_report(client, users, draft):
    public = reverse("reports:self_assessment", args=[draft.plan.slug, draft.pk])
    assert client.post(public, {"text": "Un commentaire pendant la période."}
                       ).status_code == 302
    url = reverse("workspace:self_assessment_edit", args=[draft.pk])
    as_user(client, users["poc"])
    page = client.get(url).content.decode()
    assert "The public comment period is still open: publishing closes it." in page
    assert client.post(url, {"action": "publish", "published_on": DEMO_TODAY.isoformat()}
                       ).status_code == 302
    listing = client.get(reverse("workspace:self_assessments")).content.decode()
    assert f"Published on {day(DEMO_TODAY)}" in listing
    again = client.post(url, {"action": "publish", "published_on": DEMO_TODAY.isoformat()})
    assert again.status_code == 200
    assert "This report is already published" in again.content.decode()
    assert logged(draft).count() == 1
    client.logout()
    assert client.get(public).status_code == 200
    assert client.post(public, {"text": "Trop tard pour commenter ?"}).status_code == 404


@pytest.mark.django_db
def test_publication_cannot_precede_preparation_and_can_be_scheduled(client, users, draft):
    url = reverse("workspace:self_assessment_edit", args=[draft.pk])
    as_user(client, users["poc"])
    early = client.post(url, {"action": "publish", "published_on": (
        draft.prepared_on - timedelta(days=1)).isoformat()})
    assert early.status_code == 200
    assert "cannot be published before the day it was prepared" in early.content.decode()
    later = DEMO_TODAY + timedelta(days=40)
    assert client.post(url, {"action": "publish", "published_on": later.isoformat()}
                       ).status_code == 302
    draft.refresh_from_db()
    assert draft.published_on == later
    listing = client.get(reverse("workspace:self_assessments")).content.decode()
    assert f"To be published on {day(later)}" in listing


# -- the draft page brings the team here -----------------------------------------------------


@pytest.mark.django_db
def test_the_draft_view_redirects_to_the_desk(client, users, current_plan):
    as_user(client, users["poc"])
    before = set(SelfAssessment.objects.values_list("pk", flat=True))
    response = client.post(reverse("workspace:self_assessment"), {"plan": current_plan.pk})
    (new,) = SelfAssessment.objects.exclude(pk__in=before)
    assert response.status_code == 302
    assert response.url == reverse("workspace:self_assessment_edit", args=[new.pk])
    assert (new.plan, new.published_on) == (current_plan, None)
    assert new.commitment_assessments.count() == current_plan.commitments.count()
    entry = logged(new).get()
    assert (entry.actor, entry.summary) == (users["poc"], "Draft written from the progress data")
    assert client.get(response.url).status_code == 200
    as_user(client, users["agency"])
    assert client.post(reverse("workspace:self_assessment"), {"plan": current_plan.pk}
                       ).status_code == 403


# -- the list ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_shows_each_reports_state(client, users, draft, current_plan):
    published = SelfAssessment.objects.exclude(pk=draft.pk).get()
    as_user(client, users["poc"])
    body = client.get(reverse("workspace:self_assessments")).content.decode()
    assert f"Open for public comment until {day(draft.comments_close_on)}" in body
    assert f"Published on {day(published.published_on)}" in body
    assert reverse("workspace:self_assessment_edit", args=[draft.pk]) in body
    assert reverse("reports:self_assessment", args=[current_plan.slug, draft.pk]) in body
    private = SelfAssessment.objects.create(plan=current_plan, prepared_on=DEMO_TODAY)
    body = client.get(reverse("workspace:self_assessments")).content.decode()
    assert "Private draft" in body
    assert reverse("reports:self_assessment", args=[current_plan.slug, private.pk]) not in body


@pytest.mark.django_db
def test_the_list_does_not_query_per_report(client, users, current_plan,
                                            django_assert_max_num_queries):
    as_user(client, users["poc"])
    url = reverse("workspace:self_assessments")
    client.get(url)
    # Session, user, member, roles, the reports with their counts, the site's pages.
    with django_assert_max_num_queries(6) as before:
        client.get(url)
    for n in range(20):
        SelfAssessment.objects.create(plan=current_plan,
                                      prepared_on=DEMO_TODAY - timedelta(days=n))
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 22


@pytest.mark.django_db
def test_home_links_the_desk_for_the_poc_team_only(client, users):
    link = reverse("workspace:self_assessments")
    for role in ALLOWED:
        assert link in as_user(client, users[role]).get(reverse("workspace:home")
                                                        ).content.decode(), role
    for role in ("agency", "forum", "irm", "moderator"):
        assert link not in as_user(client, users[role]).get(reverse("workspace:home")
                                                            ).content.decode(), role
