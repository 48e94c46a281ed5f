"""The repository desk: who lists, files, edits and versions which documents; every upload
checked by its content (R3); one Activity line per write; list queries that do not grow."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opengov.core.models import Activity
from opengov.members.models import Member
from opengov.plans.models import ActionPlan
from opengov.repository import services
from opengov.repository.models import Document, DocumentVersion
from opengov.repository.selectors import documents_for
from tests.conftest import DEMO_TODAY
from tests.helpers import as_user

ALLOWED = ("agency", "poc", "superuser")
REFUSED = ("no_role", "forum", "irm", "moderator", "administrator")
HTML = b"<!doctype html><html><body><script>alert('x')</script></body></html>"




def matrix(allowed):
    """The status each role gets: ``allowed`` for the desk's roles, 403 for the others, and
    the sign-in redirect for the anonymous."""
    return {**dict.fromkeys(ALLOWED, allowed), **dict.fromkeys(REFUSED, 403), "anonymous": 302}




def txt(name="notes.txt", data=b"Minutes of the working group"):
    return SimpleUploadedFile(name, data)


def new_data(commitment=None, **extra):
    return {"title_fr": "Rapport d'étape", "title_en": "Progress report", "kind": "evidence",
            "date": DEMO_TODAY.isoformat(), "language": "fr", "licence": "CC-BY-4.0",
            "commitment": commitment.pk if commitment else "", "plan": "",
            "is_public": "on", "description_fr": "", "description_en": "", "file": txt(),
            **extra}


def edit_data(document, **extra):
    data = {"title_fr": document.title_fr or "", "title_en": document.title_en or "",
            "kind": document.kind, "date": document.date.isoformat(),
            "language": document.language, "licence": document.licence,
            "plan": document.plan_id or "", "commitment": document.commitment_id or "",
            "description_fr": "", "description_en": ""}
    if document.is_public:
        data["is_public"] = "on"
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


def activity(kind, document):
    return Activity.objects.filter(kind=kind, target_id=document.pk,
                                   target_type=ContentType.objects.get_for_model(Document))


@pytest.fixture
def own_document(users, own_and_other_commitment):
    own, _other = own_and_other_commitment
    return services.document_add(member=own.plan.member, upload=txt(), kind="evidence",
                                 title="OWN-doc", plan=own.plan, commitment=own)


@pytest.fixture
def other_document(own_and_other_commitment):
    _own, other = own_and_other_commitment
    return services.document_add(member=other.plan.member, upload=txt(), kind="evidence",
                                 title="OTHER-doc", plan=other.plan, commitment=other)


@pytest.fixture
def foreign_document(db):
    """A document of another OGP member: never reached from this member's site."""
    elsewhere = Member.objects.create(name="Elsewhere", slug="elsewhere", kind="national",
                                      administrative_languages=["en"])
    return services.document_add(member=elsewhere, upload=txt(), kind="other",
                                 title="FOREIGN-doc")


# -- documents_for ----------------------------------------------------------------------


@pytest.mark.django_db
def test_documents_for_each_role(demo, users, own_document, other_document, foreign_document):
    everything = set(Document.objects.filter(member=demo).values_list("pk", flat=True))
    assert set(documents_for(users["poc"], demo).values_list("pk", flat=True)) == everything
    assert set(documents_for(users["superuser"], demo).values_list("pk", flat=True)) == everything
    agency = set(documents_for(users["agency"], demo).values_list("pk", flat=True))
    assert own_document.pk in agency and other_document.pk not in agency
    assert agency == set(Document.objects.filter(
        member=demo, commitment__lead_agency__acronym="ANMP").values_list("pk", flat=True))
    for role in REFUSED:
        assert not documents_for(users[role], demo).exists(), role
    assert foreign_document.pk not in everything


# -- who reaches each page --------------------------------------------------------------


@pytest.mark.django_db
def test_who_reaches_the_desk_pages(client, users, own_document):
    assert set(users) == {"anonymous", *ALLOWED, *REFUSED}  # every role is in the matrix
    pages = [reverse("workspace:repository_desk"), reverse("workspace:document_new"),
             reverse("workspace:document_edit", args=[own_document.pk]),
             reverse("workspace:new_version", args=[own_document.pk])]
    got = {role: [as_user(client, user).get(url).status_code for url in pages]
           for role, user in users.items()}
    expected = {role: [200] * 4 for role in ALLOWED}
    expected.update({role: [403] * 4 for role in REFUSED})
    expected["anonymous"] = [302] * 4
    assert got == expected
    as_user(client, None)
    assert client.get(pages[0]).url.startswith(reverse("workspace:login"))
    assert as_user(client, users["poc"]).post(pages[0]).status_code == 405  # a list only


@pytest.mark.django_db
def test_who_files_a_document(client, users, own_and_other_commitment):
    own, _other = own_and_other_commitment
    url = reverse("workspace:document_new")
    got = {}
    for role, user in users.items():
        response = as_user(client, user).post(url, new_data(own, title_en=f"FILED-{role}"))
        got[role] = response.status_code
        if role in ALLOWED:
            assert response.url == reverse("workspace:repository_desk"), role
    assert got == matrix(302)
    filed = Document.objects.filter(title_en__startswith="FILED-")
    assert sorted(filed.values_list("title_en", flat=True)) == [
        f"FILED-{role}" for role in sorted(ALLOWED)]
    document = filed.get(title_en="FILED-agency")
    assert (document.commitment, document.plan, document.kind, document.is_public,
            document.title_fr, document.language) == (own, own.plan, "evidence", True,
                                                      "Rapport d'étape", "fr")
    version = document.versions.get()
    assert (version.number, version.original_name, version.mime_type) == (
        1, "notes.txt", "text/plain")
    assert version.file.open("rb").read() == b"Minutes of the working group"
    logged = activity(Activity.Kind.DOCUMENT_ADDED, document).get()
    assert logged.actor == users["agency"] and logged.target_label == "FILED-agency"


@pytest.mark.django_db
def test_who_edits_a_document(client, users, own_document):
    url = reverse("workspace:document_edit", args=[own_document.pk])
    got, title = {}, own_document.title_en
    for role, user in users.items():
        response = as_user(client, user).post(url, edit_data(own_document,
                                                            title_en=f"EDITED-{role}"))
        got[role] = response.status_code
        own_document.refresh_from_db()
        if role in ALLOWED:
            title = f"EDITED-{role}"
        assert own_document.title_en == title, role
    assert got == matrix(302)
    changes = activity(Activity.Kind.DOCUMENT_CHANGED, own_document)
    assert sorted(changes.values_list("actor__username", flat=True)) == [
        "root", "t-agency", "t-poc"]
    assert set(changes.values_list("summary", flat=True)) == {"title_en"}


@pytest.mark.django_db
def test_who_adds_a_version(client, users, own_document):
    url = reverse("workspace:new_version", args=[own_document.pk])
    got = {}
    for role, user in users.items():
        got[role] = as_user(client, user).post(url, {
            "file": txt("v.txt", f"version by {role}".encode()), "note": role}).status_code
    assert got == matrix(302)
    notes = list(own_document.versions.order_by("number").values_list("number", "note"))
    assert notes == [(1, ""), (2, "superuser"), (3, "poc"), (4, "agency")]
    assert activity(Activity.Kind.VERSION_ADDED, own_document).count() == 3


# -- another agency's documents, even by crafting the form --------------------------------


@pytest.mark.django_db
def test_agency_cannot_file_under_another_agencys_commitment(client, users,
                                                              own_and_other_commitment):
    own, other = own_and_other_commitment
    before = Document.objects.count()
    as_user(client, users["agency"])
    form = client.get(reverse("workspace:document_new")).content.decode()
    assert f'value="{own.pk}"' in form and f'value="{other.pk}"' not in form
    response = client.post(reverse("workspace:document_new"), new_data(other))
    assert response.status_code == 403
    # Filing under no commitment would be the development process: the POC team's.
    response = client.post(reverse("workspace:document_new"), new_data(None))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Document.objects.count() == before
    assert not Activity.objects.filter(kind=Activity.Kind.DOCUMENT_ADDED).exists()


@pytest.mark.django_db
def test_agency_cannot_edit_or_version_another_agencys_document(client, users,
                                                                 other_document):
    as_user(client, users["agency"])
    edit = reverse("workspace:document_edit", args=[other_document.pk])
    version = reverse("workspace:new_version", args=[other_document.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, edit_data(other_document, title_en="HIJACKED",
                                       is_public=None)).status_code == 403
    assert client.get(version).status_code == 403
    assert client.post(version, {"file": txt()}).status_code == 403
    other_document.refresh_from_db()
    assert (other_document.title_en, other_document.is_public) == ("OTHER-doc", True)
    assert other_document.versions.count() == 1
    assert not Activity.objects.filter(target_id=other_document.pk).exclude(
        kind=Activity.Kind.DOCUMENT_ADDED).exists()


@pytest.mark.django_db
def test_agency_cannot_move_its_document_under_another_agency(client, users, own_document,
                                                              own_and_other_commitment):
    _own, other = own_and_other_commitment
    as_user(client, users["agency"])
    response = client.post(reverse("workspace:document_edit", args=[own_document.pk]),
                           edit_data(own_document, commitment=other.pk, plan=other.plan_id))
    assert response.status_code == 403
    own_document.refresh_from_db()
    assert own_document.commitment_id == _own.pk


@pytest.mark.django_db
def test_service_refuses_the_same_crafted_calls(users, own_document, other_document,
                                                own_and_other_commitment):
    from django.core.exceptions import PermissionDenied

    _own, other = own_and_other_commitment
    agency = users["agency"]
    with pytest.raises(PermissionDenied):
        services.document_add(actor=agency, member=other.plan.member, upload=txt(),
                              kind="evidence", title="X", commitment=other)
    with pytest.raises(PermissionDenied):
        services.document_change(actor=agency, document=other_document, title="X")
    with pytest.raises(PermissionDenied):
        services.document_change(actor=agency, document=own_document, commitment=other)
    with pytest.raises(PermissionDenied):
        services.version_add(actor=agency, document=other_document, upload=txt())
    with pytest.raises(TypeError):
        services.document_change(actor=users["poc"], document=own_document, member=None)


@pytest.mark.django_db
def test_another_members_document_is_not_found(client, users, foreign_document):
    as_user(client, users["poc"])
    assert client.get(reverse("workspace:document_edit", args=[foreign_document.pk])
                      ).status_code == 404
    assert client.get(reverse("workspace:new_version", args=[foreign_document.pk])
                      ).status_code == 404
    assert "FOREIGN-doc" not in client.get(reverse("workspace:repository_desk")
                                           + "?q=FOREIGN").content.decode()


# -- uploads are checked by content --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "message"), [
    ("report.pdf", HTML, "The file “report.pdf” is named as PDF but its content is not"),
    ("report.html", HTML, "Files of type “.html” are not accepted."),
])
def test_html_is_refused_with_a_clear_message(client, users, own_document, name, data,
                                              message):
    as_user(client, users["agency"])
    documents, versions = Document.objects.count(), DocumentVersion.objects.count()
    own = own_document.commitment
    response = client.post(reverse("workspace:document_new"),
                           new_data(own, title_en="REFUSED", file=SimpleUploadedFile(name, data)))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and 'class="error-summary"' in body
    assert 'value="REFUSED"' in body  # nothing typed is lost
    response = client.post(reverse("workspace:new_version", args=[own_document.pk]),
                           {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200 and message in response.content.decode()
    assert (Document.objects.count(), DocumentVersion.objects.count()) == (documents, versions)
    assert not Activity.objects.filter(kind__in=[Activity.Kind.DOCUMENT_ADDED,
                                                 Activity.Kind.VERSION_ADDED],
                                       actor=users["agency"]).exists()


@pytest.mark.django_db
def test_a_real_pdf_is_filed(client, users, django_capture_on_commit_callbacks):
    from tests.tracking.files import pdf_with

    as_user(client, users["poc"])
    with django_capture_on_commit_callbacks(execute=True):  # its text is read after commit
        response = client.post(reverse("workspace:document_new"), new_data(
            None, title_en="PDF-doc", kind="legal",
            file=SimpleUploadedFile("Décret n° 12.pdf", pdf_with("Décret sur la transparence"))))
    assert response.status_code == 302
    document = Document.objects.get(title_en="PDF-doc")
    version = document.versions.get()
    assert version.mime_type == "application/pdf" and "transparence" in version.text
    assert version.text_state == version.TextState.INDEXED
    assert version.file.name.endswith("/decret-n-12.pdf")
    assert (document.commitment, document.plan) == (None, None)


# -- editing -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_poc_makes_a_document_private_and_it_leaves_the_public_site(client, users,
                                                                    own_document):
    as_user(client, users["poc"])
    assert client.get(own_document.get_absolute_url()).status_code == 200
    response = client.post(reverse("workspace:document_edit", args=[own_document.pk]),
                           edit_data(own_document, is_public=None, kind="report",
                                     date=(DEMO_TODAY - timedelta(days=3)).isoformat()))
    assert response.status_code == 302
    own_document.refresh_from_db()
    assert (own_document.is_public, own_document.kind, own_document.date) == (
        False, "report", DEMO_TODAY - timedelta(days=3))
    summary = activity(Activity.Kind.DOCUMENT_CHANGED, own_document).get().summary
    assert summary == "kind, date, is_public"
    client.logout()
    assert client.get(own_document.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_bad_input_gives_form_errors_not_500(client, users, own_document, current_plan):
    as_user(client, users["poc"])
    url = reverse("workspace:document_edit", args=[own_document.pk])
    other_plan = ActionPlan.objects.filter(member=current_plan.member).exclude(
        pk=current_plan.pk).first()
    cases = [
        ({"title_fr": "", "title_en": ""}, "Give the document a title, in at least one language."),
        ({"date": "not-a-date"}, "Enter a valid date."),
        ({"commitment": "abc"}, "Select a valid choice."),
        ({"kind": "poem"}, "Select a valid choice."),
        ({"plan": other_plan.pk}, "This commitment belongs to another action plan"),
    ]
    for change, message in cases:
        response = client.post(url, edit_data(own_document, **change))
        assert response.status_code == 200, change
        assert message in response.content.decode(), change
    own_document.refresh_from_db()
    assert own_document.title_en == "OWN-doc"
    assert not activity(Activity.Kind.DOCUMENT_CHANGED, own_document).exists()
    assert client.get(reverse("workspace:document_edit", args=[999999])).status_code == 404
    missing = client.post(reverse("workspace:document_new"), new_data(None, file=""))
    assert missing.status_code == 200 and "This field is required." in missing.content.decode()


# -- the list ----------------------------------------------------------------------------


def desk(client, **params):
    response = client.get(reverse("workspace:repository_desk"), params)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_the_list_shows_each_documents_details(client, users, own_document, other_document):
    services.version_add(document=own_document, upload=txt("second.txt", b"v2"))
    as_user(client, users["agency"])
    body = desk(client).content.decode()
    assert "OWN-doc" in body and "OTHER-doc" not in body
    row = body[body.index("OWN-doc"):].split("</tr>")[0]
    assert "Evidence of implementation" in row and "public" in row
    assert str(own_document.commitment) in row and "v2" in row and "second.txt" in row
    assert reverse("workspace:document_edit", args=[own_document.pk]) in row
    assert reverse("workspace:new_version", args=[own_document.pk]) in row
    as_user(client, users["poc"])
    body = desk(client).content.decode()
    assert "OWN-doc" in body and "OTHER-doc" in body


@pytest.mark.django_db
def test_filters(client, users, demo, current_plan, own_document, other_document):
    private = services.document_add(member=demo, upload=txt(), kind="legal", is_public=False,
                                    title="Arrêté PRIVATE-unique", title_fr="Arrêté PRIVÉ")
    as_user(client, users["poc"])

    def titles(**params):
        response = desk(client, **params)
        return {row["document"].pk for row in response.context["rows"]}, response

    assert titles(kind="legal")[0] == set(Document.objects.filter(kind="legal").values_list(
        "pk", flat=True))
    assert titles(visibility="private")[0] == set(Document.objects.filter(
        member=demo, is_public=False).values_list("pk", flat=True))
    assert private.pk in titles(visibility="private")[0]
    assert private.pk not in titles(visibility="public")[0]
    assert titles(commitment=own_document.commitment_id)[0] == set(
        own_document.commitment.documents.values_list("pk", flat=True))
    in_plan = titles(plan=current_plan.pk)[0]
    assert own_document.pk in in_plan and other_document.pk in in_plan
    assert private.pk not in in_plan
    assert titles(q="arrêté priv")[0] == {private.pk}  # any language's title, any case
    assert titles(q="private-UNIQUE")[0] == {private.pk}
    everything = set(Document.objects.filter(member=demo).values_list("pk", flat=True))
    # Invalid values are ignored, never an error page.
    for bad in ({"kind": "poem"}, {"plan": "x"}, {"commitment": "999999"},
                {"visibility": "secret"}, {"page": "abc"}, {"page": "-4"}, {"plan": "1.5"}):
        assert titles(**bad)[0] == everything, bad
    # An agency editor cannot filter its way to another agency's documents.
    as_user(client, users["agency"])
    assert titles(commitment=other_document.commitment_id)[0] == set(
        documents_for(users["agency"], demo).values_list("pk", flat=True))


@pytest.mark.django_db
def test_25_a_page_and_filters_kept_across_pages(client, users, demo):
    for n in range(30):
        Document.objects.create(member=demo, kind="report", title=f"PAGED-{n:02}",
                                date=DEMO_TODAY, language="en")
    as_user(client, users["poc"])
    first = desk(client, kind="report")
    assert len(first.context["rows"]) == 25 and first.context["page"].paginator.count == 30
    assert "kind=report&amp;page=2" in first.content.decode()
    second = desk(client, kind="report", page=2)
    assert len(second.context["rows"]) == 5
    assert desk(client, kind="report", page=99).context["page"].number == 2


def add_documents(demo, commitment, n=20):
    for index in range(n):
        document = Document.objects.create(
            member=demo, kind="evidence", title=f"MORE-{index}", date=DEMO_TODAY,
            language="fr", plan=commitment.plan, commitment=commitment, is_public=index % 2)
        DocumentVersion.objects.create(document=document, file=txt(f"m{index}.txt"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["poc", "agency"])
def test_the_list_does_not_query_per_document(client, users, demo, own_and_other_commitment,
                                              django_assert_max_num_queries, role):
    own, _other = own_and_other_commitment
    as_user(client, users[role])
    desk(client)  # warm the caches of the session and the site
    # Session, user, member, roles, (the editor's organisation), the filter's commitments,
    # count, page, its versions, the site's pages, the filter's plans.
    with django_assert_max_num_queries(11) as before:
        desk(client)
    add_documents(demo, own)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = desk(client)
    assert len(response.context["rows"]) >= 20


@pytest.mark.django_db
def test_home_links_the_desk_for_its_roles(client, users):
    link = reverse("workspace:repository_desk")
    for role in ("agency", "poc", "superuser"):
        assert link in as_user(client, users[role]).get(reverse("workspace:home")
                                                        ).content.decode(), role
    for role in ("forum", "irm", "moderator"):
        assert link not in as_user(client, users[role]).get(reverse("workspace:home")
                                                            ).content.decode(), role
