"""The public API, bulk open data and feeds: public fields only, usable without an account."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, settings

from opengov.wsgi import application

ENDPOINTS = ["/api/v1/members", "/api/v1/plans", "/api/v1/commitments?limit=500",
             "/api/v1/milestones?limit=500", "/api/v1/progress-updates?limit=500",
             "/api/v1/contributions?limit=500", "/api/v1/meetings?limit=500",
             "/api/v1/documents?limit=500", "/api/v1/seats?current=false"]


@pytest.mark.django_db
class TestApi:
    def test_every_endpoint_answers_without_an_account_with_open_cors(self, client, demo):
        for url in ENDPOINTS:
            response = client.get(url, HTTP_ORIGIN="https://data.example")
            assert response.status_code == 200, url
            assert response["Access-Control-Allow-Origin"] == "*"

    def test_no_private_field_or_unpublished_item(self, client, private_records):
        for url in ENDPOINTS + ["/api/v1/plans/valmerre-plan-3/versions"]:
            body = client.get(url).content.decode()
            leaked = [s for s in private_records if s in body]
            assert leaked == [], (url, leaked[:3])
        assert client.get("/api/v1/plans/draft-plan").status_code == 404

    def test_translated_text_in_every_language_and_stable_identifiers(self, client, demo):
        data = client.get("/api/v1/commitments?plan=valmerre-plan-3&limit=1").json()
        assert data["count"] == 10
        first = data["items"][0]
        assert first["title"]["fr"] == "Données ouvertes sur la commande publique"
        assert first["title"]["en"] == "Open data on public procurement"
        detail = client.get(f"/api/v1/commitments/{first['id']}").json()
        assert detail["slug"] == "open-contracting" and len(detail["milestones"]) == 4

    def test_filters_and_pagination(self, client, demo):
        page = client.get("/api/v1/contributions?decision=rejected&limit=5&offset=5").json()
        assert page["count"] > 10 and len(page["items"]) == 5
        assert all(any(r["decision"] == "rejected" for r in c["responses"])
                   for c in page["items"])
        local = client.get("/api/v1/commitments?is_local=true").json()
        assert [c["slug"] for c in local["items"]] == ["participatory-budgeting"]
        since = (timezone.localdate() - timedelta(days=30)).isoformat()
        meetings = client.get(f"/api/v1/meetings?since={since}").json()["items"]
        assert meetings and all(m["starts_at"][:10] >= since for m in meetings)

    def test_a_lists_count_is_counted_once_until_content_changes(
            self, client, demo, settings, django_capture_on_commit_callbacks):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from opengov.cocreation.models import Contribution
        from opengov.core.models import ModerationState

        settings.PUBLIC_CACHE = False  # each page rendered, not served from the page cache

        def page(offset):
            with CaptureQueriesContext(connection) as queries:
                data = client.get(f"/api/v1/contributions?limit=5&offset={offset}").json()
            counting = 'SELECT COUNT(*) AS "__count" FROM "cocreation_contribution"'
            counted = sum(q["sql"].startswith(counting) for q in queries.captured_queries)
            return data["count"], counted

        total, counted = page(0)
        assert counted == 1
        assert page(5) == (total, 0)  # every other page reuses it
        spam = Contribution.objects.public().first()
        spam.moderation_state = ModerationState.SPAM
        with django_capture_on_commit_callbacks(execute=True):  # bumps the content version
            spam.save()
        assert page(10) == (total - 1, 1)

    def test_docs_are_served_from_this_site(self, client, demo):
        body = client.get("/api/v1/docs").content.decode()
        assert "/static/ninja/swagger-ui-bundle.js" in body and "cdn." not in body


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_test_connection():
    """Calls go straight to the WSGI app: keep Django from closing the test's database
    connection at the end of each request, as Django's own test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_api_contract_no_server_error(case, demo, keep_test_connection):
    """Schemathesis generates requests from the OpenAPI description; none may fail."""
    response = case.call()
    assert response.status_code < 500, response.text[:300]
    if response.status_code == 200:
        case.validate_response(response)


@pytest.mark.django_db
class TestOpenData:
    def open_zip(self, client):
        response = client.get("/open-data/opengov-open-data.zip")
        assert response.status_code == 200
        return zipfile.ZipFile(io.BytesIO(response.content))

    def test_zip_validates_against_its_datapackage(self, client, demo, tmp_path):
        from frictionless import validate

        self.open_zip(client).extractall(tmp_path)
        report = validate(str(tmp_path / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])[:5]
        package = json.loads((tmp_path / "datapackage.json").read_text())
        assert package["licenses"][0]["name"] == "CC-BY-4.0"
        names = {r["name"] for r in package["resources"]}
        assert {"plans", "commitments", "milestones", "contributions", "responses",
                "meetings", "documents", "forum-seats"} <= names
        for resource in package["resources"]:
            assert all(f["description"] for f in resource["schema"]["fields"])
        readme = (tmp_path / "README.md").read_text()
        assert "| short_description_fr | string |" in readme and "CC" in readme
        data = json.loads((tmp_path / "data.json").read_text())
        assert len(data["commitments"]) == 13

    def test_no_private_data_in_the_download(self, client, private_records):
        archive = self.open_zip(client)
        for name in archive.namelist():
            text = archive.read(name).decode()
            assert [s for s in private_records if s in text] == [], name

    def test_commitments_xlsx(self, client, demo):
        from openpyxl import load_workbook

        response = client.get("/open-data/commitments.xlsx")
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["commitments", "milestones"]
        assert book["commitments"].max_row == 14  # header + 13 commitments

    def test_formulas_in_texts_are_written_as_text(self, client, current_plan,
                                                   formula_contribution):
        """CSV injection (OWASP): a citizen's contribution and a commitment's title that a
        spreadsheet would run as formulas reach the CSV with a leading ' and the XLSX as
        plain text cells; data.json keeps them as written."""
        import csv

        from openpyxl import load_workbook

        from opengov.plans.models import Commitment

        contribution = formula_contribution
        formula = contribution.text
        commitment = Commitment.objects.get(plan=current_plan, slug="open-contracting")
        commitment.title_en = formula
        commitment.save()

        archive = self.open_zip(client)
        rows = list(csv.DictReader(io.StringIO(archive.read("contributions.csv").decode())))
        row = next(r for r in rows if r["reference"] == contribution.reference)
        assert (row["text"], row["author_name"]) == (f"'{formula}", "'@SUM(1+1)")
        titles = [r["title_en"] for r in
                  csv.DictReader(io.StringIO(archive.read("commitments.csv").decode()))]
        assert f"'{formula}" in titles
        data = json.loads(archive.read("data.json"))
        assert {"text": formula, "author_name": "@SUM(1+1)"}.items() <= next(
            c for c in data["contributions"] if c["reference"] == contribution.reference).items()
        package = json.loads(archive.read("datapackage.json"))
        assert "prefixed with ' so that spreadsheets show them as text" in package["description"]

        book = load_workbook(io.BytesIO(client.get("/open-data/commitments.xlsx").content))
        cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        title = next(cell for cell in cells if cell.value == formula)
        assert title.data_type == "s" and title.quotePrefix


@pytest.mark.django_db
class TestFeeds:
    @pytest.mark.parametrize("url", [
        "/en/feeds/updates/", "/fr/feeds/documents/", "/en/feeds/meetings/",
        "/es/feeds/opportunities/", "/en/plans/valmerre-plan-3/feeds/updates/",
        "/en/plans/valmerre-plan-3/commitments/open-contracting/feeds/updates/"])
    def test_atom_feeds_are_valid_xml_without_private_items(self, client, private_records,
                                                           url):
        from xml.etree import ElementTree

        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
        entries = root.findall("{http://www.w3.org/2005/Atom}entry")
        assert entries
        body = response.content.decode()
        assert [s for s in private_records if s in body] == []

    def test_commitment_feed_has_only_that_commitment(self, client, demo):
        body = client.get("/en/plans/valmerre-plan-3/commitments/open-contracting/feeds/"
                          "updates/").content.decode()
        assert "Open data on public procurement" in body
        assert "Citizen budget" not in body


@pytest.mark.django_db
def test_nul_bytes_are_refused_everywhere(client, demo):
    assert client.get("/api/v1/plans?member=a%00b").status_code == 400
    assert client.get("/en/plans/valmerre-plan-3/co-creation/feedback/?decision=%00").status_code \
        == 400
