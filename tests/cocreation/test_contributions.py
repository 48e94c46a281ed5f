"""Taking part without an account: the form, the receipt, moderation, responses, feedback."""

import csv
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from opengov.cocreation.models import Contribution, ModerationDecision, ReasonedResponse
from opengov.cocreation.services import (
    contribution_moderate,
    contributions_respond,
    response_publish,
)
from opengov.core.models import ModerationState

FORM = "/fr/plans/valmerre-plan-3/co-creation/contribute/"
IDEA = {"text": "Publier les horaires et les retards des bus interurbains en données ouvertes.",
        "stakeholder_type": "citizen", "consent_to_publish": "on",
        "author_name": "Awa", "author_email": "awa@example.org"}
TEXTS = {"summary": "Publier les horaires des bus.", "consideration": "Étudié en atelier.",
         "influence": "Ajouté au jalon 3.", "reasons": "Faisable et utile.",
         "beyond_plan": "Suivi au prochain plan."}


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()


@pytest.mark.django_db
class TestPublicForm:
    def test_anyone_sends_an_idea_and_gets_a_reference_and_a_receipt(
        self, client, demo, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(FORM, IDEA, REMOTE_ADDR="203.0.113.5")
        contribution = Contribution.objects.get(text=IDEA["text"])
        assert response.status_code == 302
        assert response["Location"] == f"/fr/contributions/{contribution.reference}/"
        assert contribution.moderation_state == ModerationState.PENDING
        assert contribution.language == "fr" and contribution.mechanism.kind == "online_form"
        receipt = client.get(response["Location"]).content.decode()
        assert contribution.reference in receipt and "attente de modération" in receipt
        assert "awa@example.org" not in receipt
        assert len(mail.outbox) == 1 and contribution.reference in mail.outbox[0].subject
        assert mail.outbox[0].to == ["awa@example.org"]

    def test_a_pending_contribution_is_not_public(self, client, demo):
        client.post(FORM, IDEA)
        body = client.get("/fr/plans/valmerre-plan-3/co-creation/feedback/").content.decode()
        assert IDEA["text"] not in body

    def test_errors_are_explained_in_the_user_s_language_and_the_text_is_kept(self, client,
                                                                              demo):
        response = client.post(FORM, {**IDEA, "text": "Bus", "author_email": "pas-une-adresse"})
        body = response.content.decode()
        assert response.status_code == 200
        assert "Veuillez vérifier le formulaire" in body
        assert "au moins une phrase" in body
        assert "adresse de courriel valide" in body  # Django's own French message
        assert 'value="pas-une-adresse"' in body
        assert not Contribution.objects.filter(author_email="pas-une-adresse").exists()

    @pytest.mark.parametrize("themes", ["99999999999999999999999", str(2 ** 63), "-1", "abc",
                                        "١", ["1", "99999999999999999999999"]])
    def test_a_bad_theme_is_a_form_error_and_the_text_is_kept(self, client, demo, themes):
        """An id beyond 64 bits was a server error on SQLite (OverflowError)."""
        response = client.post(FORM, {**IDEA, "themes": themes})
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["themes"]
        assert IDEA["text"] in response.content.decode()
        assert not Contribution.objects.filter(text=IDEA["text"]).exists()

    def test_honeypot_is_kept_as_spam_never_shown_never_mailed(self, client, demo):
        response = client.post(FORM, {**IDEA, "website": "http://spam.example"})
        spam = Contribution.objects.get(text=IDEA["text"])
        assert response.status_code == 302
        assert spam.moderation_state == ModerationState.SPAM and mail.outbox == []
        assert IDEA["text"] not in client.get(response["Location"]).content.decode()

    def test_rate_limit_keeps_the_text_and_says_why(self, client, demo):
        for n in range(6):
            client.post(FORM, {**IDEA, "text": f"{IDEA['text']} ({n})"}, REMOTE_ADDR="198.51.100.7")
        response = client.post(FORM, {**IDEA, "text": "Une septième idée, bien réelle."},
                               REMOTE_ADDR="198.51.100.7")
        body = response.content.decode()
        assert response.status_code == 200 and "Une septième idée, bien réelle." in body
        assert "réessayer" in body
        assert not Contribution.objects.filter(text="Une septième idée, bien réelle.").exists()
        assert client.post(FORM, {**IDEA, "text": "Depuis une autre connexion, une idée."},
                           REMOTE_ADDR="198.51.100.8").status_code == 302

    def test_form_is_closed_when_no_online_form_is_open(self, client, demo, current_plan):
        from opengov.cocreation.models import InputMechanism

        InputMechanism.objects.filter(process__plan=current_plan).update(opens_on="2020-01-01",
                                                                         closes_on="2020-02-01")
        response = client.get(FORM)
        assert "fermées" in response.content.decode()
        client.post(FORM, IDEA)
        assert not Contribution.objects.filter(text=IDEA["text"]).exists()


@pytest.mark.django_db
class TestModeration:
    def contribution(self, current_plan, consent=True):
        return Contribution.objects.create(
            process=current_plan.cocreation_processes.first(), text="Une idée.",
            language="fr", stakeholder_type="citizen", consent_to_publish=consent)

    def test_every_decision_is_recorded_with_its_author_and_reason(self, current_plan, users):
        contribution = self.contribution(current_plan)
        contribution_moderate(actor=users["moderator"], contribution=contribution,
                              state="spam", reason="Publicité")
        contribution_moderate(actor=users["poc"], contribution=contribution, state="published")
        decisions = list(ModerationDecision.objects.filter(contribution=contribution)
                         .order_by("pk"))
        assert [(d.previous_state, d.state, d.decided_by) for d in decisions] == [
            ("pending", "spam", users["moderator"]), ("spam", "published", users["poc"])]
        assert decisions[0].reason == "Publicité"

    def test_no_publication_without_consent(self, current_plan, users):
        contribution = self.contribution(current_plan, consent=False)
        with pytest.raises(ValidationError):
            contribution_moderate(actor=users["moderator"], contribution=contribution,
                                  state="published")
        contribution.refresh_from_db()
        assert contribution.moderation_state == ModerationState.PENDING

    def test_keeping_out_of_view_needs_a_reason(self, current_plan, users):
        with pytest.raises(ValidationError):
            contribution_moderate(actor=users["moderator"],
                                  contribution=self.contribution(current_plan), state="abuse")

    def test_moderation_never_loses_a_contribution(self, current_plan, users, client):
        contribution = self.contribution(current_plan)
        before = Contribution.all_objects.count()
        client.force_login(users["moderator"])
        client.post(reverse("workspace:moderate", args=["contribution", contribution.pk]),
                    {"decision": "abuse", "reason": "Insultes"})
        contribution.refresh_from_db()
        assert contribution.moderation_state == ModerationState.ABUSE
        assert Contribution.all_objects.count() == before
        assert contribution.moderation_decisions.get().decided_by == users["moderator"]


@pytest.mark.django_db
class TestResponses:
    def test_answering_and_publishing_tells_the_author_once(
        self, client, demo, current_plan, users, django_capture_on_commit_callbacks
    ):
        client.post(FORM, IDEA)
        contribution = Contribution.objects.get(text=IDEA["text"])
        with django_capture_on_commit_callbacks(execute=True):
            response = contributions_respond(
                actor=users["poc"], process=contribution.process, contributions=[contribution],
                decision="included", texts=TEXTS,
                commitments=current_plan.commitments.all()[:1], publish=True)
        assert len(mail.outbox) == 1 and "répondu" in mail.outbox[0].subject
        with django_capture_on_commit_callbacks(execute=True):
            response_publish(actor=users["poc"], response=response)
        assert len(mail.outbox) == 1
        receipt = client.get(f"/fr/contributions/{contribution.reference}/").content.decode()
        assert TEXTS["influence"] in receipt and TEXTS["beyond_plan"] in receipt

    def test_a_response_needs_the_elements_of_cc8(self, current_plan, users):
        contribution = Contribution.objects.filter(process__plan=current_plan).first()
        with pytest.raises(ValidationError, match="CC8"):
            contributions_respond(actor=users["poc"], process=contribution.process,
                                  contributions=[contribution], decision="rejected",
                                  texts={**TEXTS, "reasons": " "})

    def test_staff_answer_from_the_work_queue(self, client, users, current_plan):
        unanswered = Contribution.objects.filter(
            process__plan=current_plan, responses__isnull=True).exclude(
            moderation_state__in=["spam", "abuse"]).order_by("pk")
        process = unanswered.first().process
        waiting = list(unanswered.filter(process=process)[:2])
        queue = reverse("workspace:cocreation_queue", args=[process.pk]) + "?answered=no"
        client.force_login(users["poc"])
        page = client.get(queue).content.decode()
        assert waiting[0].text[:40] in page  # the text itself, not only its reference
        response = client.post(reverse("workspace:cocreation_answer", args=[process.pk]), {
            "c": [c.pk for c in waiting], "decision": "amended", "publish": "on",
            **{f"{field}_fr": text for field, text in TEXTS.items()}})
        assert response.status_code == 302
        answer = ReasonedResponse.objects.get(summary_fr=TEXTS["summary"])
        assert set(answer.contributions.all()) == set(waiting) and answer.published_on

    def test_moderator_cannot_write_responses(self, client, users, current_plan):
        waiting = Contribution.objects.filter(process__plan=current_plan).first()
        client.force_login(users["moderator"])
        response = client.post(
            reverse("workspace:cocreation_answer", args=[waiting.process_id]),
            {"c": waiting.pk, "decision": "amended",
             **{f"{field}_fr": text for field, text in TEXTS.items()}})
        assert response.status_code == 403
        assert not ReasonedResponse.objects.filter(summary_fr=TEXTS["summary"]).exists()


@pytest.mark.django_db
class TestFeedback:
    URL = "/en/plans/valmerre-plan-3/co-creation/feedback/"

    def test_filters_by_theme_and_decision(self, client, demo):
        everything = client.get(self.URL).context["total"]
        rejected = client.get(self.URL + "?decision=rejected").context
        procurement = client.get(self.URL + "?theme=procurement").context
        assert 0 < rejected["total"] < everything and 0 < procurement["total"] < everything
        assert all(r.decision == "rejected" for c in rejected["rows"]
                   for r in c.public_responses)

    def test_csv_has_every_public_contribution_and_every_response_element(self, client, demo):
        response = client.get("/en/plans/valmerre-plan-3/co-creation/feedback.csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        public = Contribution.objects.filter(process__plan__slug="valmerre-plan-3",
                                             consent_to_publish=True,
                                             moderation_state="published")
        assert {r["reference"] for r in rows} == set(public.values_list("reference", flat=True))
        answered = [r for r in rows if r["decision"]]
        for column in ("comments_received", "how_considered", "influence", "reasons",
                       "beyond_this_plan"):
            assert all(r[column] for r in answered), column
        body = response.content.decode()
        assert "@" not in body  # no e-mail address, ever

    def test_a_formula_in_a_contribution_reaches_the_csv_as_text(self, client,
                                                                  formula_contribution):
        """CSV injection: what a spreadsheet would run as a formula gets a leading ' (OWASP);
        the text is otherwise as the citizen wrote it."""
        contribution = formula_contribution
        formula = contribution.text
        response = client.get("/en/plans/valmerre-plan-3/co-creation/feedback.csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        row = next(r for r in rows if r["reference"] == contribution.reference)
        assert row["contribution"] == f"'{formula}"
        assert [cell for r in rows for cell in r.values()
                if cell.startswith(("=", "+", "-", "@", "\t", "\r"))] == []

    def test_report_shows_every_element_of_every_published_response(self, client, demo, rf,
                                                                    current_plan):
        from django.utils.html import escape

        from opengov.cocreation.views import feedback_report_html

        pdf = client.get("/en/plans/valmerre-plan-3/co-creation/feedback.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert pdf["Content-Disposition"].endswith('.pdf"') and len(pdf.content) > 10_000
        html = feedback_report_html(rf.get("/"), current_plan)
        responses = ReasonedResponse.objects.filter(process__plan=current_plan,
                                                    published_on__isnull=False)
        assert responses.count() >= 10
        for response in responses:
            for field in ("summary", "consideration", "influence", "reasons", "beyond_plan"):
                assert escape(getattr(response, field)).split("\n")[0] in html, field
            for contribution in response.contributions.filter(consent_to_publish=True,
                                                              moderation_state="published"):
                assert contribution.reference in html
