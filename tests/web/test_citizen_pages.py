"""The public site as citizens use it: the language switch, text shown in another language,
required fields, where a confirmation lands, where a plan stands, milestones complete, the
glossary and the feedback summary."""

import re
from copy import copy
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from opengov.cocreation.models import CoCreationProcess, Contribution, ReasonedResponse, Stage
from opengov.cocreation.selectors import feedback_rows, feedback_stats, processes_current_first
from opengov.core.templatetags.content_language import language_label
from opengov.plans.models import ActionPlan
from opengov.plans.selectors import plan_phases
from opengov.reports.models import CommitmentFinding, IRMProduct
from opengov.repository.models import Document
from opengov.tracking.selectors import Share, plan_share, progress

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_language_switch_links_to_the_same_page_in_each_language(client, current_plan):
    body = html(client, f"/fr/plans/{current_plan.slug}/?x=1")
    assert f'href="/en/plans/{current_plan.slug}/?x=1" lang="en" hreflang="en">English' in body
    assert f'href="/es/plans/{current_plan.slug}/?x=1" lang="es" hreflang="es">Español' in body
    assert '<span aria-current="true" lang="fr">Français</span>' in body
    # A page anyone may be served from the cache carries no one's CSRF token.
    assert "csrfmiddlewaretoken" not in body


def test_text_not_yet_translated_says_so_and_carries_its_language(client, current_plan):
    current_plan.title_es = ""
    current_plan.save()
    spanish = html(client, f"/es/plans/{current_plan.slug}/")
    assert f'<h1 lang="en">{current_plan.title_en}</h1>' in spanish
    assert "fallback-notice" in spanish and '<span lang="en">English</span>' in spanish
    current_plan.title_es = "Tercer plan"
    current_plan.introduction_es = "Introducción."
    current_plan.efforts_to_date_es = "Esfuerzos."
    current_plan.development_process_es = "Proceso."
    current_plan.save()
    translated = html(client, f"/es/plans/{current_plan.slug}/")
    assert "<h1>Tercer plan</h1>" in translated and "fallback-notice" not in translated
    assert "fallback-notice" not in html(client, f"/fr/plans/{current_plan.slug}/")


def test_required_fields_are_marked_and_the_choice_invites_an_answer(client, current_plan):
    body = html(client, reverse("cocreation:contribute", args=[current_plan.slug]))
    assert "Fields marked with a star (*) must be filled in." in body
    text_label = body[body.index('<label for="id_text"'):]
    assert text_label.index('class="required-mark"') < text_label.index("</label>")
    title_label = body[body.index('<label for="id_title"'):]
    assert title_label.index("</label>") < title_label.index("required-mark")
    assert "---------" not in body and "Choose what best describes you" in body


def test_a_field_in_error_is_marked_invalid(client, current_plan):
    response = client.post(reverse("cocreation:contribute", args=[current_plan.slug]),
                           {"text": "short"})
    body = response.content.decode()
    assert 'id="error-summary"' in body
    assert 'aria-invalid="true"' in body[body.index('id="id_text"') - 200:]


def test_a_sent_comment_opens_the_page_at_its_confirmation(client, current_plan):
    update = (current_plan.commitments.first().progress_updates
              .filter(published_on__isnull=False).first())
    url = reverse("tracking:update_detail", args=[update.pk])
    response = client.post(url, {"text": "Merci pour ce point détaillé sur les marchés."})
    assert response.status_code == 302 and response["Location"] == url + "#messages"
    body = client.get(url).content.decode()
    assert '<div id="messages" tabindex="-1" data-focus-on-load>' in body


def test_plan_phases_follow_the_plan(current_plan):
    today = timezone.localdate()
    phases = {p["key"]: p["state"] for p in plan_phases(current_plan, today)}
    # The demo's plan is refreshing: its refresh consultation is open on the fixed day.
    assert phases == {"co_creation": "done", "delivered": "done", "implementation": "done",
                      "refresh": "current", "completed": "coming"}
    refresh = CoCreationProcess.objects.get(plan=current_plan, purpose="refresh")
    last = Stage.objects.filter(process=refresh).order_by("-ends_on").first()
    after = {p["key"]: p["state"] for p in plan_phases(current_plan, last.ends_on
                                                      + timedelta(days=1))}
    assert after["implementation"] == "current" and after["refresh"] == "done"
    two_years = copy(current_plan)
    two_years.duration_years, two_years.start_year = 2, today.year + 1
    two_years.delivered_on = None
    assert [p["key"] for p in plan_phases(two_years, today)] == [
        "co_creation", "delivered", "implementation", "completed"]
    assert [p["state"] for p in plan_phases(two_years, today)][1] == "current"
    drafting = copy(two_years)
    drafting.status = ActionPlan.Status.CO_CREATION
    assert plan_phases(drafting, today)[0]["state"] == "current"


def test_milestones_complete_agree_between_the_pages(client, current_plan):
    rows = progress(current_plan.commitments.all())
    share = plan_share(row.share for row in rows)
    assert 0 < share.done < share.total
    assert share.percent == round(100 * share.done / share.total)
    words = f"{share.done} of {share.total} milestones complete ({share.percent}%)"
    assert words in html(client, f"/en/plans/{current_plan.slug}/")
    assert words in html(client, "/en/implementation/")
    first = rows[0]
    page = html(client, first.commitment.get_absolute_url().replace("/fr/", "/en/"))
    assert f"{first.share.done} of {first.share.total} milestone" in page
    assert Share(0, 0).percent == 0


def test_the_timeline_names_each_commitment(client, current_plan):
    body = html(client, "/en/implementation/")
    lanes = body[body.index('class="lane-list"'):body.index('id="timeline-caption"')]
    for commitment in current_plan.commitments.all():
        with translation.override("en"):
            assert str(commitment) in lanes


def test_the_glossary_explains_the_words_in_each_language(client):
    assert "Independent Reporting Mechanism (IRM)" in html(client, "/en/glossary/")
    assert "Mécanisme d'évaluation indépendant (MEI)" in html(client, "/fr/glossary/")
    assert "Mecanismo de Revisión Independiente (MRI)" in html(client, "/es/glossary/")
    assert 'href="/en/glossary/"' in html(client, "/en/take-part/")


def test_feedback_summary_counts_by_decision_and_theme(client, current_plan):
    body = html(client, reverse("cocreation:feedback", args=[current_plan.slug]))
    summary = body[body.index('class="feedback-summary"'):body.index('id="contributions"')]
    stats = feedback_stats(current_plan)
    assert "Contributions by decision" in summary and "Contributions by theme" in summary
    waiting = stats["received"] - stats["answered"]
    assert f'<th scope="row">Not answered yet</th><td>{waiting}</td>' in summary
    rejected = stats["decisions"]["rejected"]
    assert f'<th scope="row">Not included</th><td>{rejected}</td>' in summary
    name, n = stats["themes"][0]
    assert f'<th scope="row">{name}</th><td>{n}</td>' in summary


def test_a_contribution_is_called_by_its_title_or_first_words():
    assert Contribution(title="Budget", text="Long text").heading == "Budget"
    words = "Publier les contrats de la commune chaque mois avec leurs avenants et leurs montants"
    assert Contribution(title="", text=words).heading == (
        "Publier les contrats de la commune chaque mois avec leurs…")


def test_contributions_answered_together_follow_each_other(current_plan):
    processes = list(processes_current_first(current_plan))
    rows = list(feedback_rows(current_plan, processes))
    position = {row.pk: index for index, row in enumerate(rows)}
    shared = 0
    for response in ReasonedResponse.objects.public().filter(process__plan=current_plan):
        places = sorted(position[c.pk] for c in response.contributions.all() if c.pk in position)
        if len(places) > 1 and all(response in rows[p].public_responses[:1] for p in places):
            shared += 1
            assert places == list(range(places[0], places[0] + len(places))), response
    assert shared
    answered = [bool(row.public_responses) for row in rows if row.process == processes[0]]
    assert answered == sorted(answered, reverse=True)  # the answered ones first


def test_the_journey_of_an_idea_and_what_shaped_a_commitment(client, current_plan):
    commitment = current_plan.commitments.get(slug="open-contracting")
    idea = Contribution.objects.filter(
        process__plan=current_plan, moderation_state="published", consent_to_publish=True,
        responses__isnull=True).first()
    hidden = Contribution.objects.create(
        process=idea.process, text="Une idée gardée privée par son auteur.", language="fr",
        stakeholder_type="citizen", consent_to_publish=False)
    response = ReasonedResponse.objects.create(
        process=idea.process, decision="included", summary="s", consideration="c",
        influence="i", reasons="r", published_on=timezone.localdate())
    response.contributions.set([idea, hidden])
    response.commitments.set([commitment])
    product = IRMProduct.objects.create(plan=current_plan, kind="results_report",
                                        published_on=timezone.localdate())
    CommitmentFinding.objects.create(product=product, commitment=commitment,
                                     completion="substantial", did_it_open_government="major")
    receipt = html(client, f"/en/contributions/{idea.reference}/")
    journey = receipt[receipt.index('id="journey"'):receipt.index('id="next-steps"')]
    (row,) = progress(current_plan.commitments.filter(pk=commitment.pk))
    assert commitment.get_absolute_url().replace("/fr/", "/en/") in journey
    assert f"{row.share.done} of {row.share.total} milestone" in journey
    assert reverse("tracking:update_detail", args=[row.latest.pk]) in journey
    assert "Did it open government?" in journey and "Major" in journey
    # Not yet published, the IRM's finding is nobody's business.
    product.published_on = timezone.localdate() + timedelta(days=1)
    product.save()
    assert "Did it open government?" not in html(client, f"/en/contributions/{idea.reference}/")

    page = html(client, commitment.get_absolute_url().replace("/fr/", "/en/"))
    origin = page[page.index('id="origin"'):page.index('id="evidence"')]
    public = Contribution.objects.public().filter(
        responses__in=ReasonedResponse.objects.public().filter(commitments=commitment)
    ).distinct()
    assert f"Shaped by {public.count()} public contribution" in origin
    listed = re.findall(r'href="/en/contributions/([^/]+)/"', origin)
    assert listed == [c.reference for c in public.order_by("submitted_at", "pk")[:10]]
    assert public.count() > 10 and f"… {public.count()} in all" in origin
    assert hidden.reference not in origin and "gardée privée" not in origin


def test_languages_and_licences_are_named_in_words(client, current_plan):
    document = Document.objects.public().filter(language="fr").first()
    with translation.override("es"):
        page = html(client, document.get_absolute_url())
        assert "<dt>Idioma</dt><dd>Francés</dd>" in page
        assert f"<dd>{document.get_licence_display()}</dd>" in page
    assert language_label("xx-unknown") == "xx-unknown"


@pytest.mark.django_db
def test_the_receipt_names_the_accepted_group_an_idea_was_read_in(client, current_plan):
    """The journey of an idea starts with the group staff read it in; a suggestion staff
    have not accepted is not shown."""
    from opengov.cocreation.models import ContributionGroup

    ideas = list(Contribution.objects.filter(process__plan=current_plan,
                                             moderation_state="published",
                                             consent_to_publish=True).order_by("pk")[:3])
    group = ContributionGroup.objects.create(process=ideas[0].process, name="Bus timetables",
                                             status="suggested")
    group.contributions.set(ideas)
    assert "Bus timetables" not in html(client, f"/en/contributions/{ideas[0].reference}/")
    group.status = "accepted"
    group.save()
    page = html(client, f"/en/contributions/{ideas[0].reference}/")
    assert "Read together with 2 similar contributions, in the group “Bus timetables”" in page
