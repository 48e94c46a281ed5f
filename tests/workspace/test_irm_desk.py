"""The IRM desk: every signed-in role reads it; IRM researchers and the Point of Contact team
record products and findings; each write is logged; the report file is checked like every
upload, and filed only by those the repository lets file it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opengov.core.models import Activity
from opengov.members.models import Member, Organisation
from opengov.plans.models import ActionPlan, Commitment
from opengov.reports import services
from opengov.reports.models import (
    CommitmentFinding,
    IRMProduct,
    RequirementFinding,
    minimum_requirement_choices,
)
from opengov.repository.models import Document
from tests.conftest import DEMO_TODAY
from tests.helpers import count_queries, status

READERS = {"anonymous": 302, "no_role": 403, "forum": 200, "agency": 200, "irm": 200,
           "moderator": 200, "administrator": 200, "poc": 200, "superuser": 200}
WRITERS = {"anonymous": 302, "no_role": 403, "forum": 403, "agency": 403, "irm": 200,
           "moderator": 403, "administrator": 403, "poc": 200, "superuser": 200}
# A valid POST redirects for those who may write.
POSTERS = {**WRITERS, "irm": 302, "poc": 302, "superuser": 302}
WRITER_NAMES = ["root", "t-poc", "t-irm"]  # in the order of the ``users`` fixture




def logged(target):
    return Activity.objects.filter(kind=Activity.Kind.IRM_RECORD_SAVED, target_id=target.pk,
                                   target_type__model=target._meta.model_name)


@pytest.fixture
def results(demo):
    """The results report on the previous plan, with findings on requirements and
    commitments."""
    return IRMProduct.objects.get(plan__member=demo, kind="results_report")


@pytest.fixture
def requirement_finding(results):
    return RequirementFinding.objects.get(product=results, requirement="R1")


@pytest.fixture
def commitment_finding(results):
    return CommitmentFinding.objects.filter(product=results).order_by("pk").first()


@pytest.fixture
def review(current_plan):
    """The review of the current plan: no finding recorded yet."""
    product = IRMProduct.objects.get(plan=current_plan, kind="action_plan_review")
    assert not product.requirement_findings.exists()
    assert not product.commitment_findings.exists()
    return product


REQUIREMENTS = [rule_id for rule_id, _label in minimum_requirement_choices()]


@pytest.fixture
def elsewhere(db):
    """Another member's plan, product and findings: never reachable from this site."""
    member = Member.objects.create(name="Elsewhere", slug="elsewhere", kind="national",
                                   administrative_languages=["en"])
    organisation = Organisation.objects.create(member=member, name="Other agency",
                                               kind="government_agency")
    plan = ActionPlan.objects.create(member=member, number=1, slug="elsewhere-1",
                                     title="Other plan", start_year=2025, duration_years=2,
                                     delivery_slot="june")
    commitment = Commitment.objects.create(plan=plan, number=1, slug="other", title="Other",
                                           lead_agency=organisation,
                                           period_start=date(2025, 9, 1),
                                           period_end=date(2027, 6, 30))
    product = IRMProduct.objects.create(plan=plan, kind="action_plan_review")
    return {"plan": plan, "commitment": commitment, "product": product,
            "requirement": RequirementFinding.objects.create(product=product, requirement="R1",
                                                             verdict="met"),
            "finding": CommitmentFinding.objects.create(product=product,
                                                        commitment=commitment)}


def product_data(**extra):
    return {"kind": "results_report", "published_on": (DEMO_TODAY - timedelta(days=4))
            .isoformat(), "summary": "What the IRM found.",
            "key_recommendations": "Budget every commitment.\nPublish every quarter.",
            "url": "https://www.opengovpartnership.org/documents/test/",
            "document_language": "fr", "document_is_public": "on", **extra}


def commitment_finding_data(commitment, **extra):
    return {"commitment": getattr(commitment, "pk", commitment), "specificity": "high",
            "verifiable": "true", "potential_for_results": "substantial",
            "completion": "complete", "early_results": "significant",
            "did_it_open_government": "major", "is_promising": "on", "notes": "Good.",
            **extra}


# -- who reaches what -------------------------------------------------------------------

@pytest.mark.django_db
def test_every_signed_in_role_reads_the_desk_and_a_product(client, users, results):
    for url in (reverse("workspace:irm_desk"),
                reverse("workspace:irm_product", args=[results.pk])):
        got = {role: status(client, user, url) for role, user in users.items()}
        assert got == READERS, url


@pytest.mark.django_db
def test_only_irm_and_the_poc_team_open_the_write_pages(client, users, results, current_plan,
                                                        requirement_finding,
                                                        commitment_finding):
    urls = [reverse("workspace:irm_product_new", args=[current_plan.pk]),
            reverse("workspace:irm_product_edit", args=[results.pk]),
            reverse("workspace:requirement_finding_new", args=[results.pk]),
            reverse("workspace:requirement_finding_edit", args=[requirement_finding.pk]),
            reverse("workspace:commitment_finding_new", args=[results.pk]),
            reverse("workspace:commitment_finding_edit", args=[commitment_finding.pk])]
    for url in urls:
        got = {role: status(client, user, url) for role, user in users.items()}
        assert got == WRITERS, url


@pytest.mark.django_db
def test_only_irm_and_the_poc_team_record_products(client, users, current_plan):
    url = reverse("workspace:irm_product_new", args=[current_plan.pk])
    before = IRMProduct.objects.count()
    got = {role: status(client, user, url, "post", product_data(summary=f"By {role}"))
           for role, user in users.items()}
    assert got == POSTERS
    added = IRMProduct.objects.filter(plan=current_plan, summary__startswith="By ")
    assert IRMProduct.objects.count() == before + 3
    assert set(added.values_list("summary", flat=True)) == {"By irm", "By poc", "By superuser"}
    product = added.get(summary="By irm")
    assert product.kind == "results_report"
    assert product.published_on == DEMO_TODAY - timedelta(days=4)
    assert product.key_recommendations.splitlines()[1] == "Publish every quarter."
    log = logged(product).get()
    assert log.actor == users["irm"] and log.summary == "IRM product recorded"


@pytest.mark.django_db
def test_only_irm_and_the_poc_team_change_a_product(client, users, results):
    url = reverse("workspace:irm_product_edit", args=[results.pk])
    got = {role: status(client, user, url, "post", product_data(summary=f"By {role}"))
           for role, user in users.items()}
    assert got == POSTERS
    results.refresh_from_db()
    assert results.summary == "By irm" and results.plan.number == 2  # still the same plan
    logs = logged(results).order_by("pk")
    assert [log.actor.username for log in logs] == WRITER_NAMES
    assert set(logs[0].summary.split(", ")) == {"summary", "published_on", "url",
                                                "key_recommendations"}
    assert logs[1].summary == "summary"


@pytest.mark.django_db
def test_only_irm_and_the_poc_team_record_requirement_findings(client, users, review):
    url = reverse("workspace:requirement_finding_new", args=[review.pk])
    wanted = dict(zip(["superuser", "poc", "irm"], REQUIREMENTS, strict=False))
    got = {role: status(client, user, url, "post", {
        "requirement": wanted.get(role, REQUIREMENTS[3]), "verdict": "not_met",
        "notes": f"By {role}"}) for role, user in users.items()}
    assert got == POSTERS
    for role, requirement in wanted.items():
        finding = RequirementFinding.objects.get(product=review, requirement=requirement)
        assert finding.verdict == "not_met" and finding.notes == f"By {role}"
        log = logged(finding).get()
        assert log.actor == users[role] and log.summary == f"Finding on {requirement} recorded"
    assert review.requirement_findings.count() == 3


@pytest.mark.django_db
def test_only_irm_and_the_poc_team_change_requirement_findings(client, users,
                                                               requirement_finding):
    url = reverse("workspace:requirement_finding_edit", args=[requirement_finding.pk])
    got = {role: status(client, user, url, "post", {"requirement": "R1", "verdict": "met",
                                                    "notes": f"By {role}"})
           for role, user in users.items()}
    assert got == POSTERS
    requirement_finding.refresh_from_db()
    assert requirement_finding.verdict == "met" and requirement_finding.notes == "By irm"
    logs = logged(requirement_finding).order_by("pk")
    assert [log.actor.username for log in logs] == WRITER_NAMES
    assert logs[0].summary == "verdict, notes"


@pytest.mark.django_db
def test_only_irm_and_the_poc_team_record_commitment_findings(client, users, review):
    url = reverse("workspace:commitment_finding_new", args=[review.pk])
    commitments = list(review.plan.commitments.order_by("number"))
    wanted = dict(zip(["superuser", "poc", "irm"], commitments, strict=False))
    got = {role: status(client, user, url, "post", commitment_finding_data(
        wanted.get(role, commitments[3]), notes=f"By {role}")) for role, user in users.items()}
    assert got == POSTERS
    for role, commitment in wanted.items():
        finding = CommitmentFinding.objects.get(product=review, commitment=commitment)
        assert (finding.notes, finding.verifiable, finding.is_promising) == (
            f"By {role}", True, True)
        assert finding.did_it_open_government == "major"
        log = logged(finding).get()
        assert log.actor == users[role]
        assert log.summary == f"Finding on commitment {commitment.number} recorded"
    assert review.commitment_findings.count() == 3


@pytest.mark.django_db
def test_only_irm_and_the_poc_team_change_commitment_findings(client, users,
                                                              commitment_finding):
    url = reverse("workspace:commitment_finding_edit", args=[commitment_finding.pk])
    got = {role: status(client, user, url, "post", commitment_finding_data(
        commitment_finding.commitment, notes=f"By {role}")) for role, user in users.items()}
    assert got == POSTERS
    commitment_finding.refresh_from_db()
    assert commitment_finding.notes == "By irm" and commitment_finding.specificity == "high"
    assert [log.actor.username for log in logged(commitment_finding).order_by("pk")] == \
        WRITER_NAMES


# -- scoping ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_another_members_records_are_not_found(client, users, elsewhere):
    client.force_login(users["irm"])
    urls = [reverse("workspace:irm_product", args=[elsewhere["product"].pk]),
            reverse("workspace:irm_product_new", args=[elsewhere["plan"].pk]),
            reverse("workspace:irm_product_edit", args=[elsewhere["product"].pk]),
            reverse("workspace:requirement_finding_new", args=[elsewhere["product"].pk]),
            reverse("workspace:requirement_finding_edit", args=[elsewhere["requirement"].pk]),
            reverse("workspace:commitment_finding_new", args=[elsewhere["product"].pk]),
            reverse("workspace:commitment_finding_edit", args=[elsewhere["finding"].pk])]
    for url in urls:
        assert client.get(url).status_code == 404, url
        if url == urls[0]:  # a page to read only
            assert client.post(url).status_code == 405
            continue
        assert client.post(url, {"verdict": "not_met", "requirement": "R1",
                                 "kind": "results_report"}).status_code == 404, url
    elsewhere["requirement"].refresh_from_db()
    assert elsewhere["requirement"].verdict == "met"
    assert IRMProduct.objects.filter(plan=elsewhere["plan"]).count() == 1
    body = client.get(reverse("workspace:irm_desk")).content.decode()
    assert "Other plan" not in body


@pytest.mark.django_db
def test_a_commitment_of_another_plan_is_refused(client, users, results, current_plan,
                                                 elsewhere):
    client.force_login(users["irm"])
    url = reverse("workspace:commitment_finding_new", args=[results.pk])
    before = CommitmentFinding.objects.count()
    for commitment in (current_plan.commitments.first(), elsewhere["commitment"]):
        response = client.post(url, commitment_finding_data(commitment))
        assert response.status_code == 200
        assert "commitment" in response.context["form"].errors
    assert CommitmentFinding.objects.count() == before


@pytest.mark.django_db
def test_the_services_check_the_actor_and_the_parent(users, results, current_plan,
                                                     requirement_finding, elsewhere):
    with pytest.raises(PermissionDenied):
        services.irm_product_save(actor=users["agency"], plan=current_plan,
                                  values={"kind": "results_report"})
    with pytest.raises(PermissionDenied):
        services.requirement_finding_save(actor=users["forum"], product=results,
                                          values={"requirement": "R2", "verdict": "met"})
    with pytest.raises(ValidationError):
        services.requirement_finding_save(actor=users["irm"], product=elsewhere["product"],
                                          finding=requirement_finding,
                                          values={"verdict": "met"})
    with pytest.raises(ValidationError):  # a commitment of another plan
        services.commitment_finding_save(actor=users["irm"], product=results,
                                         values={"commitment": elsewhere["commitment"]})
    with pytest.raises(TypeError):  # a product never moves to another plan here
        services.irm_product_save(actor=users["irm"], plan=results.plan, product=results,
                                  values={"plan": current_plan})


# -- bad input -------------------------------------------------------------------------

@pytest.mark.django_db
def test_bad_input_gives_form_errors(client, users, results, requirement_finding,
                                     commitment_finding, current_plan):
    client.force_login(users["irm"])
    counts = (IRMProduct.objects.count(), RequirementFinding.objects.count(),
              CommitmentFinding.objects.count())
    cases = [
        (reverse("workspace:irm_product_new", args=[current_plan.pk]),
         product_data(kind="novel"), "kind"),
        (reverse("workspace:irm_product_new", args=[current_plan.pk]),
         product_data(published_on="30/02/2026"), "published_on"),
        (reverse("workspace:irm_product_new", args=[current_plan.pk]),
         product_data(url="not a link"), "url"),
        (reverse("workspace:requirement_finding_new", args=[results.pk]),
         {"requirement": "ZZ9", "verdict": "met"}, "requirement"),
        (reverse("workspace:requirement_finding_new", args=[results.pk]),
         {"requirement": "R1", "verdict": "met"}, "requirement"),  # R1 already has one
        (reverse("workspace:requirement_finding_new", args=[results.pk]),
         {"requirement": "R2", "verdict": ""}, "verdict"),
        (reverse("workspace:requirement_finding_edit", args=[requirement_finding.pk]),
         {"requirement": "F1", "verdict": "met"}, "requirement"),  # F1 already has one
        (reverse("workspace:commitment_finding_new", args=[results.pk]),
         commitment_finding_data("abc"), "commitment"),
        (reverse("workspace:commitment_finding_new", args=[results.pk]),
         commitment_finding_data(commitment_finding.commitment), "commitment"),  # taken
        (reverse("workspace:commitment_finding_edit", args=[commitment_finding.pk]),
         commitment_finding_data(commitment_finding.commitment, completion="half"),
         "completion"),
    ]
    for url, data, field in cases:
        response = client.post(url, data)
        assert response.status_code == 200, (url, data)
        assert field in response.context["form"].errors, (url, field)
        assert 'class="error-summary"' in response.content.decode()
    assert (IRMProduct.objects.count(), RequirementFinding.objects.count(),
            CommitmentFinding.objects.count()) == counts
    requirement_finding.refresh_from_db()
    assert requirement_finding.requirement == "R1"


@pytest.mark.django_db
def test_unknown_ids_are_not_found(client, users):
    client.force_login(users["poc"])
    for name in ("irm_product", "irm_product_edit", "irm_product_new",
                 "requirement_finding_new", "requirement_finding_edit",
                 "commitment_finding_new", "commitment_finding_edit"):
        assert client.get(reverse(f"workspace:{name}", args=[999999])).status_code == 404


# -- the report file -------------------------------------------------------------------

@pytest.mark.django_db
def test_html_named_pdf_is_refused_and_nothing_is_saved(client, users, current_plan):
    client.force_login(users["poc"])
    counts = IRMProduct.objects.count(), Document.objects.count()
    fake = SimpleUploadedFile("report.pdf", b"<!doctype html><html><body><h1>Report</h1>"
                                            b"</body></html>", content_type="application/pdf")
    response = client.post(reverse("workspace:irm_product_new", args=[current_plan.pk]),
                           {**product_data(), "document_file": fake})
    assert response.status_code == 200
    errors = response.context["form"].errors["document_file"]
    assert "is named as PDF but its content is not" in errors[0]
    assert (IRMProduct.objects.count(), Document.objects.count()) == counts
    assert not Activity.objects.filter(kind=Activity.Kind.IRM_RECORD_SAVED).exists()


@pytest.mark.django_db
def test_the_poc_team_files_the_report_then_a_new_version(client, users, current_plan):
    client.force_login(users["poc"])
    upload = SimpleUploadedFile("rapport.txt", "Rapport de l’IRM, révisé.".encode(),
                                content_type="text/plain")
    response = client.post(reverse("workspace:irm_product_new", args=[current_plan.pk]),
                           {**product_data(), "document_file": upload,
                            "document_title": "Rapport IRM"})
    assert response.status_code == 302
    product = IRMProduct.objects.get(plan=current_plan, kind="results_report")
    document = product.document
    assert (document.kind, document.title, document.plan, document.language) == (
        Document.Kind.IRM_REPORT, "Rapport IRM", current_plan, "fr")
    assert document.is_public and document.date == product.published_on
    assert Activity.objects.filter(kind=Activity.Kind.DOCUMENT_ADDED,
                                   target_id=document.pk).get().actor == users["poc"]
    assert logged(product).get().summary == "IRM product recorded"
    upload = SimpleUploadedFile("rapport-v2.txt", b"Corrected.", content_type="text/plain")
    response = client.post(reverse("workspace:irm_product_edit", args=[product.pk]),
                           {**product_data(), "document_file": upload})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.document == document  # the same document, a second version
    assert list(document.versions.order_by("number").values_list("original_name", flat=True)) \
        == ["rapport.txt", "rapport-v2.txt"]
    assert logged(product).order_by("pk").last().summary == "document"


@pytest.mark.django_db
def test_an_irm_researcher_files_the_report_and_nothing_else(client, users, current_plan,
                                                              demo):
    """IRM researchers file and version IRM reports, and no other kind of document."""
    from opengov.repository.services import document_add

    client.force_login(users["irm"])
    url = reverse("workspace:irm_product_new", args=[current_plan.pk])
    assert "document_file" in client.get(url).context["form"].fields
    upload = SimpleUploadedFile("rapport.txt", b"Report.", content_type="text/plain")
    assert client.post(url, {**product_data(), "document_file": upload}).status_code == 302
    product = IRMProduct.objects.get(plan=current_plan, kind="results_report")
    assert product.document.kind == "irm_report"
    assert product.document.versions.get().original_name == "rapport.txt"
    with pytest.raises(PermissionDenied):
        document_add(actor=users["irm"], member=demo, kind="minutes", title="Compte rendu",
                     upload=SimpleUploadedFile("cr.txt", b"x"))


# -- the desk and the home page ----------------------------------------------------------

@pytest.mark.django_db
def test_desk_lists_products_by_plan_with_their_findings(client, users, results, demo):
    client.force_login(users["forum"])
    response = client.get(reverse("workspace:irm_desk"))
    plans = response.context["plans"]
    assert [p.pk for p in plans] == list(ActionPlan.objects.filter(member=demo).order_by(
        "-start_year", "-number").values_list("pk", flat=True))
    shown = next(p for p in plans if p.pk == results.plan_id)
    row = next(p for p in shown.irm_products.all() if p.pk == results.pk)
    assert row.requirement_count == 8 and row.commitment_count == results.plan.commitments.count()
    body = response.content.decode()
    assert reverse("workspace:irm_product", args=[results.pk]) in body
    assert reverse("workspace:irm_product_edit", args=[results.pk]) not in body  # a reader


@pytest.mark.django_db
def test_home_shows_the_irm_desk_to_signed_in_roles(client, users):
    link = reverse("workspace:irm_desk")
    for role in ("forum", "agency", "irm", "moderator", "poc"):
        client.force_login(users[role])
        assert link in client.get(reverse("workspace:home")).content.decode(), role


# -- query counts ----------------------------------------------------------------------



@pytest.mark.django_db
def test_product_page_queries_do_not_grow(client, users, review,
                                          django_assert_max_num_queries):
    client.force_login(users["irm"])
    url = reverse("workspace:irm_product", args=[review.pk])
    before = count_queries(client, url)
    for requirement in REQUIREMENTS:  # one finding each, at most
        RequirementFinding.objects.create(product=review, requirement=requirement,
                                          verdict="met")
    commitments = list(review.plan.commitments.all())
    for i in range(20):
        CommitmentFinding.objects.create(product=review, commitment=commitments[i % 4],
                                         notes=f"Extra {i}")
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert len(response.context["requirements"]) == len(REQUIREMENTS)
    assert len(response.context["commitments"]) == 20
    assert count_queries(client, url) == before


@pytest.mark.django_db
def test_desk_queries_do_not_grow(client, users, current_plan, results,
                                  django_assert_max_num_queries):
    client.force_login(users["irm"])
    url = reverse("workspace:irm_desk")
    before = count_queries(client, url)
    for i in range(20):
        product = IRMProduct.objects.create(plan=current_plan, kind="implementation_check",
                                            summary=f"Extra {i}")
        RequirementFinding.objects.create(product=product, requirement="R1", verdict="met")
    with django_assert_max_num_queries(7):
        assert client.get(url).status_code == 200
    assert count_queries(client, url) == before
