"""Agency editors report on their own commitments only; the public comments; staleness."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from opengov.core.models import ModerationState
from opengov.plans.models import Commitment
from opengov.repository.models import Document
from opengov.search.index import rebuild
from opengov.search.query import search
from opengov.tracking.models import Comment, ProgressUpdate

from .files import pdf_with

PHRASE = "registre des bénéficiaires effectifs consultable gratuitement"


def update_data(**extra):
    return {"completion": "substantial", "timeliness": "on_time", "licence": "CC-BY-4.0",
            "publish": "on", "summary_fr": "Le portail publie les attributions.",
            "summary_en": "The portal publishes awards.", **extra}


def page_status(client, user, url, method="get", data=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    return response.status_code


@pytest.mark.django_db
def test_who_reaches_a_commitment_workspace(client, users, own_and_other_commitment):
    own, other = own_and_other_commitment
    url = reverse("workspace:commitment", args=[own.pk])
    other_url = reverse("workspace:commitment", args=[other.pk])
    expected = {"anonymous": (302, 302), "superuser": (200, 200), "poc": (200, 200),
                "agency": (200, 403), "forum": (403, 403), "irm": (403, 403),
                "moderator": (403, 403), "administrator": (403, 403), "no_role": (403, 403)}
    got = {role: (page_status(client, user, url), page_status(client, user, other_url))
           for role, user in users.items()}
    assert got == expected


@pytest.mark.django_db
def test_who_reaches_the_workspace_home(client, users):
    url = reverse("workspace:home")
    got = {role: page_status(client, user, url) for role, user in users.items()}
    assert got == {"anonymous": 302, "superuser": 200, "poc": 200, "agency": 200,
                   "forum": 200, "irm": 200, "moderator": 200, "administrator": 200,
                   "no_role": 403}


@pytest.mark.django_db
def test_editor_cannot_post_on_another_agency_commitment(client, users, own_and_other_commitment):
    _own, other = own_and_other_commitment
    before = ProgressUpdate.objects.count()
    client.force_login(users["agency"])
    response = client.post(reverse("workspace:commitment", args=[other.pk]), update_data())
    assert response.status_code == 403
    assert ProgressUpdate.objects.count() == before


@pytest.mark.django_db
def test_editor_home_lists_only_own_commitments(client, users, own_and_other_commitment):
    own, other = own_and_other_commitment
    client.force_login(users["agency"])
    body = client.get(reverse("workspace:home")).content.decode()
    assert reverse("workspace:commitment", args=[own.pk]) in body
    assert reverse("workspace:commitment", args=[other.pk]) not in body


@pytest.mark.django_db(transaction=True)
def test_update_with_pdf_evidence_is_public_and_searchable_inside(client):
    from opengov.demo.loader import load_demo
    from tests.conftest import DEMO_TODAY

    load_demo(today=DEMO_TODAY)
    from django.contrib.auth import get_user_model

    agency = get_user_model().objects.get(username="agence")
    own = Commitment.objects.get(plan__number=3, slug="open-contracting")
    client.force_login(agency)
    pdf = SimpleUploadedFile("Rapport d'étape (juin).pdf", pdf_with(PHRASE))
    response = client.post(reverse("workspace:commitment", args=[own.pk]),
                           update_data(evidence=[pdf]))
    assert response.status_code == 302
    update = ProgressUpdate.objects.filter(commitment=own).order_by("-pk").first()
    assert update.published_on == timezone.localdate() and update.author == agency
    document = update.evidence.get()
    assert (document.kind, document.commitment, document.is_public) == ("evidence", own, True)
    version = document.versions.get()
    assert version.file.name.endswith("/rapport-detape-juin.pdf")
    rebuild()
    hits, total, _counts = search("bénéficiaires effectifs gratuitement", lang="fr")
    assert [h.entry.object_id for h in hits if h.entry.kind == "document"] == [document.pk]
    client.logout()
    folder = client.get(reverse("repository:folder", args=[own.plan.slug, own.slug]))
    assert escape(document.title) in folder.content.decode()


@pytest.mark.django_db
def test_refused_evidence_keeps_the_text_and_saves_nothing(client, users, own_and_other_commitment):
    own, _other = own_and_other_commitment
    before = (ProgressUpdate.objects.count(), Document.objects.count())
    client.force_login(users["agency"])
    fake = SimpleUploadedFile("preuve.pdf", b"this is not a pdf at all")
    response = client.post(reverse("workspace:commitment", args=[own.pk]),
                           update_data(evidence=[fake]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "is named as PDF but its content is not" in body
    assert "Le portail publie les attributions." in body  # nothing typed is lost
    assert (ProgressUpdate.objects.count(), Document.objects.count()) == before


@pytest.mark.django_db
def test_delay_needs_reasons(client, users, own_and_other_commitment):
    own, _other = own_and_other_commitment
    client.force_login(users["agency"])
    response = client.post(reverse("workspace:commitment", args=[own.pk]),
                           update_data(timeliness="delayed"))
    assert response.status_code == 200
    assert "Give the reasons for the delay" in response.content.decode()


@pytest.mark.django_db
def test_draft_update_stays_private_until_published(client, users, own_and_other_commitment):
    own, _other = own_and_other_commitment
    client.force_login(users["agency"])
    data = update_data(summary_fr="BROUILLON-unique", summary_en="", publish="",
                       evidence=[SimpleUploadedFile("brouillon.csv", b"a,b\n1,2\n")])
    client.post(reverse("workspace:commitment", args=[own.pk]), data)
    update = ProgressUpdate.objects.get(summary_fr="BROUILLON-unique")
    assert update.published_on is None
    assert not update.evidence.get().is_public  # a draft's evidence stays private too
    client.logout()
    assert "BROUILLON-unique" not in client.get(own.get_absolute_url()).content.decode()
    client.force_login(users["agency"])
    client.post(reverse("workspace:publish_update", args=[update.pk]))
    client.logout()
    assert "BROUILLON-unique" in client.get(own.get_absolute_url()).content.decode()
    assert update.evidence.get().is_public


@pytest.mark.django_db
def test_public_comment_is_moderated_then_answered(client, users, own_and_other_commitment):
    own, other = own_and_other_commitment
    update = own.progress_updates.filter(published_on__isnull=False).first()
    url = reverse("tracking:update_detail", args=[update.pk])
    response = client.post(url, {"text": "Pouvez-vous publier les avenants aussi ?",
                                 "author_name": "Awa", "author_email": "awa@example.org"})
    assert response.status_code == 302
    comment = Comment.objects.get(text__startswith="Pouvez-vous publier les avenants")
    assert comment.moderation_state == ModerationState.PENDING
    assert "avenants" not in client.get(url).content.decode()
    comment.moderation_state = ModerationState.PUBLISHED
    comment.save()
    body = client.get(url).content.decode()
    assert "avenants" in body and "awa@example.org" not in body
    # The agency of another commitment cannot answer; the lead agency can.
    other_update = other.progress_updates.filter(published_on__isnull=False).first()
    foreign = Comment.objects.create(progress_update=other_update, text="Question",
                                     moderation_state=ModerationState.PUBLISHED)
    client.force_login(users["agency"])
    assert client.get(reverse("workspace:answer", args=[foreign.pk])).status_code == 403
    answer_url = reverse("workspace:answer", args=[comment.pk])
    empty = client.post(answer_url, {"answer_fr": "", "answer_en": ""})
    assert "at least one language" in empty.content.decode()
    client.post(answer_url, {"answer_fr": "Oui, dès le prochain trimestre.", "answer_en": ""})
    client.logout()
    assert "Oui, dès le prochain trimestre." in client.get(url).content.decode()


@pytest.mark.django_db
def test_robot_comment_goes_to_spam(client, own_and_other_commitment):
    own, _other = own_and_other_commitment
    update = own.progress_updates.filter(published_on__isnull=False).first()
    client.post(reverse("tracking:update_detail", args=[update.pk]),
                {"text": "Buy cheap watches now", "website": "http://spam.example"})
    assert Comment.objects.get(text="Buy cheap watches now").moderation_state == "spam"


@pytest.mark.django_db
def test_unpublished_update_has_no_public_page(client, own_and_other_commitment):
    own, _other = own_and_other_commitment
    draft = ProgressUpdate.objects.create(commitment=own, completion="limited",
                                          timeliness="on_time", summary="draft")
    assert client.get(reverse("tracking:update_detail", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_new_version_upload_keeps_the_old_one(client, users, own_and_other_commitment):
    own, other = own_and_other_commitment
    document = own.documents.filter(versions__isnull=False).first()
    client.force_login(users["agency"])
    url = reverse("workspace:new_version", args=[document.pk])
    client.post(url, {"file": SimpleUploadedFile("corrige.csv", b"a,b\n1,2\n"),
                      "note": "corrected amounts"})
    assert list(document.versions.values_list("number", flat=True)) == [1, 2]
    refused = client.post(url, {"file": SimpleUploadedFile("x.csv", b"\x00\x01\x02\x03")})
    assert refused.status_code == 200 and document.versions.count() == 2
    foreign = other.documents.first()
    assert client.get(reverse("workspace:new_version", args=[foreign.pk])).status_code == 403


@pytest.mark.django_db
def test_implementation_plan_written_by_the_lead_agency_is_public(client, users,
                                                                  own_and_other_commitment):
    own, other = own_and_other_commitment
    client.force_login(users["agency"])
    assert client.get(reverse("workspace:implementation_plan", args=[other.pk])
                      ).status_code == 403
    response = client.post(reverse("workspace:implementation_plan", args=[own.pk]), {
        "activities_fr": "Ateliers avec les acheteurs publics", "activities_en": "",
        "risks_fr": "Retard du marché informatique : un plan B est prêt."})
    assert response.status_code == 302
    client.logout()
    body = client.get("/fr" + own.get_absolute_url().removeprefix("/en")).content.decode()
    assert "Ateliers avec les acheteurs publics" in body and "un plan B est prêt" in body


@pytest.mark.django_db
def test_every_workspace_write_page_refuses_other_roles(client, users, own_and_other_commitment):
    own, _other = own_and_other_commitment
    update = own.progress_updates.filter(published_on__isnull=False).first()
    comment = Comment.objects.create(progress_update=update, text="Une question",
                                     moderation_state=ModerationState.PUBLISHED)
    document = own.documents.first()
    pages = [("get", reverse("workspace:implementation_plan", args=[own.pk])),
             ("get", reverse("workspace:answer", args=[comment.pk])),
             ("get", reverse("workspace:new_version", args=[document.pk])),
             ("post", reverse("workspace:publish_update", args=[update.pk])),
             ("get", reverse("workspace:ogp_import"))]
    for role in ("forum", "irm", "no_role"):
        for method, url in pages:
            assert page_status(client, users[role], url, method) == 403, (role, url)
    for method, url in pages:
        assert page_status(client, None, url, method) == 302, url
    allowed = {"agency": [200, 200, 200, 302, 403], "poc": [200, 200, 200, 302, 200]}
    for role, expected in allowed.items():
        got = [page_status(client, users[role], url, method) for method, url in pages]
        assert got == expected, role
