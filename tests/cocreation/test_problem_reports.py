"""Report a problem: any visitor reports a published contribution or comment; reports from
``REPORTS_TO_HIDE`` different visitors hide it until a moderator decides; nothing is deleted;
every decision is recorded; reported items come first on the moderation desk; the public
sees the statistics per month, never who reported or what they wrote."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from opengov.cocreation import moderation, services
from opengov.cocreation.models import Contribution, ModerationDecision, ProblemReport
from opengov.core.models import Activity, ModerationState
from opengov.tracking.models import Comment
from tests.helpers import as_user

pytestmark = pytest.mark.django_db


def visitor(n):
    return Client(REMOTE_ADDR=f"198.51.100.{n}")


def report(client, url, reason="abuse", note=""):
    return client.post(url, {"reason": reason, "note": note, "started": _started()})


def _started():
    from opengov.core.forms import form_started_token

    return form_started_token()


@pytest.fixture
def published(current_plan):
    contribution = (Contribution.objects.public().filter(process__plan=current_plan)
                    .exclude(problem_reports__isnull=False).first())
    assert contribution is not None
    return contribution


@pytest.fixture
def contribution_url(published):
    return reverse("cocreation:report_contribution", args=[published.reference])


@pytest.fixture
def public_comment(demo):
    comment = (Comment.objects.public().filter(progress_update__isnull=False)
               .exclude(problem_reports__isnull=False).first())
    assert comment is not None
    return comment


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def test_every_public_contribution_on_the_feedback_page_has_a_report_link(current_plan,
                                                                        published):
    page = Client().get(reverse("cocreation:feedback", args=[current_plan.slug])
                        + f"?process={published.process_id}").content.decode()
    assert reverse("cocreation:report_contribution", args=[published.reference]) in page


def test_every_public_comment_has_a_report_link(public_comment):
    page = Client().get(reverse("tracking:update_detail",
                                args=[public_comment.progress_update_id])).content.decode()
    assert reverse("cocreation:report_comment", args=[public_comment.pk]) in page


def test_a_report_is_recorded_without_an_account_and_the_visitor_goes_back(
        published, contribution_url):
    response = report(visitor(1), contribution_url, "personal", "It gives a phone number.")
    assert response.status_code == 302
    assert response["Location"].endswith("#messages")
    assert f"process={published.process_id}" in response["Location"]
    saved = ProblemReport.objects.get(contribution=published)
    assert (saved.reason, saved.note, saved.decision) == ("personal",
                                                          "It gives a phone number.", None)
    assert "198.51.100.1" not in saved.reporter and len(saved.reporter) == 64
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.PUBLISHED  # one report hides nothing


def test_three_different_visitors_hide_it_until_a_moderator_decides(
        settings, published, contribution_url, current_plan):
    settings.REPORTS_TO_HIDE = 3
    feedback = reverse("cocreation:feedback", args=[current_plan.slug])
    for n in (1, 2):
        report(visitor(n), contribution_url)
    # the same visitor again counts once
    report(visitor(2), contribution_url)
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.PUBLISHED
    assert ProblemReport.objects.filter(contribution=published).count() == 2
    search = f"/api/v1/contributions?plan={current_plan.slug}&limit=500"
    assert published.reference in Client().get(search).content.decode()
    report(visitor(3), contribution_url)
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.PENDING
    assert published.text  # nothing deleted
    decision = ModerationDecision.objects.get(contribution=published)
    assert (decision.previous_state, decision.state, decision.decided_by) == (
        ModerationState.PUBLISHED, ModerationState.PENDING, None)
    assert Activity.objects.filter(kind=Activity.Kind.HIDDEN_AFTER_REPORTS,
                                   target_id=published.pk).exists()
    # Off every public page and the API at once (cached answers follow the content version).
    assert visitor(4).get(contribution_url).status_code == 404
    assert published.reference not in Client().get(search).content.decode()
    assert published.reference not in Client().get(
        feedback + f"?process={published.process_id}").content.decode()


def test_the_threshold_is_a_setting(settings, published, contribution_url):
    settings.REPORTS_TO_HIDE = 1
    report(visitor(9), contribution_url)
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.PENDING


def test_the_moderators_decision_closes_the_reports_and_is_recorded(
        settings, users, published, contribution_url):
    settings.REPORTS_TO_HIDE = 2
    report(visitor(1), contribution_url, "spam")
    report(visitor(2), contribution_url, "abuse", "Insults a named official.")
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.PENDING
    decision = services.contribution_moderate(actor=users["moderator"], contribution=published,
                                              state=ModerationState.PUBLISHED,
                                              reason="Criticism, not abuse.")
    assert decision.decided_by == users["moderator"]
    assert set(ProblemReport.objects.filter(contribution=published)
               .values_list("decision", flat=True)) == {decision.pk}
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.PUBLISHED
    # The visitors the moderator overruled are not heard again on this text: the same two
    # cannot hide it at once. Others start a new count.
    report(visitor(1), contribution_url, "spam")
    report(visitor(2), contribution_url, "spam")
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.PUBLISHED
    assert not ProblemReport.objects.filter(contribution=published, decision__isnull=True)
    report(visitor(5), contribution_url, "spam")
    assert ProblemReport.objects.filter(contribution=published, decision__isnull=True).count() == 1


def test_confirming_a_reported_but_published_item_is_a_decision_too(
        users, published, contribution_url):
    report(visitor(1), contribution_url, "off_topic")
    decision = services.contribution_moderate(actor=users["moderator"], contribution=published,
                                              state=ModerationState.PUBLISHED)
    assert decision is not None and decision.previous_state == decision.state
    assert not ProblemReport.objects.filter(contribution=published, decision__isnull=True)
    # Without open reports, the same confirmation records nothing.
    assert services.contribution_moderate(actor=users["moderator"], contribution=published,
                                          state=ModerationState.PUBLISHED) is None


def test_keeping_it_out_needs_a_reason_and_keeps_the_text(users, published, contribution_url):
    report(visitor(1), contribution_url, "abuse")
    with pytest.raises(ValidationError):
        services.contribution_moderate(actor=users["moderator"], contribution=published,
                                       state=ModerationState.ABUSE, reason="")
    services.contribution_moderate(actor=users["moderator"], contribution=published,
                                   state=ModerationState.ABUSE, reason="Threats.")
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.ABUSE and published.text


def test_comments_are_reported_and_hidden_the_same_way(settings, public_comment):
    settings.REPORTS_TO_HIDE = 2
    url = reverse("cocreation:report_comment", args=[public_comment.pk])
    response = report(visitor(1), url, "spam")
    assert response["Location"] == reverse(
        "tracking:update_detail", args=[public_comment.progress_update_id]) + "#messages"
    report(visitor(2), url, "spam")
    public_comment.refresh_from_db()
    assert public_comment.moderation_state == ModerationState.PENDING
    page = Client().get(reverse("tracking:update_detail",
                                args=[public_comment.progress_update_id])).content.decode()
    assert f'id="comment-{public_comment.pk}"' not in page


@pytest.mark.parametrize("state", [ModerationState.PENDING, ModerationState.PRIVATE,
                                   ModerationState.SPAM])
def test_only_published_texts_can_be_reported(published, state):
    Contribution.objects.filter(pk=published.pk).update(moderation_state=state)
    url = reverse("cocreation:report_contribution", args=[published.reference])
    assert visitor(1).get(url).status_code == 404
    assert report(visitor(1), url).status_code == 404
    with pytest.raises(ValidationError):
        services.problem_report(item=published, reason="spam", reporter="x" * 64)
    assert not ProblemReport.objects.filter(contribution=published).exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_not_counted(contribution_url,
                                                                    published):
    response = visitor(1).post(contribution_url, {"reason": "spam", "website": "http://x",
                                                  "started": _started()})
    assert response.status_code == 302
    assert not ProblemReport.objects.filter(contribution=published).exists()


def test_a_bad_reason_is_explained_and_the_note_kept(contribution_url, published):
    response = visitor(1).post(contribution_url, {"reason": "nonsense",
                                                  "note": "Kept note", "started": _started()},
                               HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert b"Kept note" in response.content
    assert not ProblemReport.objects.filter(contribution=published).exists()


def test_reports_are_rate_limited_per_connection(settings, demo, current_plan):
    settings.REPORTS_TO_HIDE = 100
    contributions = list(Contribution.objects.public().filter(process__plan__member=demo)[:21])
    client = visitor(7)
    codes = [report(client, reverse("cocreation:report_contribution", args=[c.reference]))
             .status_code for c in contributions]
    assert codes[:20] == [302] * 20
    if len(codes) > 20:
        assert codes[20] == 200  # the form again, with the reason


def test_reported_items_come_first_on_the_moderation_desk(client, users, settings, published,
                                                          contribution_url):
    settings.REPORTS_TO_HIDE = 3
    report(visitor(1), contribution_url, "personal", "It names my neighbour.")
    as_user(client, users["moderator"])
    page = client.get(reverse("workspace:moderation_desk")).content.decode()
    reported_at = page.index('id="reported"')
    assert reported_at < page.index('id="contributions"')
    reported = page[reported_at:page.index('id="contributions"')]
    assert f'id="mr-contribution-{published.pk}"' in reported
    assert "It names my neighbour." in page
    home = client.get(reverse("workspace:home")).content.decode()
    assert "#reported" in home


def test_the_desk_decision_closes_the_reports(client, users, published, contribution_url):
    report(visitor(1), contribution_url, "spam")
    as_user(client, users["moderator"])
    client.post(reverse("workspace:moderate", args=["contribution", published.pk]),
                {"decision": "spam", "reason": "Advertising."})
    report_row = ProblemReport.objects.get(contribution=published)
    assert report_row.decision.state == ModerationState.SPAM
    page = client.get(reverse("workspace:moderation_desk")).content.decode()
    assert f'id="mr-contribution-{published.pk}"' not in page


def test_the_public_statistics_give_counts_only(settings, published, contribution_url):
    settings.REPORTS_TO_HIDE = 2
    report(visitor(1), contribution_url, "abuse", "SECRET NOTE 123")
    report(visitor(2), contribution_url, "abuse")
    months = moderation.monthly_statistics(published.process.plan.member)
    assert months and months[0].reports >= 2 and months[0].hidden_after_reports >= 1
    for lang in ("en", "fr", "es"):
        page = Client().get(f"/{lang}/moderation/").content.decode()
        assert "<table" in page
        assert "SECRET NOTE 123" not in page
        assert "198.51.100" not in page
        assert ProblemReport.objects.first().reporter not in page


def test_the_report_page_explains_what_happens_in_each_language(contribution_url):
    for lang, words in (("fr", "Signaler un problème"), ("es", "Señalar un problema")):
        page = visitor(1).get(f"/{lang}" + contribution_url[3:]).content.decode()
        assert words in page


def test_a_comment_on_a_self_assessment_is_reported_from_its_page(current_plan):
    from opengov.reports.models import SelfAssessment

    assessment = SelfAssessment.objects.public().filter(plan__member=current_plan.member).first()
    assert assessment is not None
    comment = Comment.objects.create(self_assessment=assessment, text="Un avis sur le rapport.",
                                     moderation_state=ModerationState.PUBLISHED)
    back = reverse("reports:self_assessment", args=[assessment.plan.slug, assessment.pk])
    url = reverse("cocreation:report_comment", args=[comment.pk])
    assert url in Client().get(back).content.decode()
    assert report(visitor(1), url, "other")["Location"] == back + "#messages"


def test_a_text_hidden_after_reports_is_no_longer_readable_at_its_reference(
        settings, published, contribution_url):
    settings.REPORTS_TO_HIDE = 1
    receipt = reverse("cocreation:receipt", args=[published.reference])
    words = escape(published.text[:30])  # as the page writes them
    assert words in Client().get(receipt).content.decode()
    report(visitor(1), contribution_url)
    page = Client().get(receipt).content.decode()
    assert words not in page
    assert "no longer shown" in page


def test_addresses_of_one_ipv6_network_are_one_visitor(settings, published, contribution_url):
    settings.REPORTS_TO_HIDE = 2
    for host in ("2001:db8:1:2::1", "2001:db8:1:2::99", "2001:db8:1:2:ffff::5"):
        report(Client(REMOTE_ADDR=host), contribution_url)
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.PUBLISHED
    assert ProblemReport.objects.filter(contribution=published).count() == 1
    report(Client(REMOTE_ADDR="2001:db8:1:3::1"), contribution_url)
    published.refresh_from_db()
    assert published.moderation_state == ModerationState.PENDING


def test_a_report_from_a_form_never_shown_is_thanked_and_not_counted(published,
                                                                    contribution_url):
    response = visitor(1).post(contribution_url, {"reason": "spam"})  # no signed start time
    assert response.status_code == 302
    assert not ProblemReport.objects.filter(contribution=published).exists()


def test_a_text_hidden_meanwhile_gets_the_same_thanks(monkeypatch, published,
                                                     contribution_url):
    found = moderation.reportable_contribution

    def hidden_meanwhile(member, reference):
        item, back = found(member, reference)
        Contribution.objects.filter(pk=item.pk).update(moderation_state=ModerationState.PENDING)
        return item, back

    monkeypatch.setattr(moderation, "reportable_contribution", hidden_meanwhile)
    response = report(visitor(1), contribution_url)
    assert response.status_code == 302
    assert not ProblemReport.objects.filter(contribution=published).exists()


def test_a_report_that_hides_nothing_changes_no_public_page(published, contribution_url):
    from opengov.core import content

    before = content.current().number
    report(visitor(1), contribution_url)
    assert content.current().number == before


def test_reports_hide_at_most_a_few_texts_an_hour(settings, demo):
    settings.REPORTS_TO_HIDE = 1
    hides = services.HIDES_PER_HOUR
    contributions = list(Contribution.objects.public().filter(process__plan__member=demo)
                         .exclude(problem_reports__isnull=False)[:hides + 2])
    for n, contribution in enumerate(contributions):
        services.problem_report(item=contribution, reason="spam", reporter=f"flood-{n}")
    states = [Contribution.objects.get(pk=c.pk).moderation_state for c in contributions]
    assert states.count(ModerationState.PENDING) <= hides
    assert states[-1] == ModerationState.PUBLISHED  # reported, and first on the desk
    assert ProblemReport.objects.filter(contribution=contributions[-1]).exists()


def test_the_statistics_count_nothing_of_a_plan_that_is_not_public(demo, current_plan):
    from opengov.plans.models import ActionPlan

    def received():
        return sum(month.received for month in moderation.monthly_statistics(demo))

    before = received()
    in_plan = Contribution.objects.filter(process__plan=current_plan).count()
    assert in_plan
    ActionPlan.objects.filter(pk=current_plan.pk).update(is_public=False)
    assert received() <= before - in_plan
