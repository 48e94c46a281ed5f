"""The receipt a citizen keeps after sending a contribution: what they sent, where it stands,
when an answer can be expected, where to read the answers and how to stay involved; and
nothing private, whoever holds the reference."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import formats, translation

from opengov.cocreation.models import (
    CoCreationProcess,
    Contribution,
    InputMechanism,
    ReasonedResponse,
    Stage,
)
from opengov.cocreation.services import contribution_moderate
from opengov.core.models import ModerationState
from opengov.plans.models import ActionPlan

pytestmark = pytest.mark.django_db


def shown(day):
    """A day as the English pages write it (DATE_FORMAT), never an ISO string."""
    with translation.override("en"):
        return formats.date_format(day, "DATE_FORMAT")


def receipt(client, contribution):
    response = client.get(f"/en/contributions/{contribution.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def main(page):
    return page[page.index("<main"):page.index("</main>")]


@pytest.fixture
def refresh(current_plan):
    """The demo's open consultation: no feedback stage, an online form open for weeks."""
    return CoCreationProcess.objects.get(plan=current_plan, purpose="refresh")


@pytest.fixture
def sent(refresh):
    """A contribution just sent through the form, as a citizen writes it: a title, lines,
    markup that must stay text, and private details."""
    return Contribution.objects.create(
        process=refresh, mechanism=refresh.input_mechanisms.get(kind="online_form"),
        title="Bus <timetables> & delays", text="First line.\nSecond <b>line</b>.",
        language="en", stakeholder_type="citizen", consent_to_publish=True,
        author_name="Awa Private-Name", author_organisation="Secret Org",
        author_email="awa.private@example.org")


def test_the_title_comes_first_then_the_text_escaped_with_its_line_breaks(client, sent):
    page = main(receipt(client, sent))
    h1 = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert "Bus &lt;timetables&gt; &amp; delays" in h1
    assert sent.reference not in h1
    assert "First line.<br>Second &lt;b&gt;line&lt;/b&gt;." in page
    assert "<b>line</b>" not in page
    # The reference stays on the page, in small print after the title.
    assert page.index("<h1>") < page.index(f"Reference: {sent.reference}")
    assert re.search(rf"<small>[^<]*{sent.reference}", page)


def test_a_contribution_without_title_is_headed_your_contribution(client, sent):
    sent.title = ""
    sent.save()
    assert "<h1>Your contribution</h1>" in main(receipt(client, sent))


@pytest.mark.parametrize(("state", "consent", "words"), [
    (ModerationState.PENDING, True, "Received, awaiting moderation"),
    (ModerationState.PUBLISHED, True, "Published, awaiting the forum's response"),
    (ModerationState.PRIVATE, False,
     "Received, kept private as you asked; it will still be answered"),
    (ModerationState.PRIVATE, True,
     "Received and kept out of public view; it will still be answered"),
])
def test_the_state_in_plain_words(client, sent, state, consent, words):
    Contribution.objects.filter(pk=sent.pk).update(moderation_state=state,
                                                   consent_to_publish=consent)
    status = re.search(r"<dt>Status</dt><dd>(.*?)</dd>", receipt(client, sent)).group(1)
    assert status == words


def test_a_pending_contribution_says_a_moderator_reads_it_first(client, sent):
    assert "A moderator reads every contribution" in receipt(client, sent)
    Contribution.objects.filter(pk=sent.pk).update(moderation_state=ModerationState.PUBLISHED)
    assert "A moderator reads every contribution" not in receipt(client, sent)


def test_without_a_feedback_stage_the_answer_comes_after_the_consultation_closes(
        client, sent, refresh):
    closes = refresh.input_mechanisms.get(kind="online_form").closes_on
    page = receipt(client, sent)
    assert (f"The forum answers once the consultation closes, on {shown(closes)}. "
            "No date has been announced for the answers yet.") in page
    assert closes.isoformat() not in main(page)


def test_the_end_of_the_feedback_stage_is_when_the_answer_is_expected(client, sent, refresh,
                                                                     fixed_today):
    ends = fixed_today + timedelta(days=80)
    Stage.objects.create(process=refresh, moment=Stage.Moment.FEEDBACK,
                         title="Answers and approval", starts_on=fixed_today + timedelta(days=40),
                         ends_on=ends)
    page = receipt(client, sent)
    assert (f"The forum plans to publish its answers by {shown(ends)}, at the end of the "
            "stage “Answers and approval”.") in page
    assert "consultation closes" not in page


def test_a_feedback_stage_that_ended_without_an_answer_says_so(client, sent, refresh,
                                                              fixed_today):
    ended = fixed_today - timedelta(days=3)
    Stage.objects.create(process=refresh, moment=Stage.Moment.FEEDBACK, title="Answers",
                         starts_on=ended - timedelta(days=30), ends_on=ended)
    page = receipt(client, sent)
    assert (f"The timeline planned the forum's answers by {shown(ended)}. They have not "
            "been published yet") in page
    assert "plans to publish its answers" not in page


def test_a_closed_consultation_without_feedback_stage(client, sent, refresh, fixed_today):
    closed = fixed_today - timedelta(days=2)
    InputMechanism.objects.filter(process=refresh).update(closes_on=closed)
    assert (f"The consultation closed on {shown(closed)}. No date has been announced for "
            "the forum's answers yet.") in receipt(client, sent)


def test_with_no_date_in_the_timeline_the_page_says_so_plainly(client, current_plan):
    process = CoCreationProcess.objects.create(plan=current_plan, title="A quiet process")
    contribution = Contribution.objects.create(process=process, text="An idea without dates.",
                                               language="en", stakeholder_type="citizen")
    page = receipt(client, contribution)
    assert "No date has been announced for the forum's answers yet." in page
    assert "consultation closes" not in page and "plans to publish" not in page


def test_it_links_the_feedback_page_of_its_process_and_the_feeds(client, sent, current_plan):
    page = main(receipt(client, sent))
    feedback = reverse("cocreation:feedback", args=[current_plan.slug],
                       ) + f"?process={sent.process_id}"
    assert f'<a href="{feedback}">What we did with your contributions</a>' in page
    assert client.get(feedback).status_code == 200
    opportunities = reverse("web:feed_opportunities")
    updates = reverse("web:feed_plan_updates", args=[current_plan.slug])
    assert f'href="{opportunities}"' in page and f'href="{updates}"' in page
    for feed in (opportunities, updates):
        assert client.get(feed)["Content-Type"].startswith("application/atom+xml")


def test_an_answered_contribution_shows_the_answer_and_no_expected_date(client, sent,
                                                                       users, fixed_today):
    contribution_moderate(actor=users["moderator"], contribution=sent, state="published")
    response = ReasonedResponse.objects.create(
        process=sent.process, decision="included", summary="Bus data asked for.",
        consideration="Studied.", influence="Added.", reasons="Useful and feasible.",
        published_on=fixed_today)
    response.contributions.set([sent])
    page = receipt(client, sent)
    assert "<dt>Status</dt><dd>Answered: the forum's response is below</dd>" in page
    assert "Useful and feasible." in page
    assert "consultation closes" not in page and "No date has been announced" not in page


def test_an_unpublished_answer_is_not_an_answer(client, sent):
    draft = ReasonedResponse.objects.create(
        process=sent.process, decision="included", summary="DRAFT-ANSWER", consideration="x",
        influence="x", reasons="x")
    draft.contributions.set([sent])
    page = main(receipt(client, sent))
    assert "DRAFT-ANSWER" not in page and "Answered" not in page
    assert "Received, awaiting moderation" in page


def test_nothing_private_reaches_the_receipt(client, sent, users):
    contribution_moderate(actor=users["moderator"], contribution=sent, state="private",
                          reason="MODERATION-NOTE personal data")
    other = Contribution.objects.create(
        process=sent.process, text="SOMEONE-ELSE's idea", language="en",
        stakeholder_type="citizen", author_email="someone.else@example.org")
    page = receipt(client, sent)
    for secret in ("awa.private@example.org", "Awa Private-Name", "Secret Org",
                   "MODERATION-NOTE", "SOMEONE-ELSE", "someone.else@example.org",
                   other.reference):
        assert secret not in page


def test_spam_shows_nothing_and_no_next_step(client, sent, users):
    contribution_moderate(actor=users["moderator"], contribution=sent, state="spam",
                          reason="Advertising")
    page = main(receipt(client, sent))
    assert "There is no contribution to show with this reference." in page
    for hidden in ("Bus &lt;timetables&gt;", "First line", "What happens next",
                   "Advertising", "feedback"):
        assert hidden not in page


def test_a_process_of_a_plan_not_public_links_no_page_that_would_not_open(client, demo):
    draft = ActionPlan.objects.create(member=demo, number=4, slug="draft-plan",
                                      title="PRIVATE-DRAFT-PLAN", start_year=2028,
                                      duration_years=2, delivery_slot="june")
    process = CoCreationProcess.objects.create(plan=draft, title="Early ideas")
    contribution = Contribution.objects.create(process=process, text="An early idea.",
                                               language="en", stakeholder_type="citizen")
    page = main(receipt(client, contribution))
    assert "draft-plan" not in page and "PRIVATE-DRAFT-PLAN" not in page
    assert f'href="{reverse("web:feed_opportunities")}"' in page  # still a way to follow


def test_the_receipt_is_translated(client, sent):
    page = client.get(f"/fr/contributions/{sent.reference}/").content.decode()
    assert "Reçue, en attente de modération" in page
    assert '<blockquote lang="en">' in page  # the text keeps the language it was written in
