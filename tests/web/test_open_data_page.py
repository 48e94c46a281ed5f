"""The open data page (`/<lang>/open-data/`): every dataset with a link that works without an
account, the licence, curl examples with the site's own address; the footer leads there, and
the API's interactive docs have the site's header and a way back."""

import csv
import html
import io
import json
import re
import zipfile

import pytest
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from opengov.api import opendata

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "en", "es"]
HREF = re.compile(r'href="([^"]+)"')
MAIN = re.compile(r"<main\b.*?</main>", re.S)
FOOTER = re.compile(r'<footer class="site-footer">.*?</footer>', re.S)
CURL = re.compile(r'<pre class="code-example"><code>(.*?)</code></pre>', re.S)
TABLE_ROW = re.compile(
    r'<tr><th scope="row"><code>([\w<>]+)\.csv</code></th><td>[^<]*</td><td>(\d+)</td></tr>')
API_LISTS = ["list_members", "list_plans", "list_commitments", "list_milestones",
             "list_updates", "list_contributions", "list_meetings", "list_documents",
             "list_seats"]


def page(client, lang="en", **extra):
    response = client.get(f"/{lang}/open-data/", **extra)
    assert response.status_code == 200
    return response.content.decode()


def expected_links(lang):
    """Every dataset the page must link to, as the site names it."""
    with translation.override(lang):
        return {reverse(name) for name in (
            "open_data_zip", "open_data_xlsx", "web:feed_updates", "web:feed_documents",
            "web:feed_meetings", "web:feed_opportunities", "compliance:calendar_ics",
            "api:openapi-json", "api:openapi-view", *(f"api:{n}" for n in API_LISTS))}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_answers_anonymously_with_every_dataset_linked_and_each_link_answering(
        client, demo, lang):
    body = page(client, lang)
    assert f'<html lang="{lang}">' in body
    assert body.count("<h1") == 1
    main = MAIN.search(body).group(0)
    links = {html.unescape(href) for href in HREF.findall(main)}
    assert expected_links(lang) <= links
    assert "/api/v1/openapi.json" in links and "/api/v1/docs" in links
    # Every link of the page's own content answers an anonymous reader (the licence's page is
    # on another site).
    local = sorted(link for link in links if link.startswith("/"))
    assert len(local) >= len(expected_links(lang)) + 1  # and the breadcrumbs' home
    answers = {link: Client().get(link).status_code for link in local}
    assert answers == dict.fromkeys(local, 200)


def test_the_openapi_description_is_a_json_file_anonymous_readers_get(client, demo):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    paths = response.json()["paths"]
    assert {"/api/v1/plans", "/api/v1/commitments", "/api/v1/seats"} <= set(paths)


def test_every_table_of_the_zip_is_described_with_its_row_count(client, demo,
                                                                formula_contribution):
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("open_data_zip")).content))
    in_zip = {}
    for table in opendata.tables():
        rows = list(csv.reader(io.StringIO(archive.read(f"{table.name}.csv").decode())))
        in_zip[table.name] = len(rows) - 1  # the header row
    shown = {name.replace("<wbr>", ""): int(count)
             for name, count in TABLE_ROW.findall(page(client))}
    assert shown == in_zip
    assert shown["contributions"] > 100 and shown["commitments"] > 10


def test_the_spreadsheet_note_says_how_formulas_are_neutralised(client, demo):
    body = html.unescape(page(client))
    assert "begin with =, +, -, @, a tab or a carriage return are prefixed with '" in body


@pytest.mark.parametrize(("code", "name", "url"), [
    ("CC-BY-4.0", "Creative Commons Attribution 4.0",
     "https://creativecommons.org/licenses/by/4.0/"),
    ("CC0-1.0", "CC0 1.0 Public Domain Dedication",
     "https://creativecommons.org/publicdomain/zero/1.0/"),
])
def test_the_licence_is_named_and_linked(client, demo, settings, code, name, url):
    settings.OPEN_DATA_LICENCE = code
    body = page(client, "fr")
    assert f'<a href="{url}">{name}</a> ({code})' in body


def test_an_unknown_licence_is_shown_by_its_identifier(client, demo, settings):
    settings.OPEN_DATA_LICENCE = "LicenceRef-Valmerre-1"
    body = page(client)
    assert "LicenceRef-Valmerre-1" in body
    assert "creativecommons.org" not in body


def test_curl_examples_carry_the_host_and_scheme_of_the_request(client, demo, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "data.valmerre.example"]
    body = page(client, "es", HTTP_HOST="data.valmerre.example", secure=True)
    examples = [html.unescape(code) for code in CURL.findall(body)]
    site = "https://data.valmerre.example"
    assert examples == [
        f"curl -O {site}/open-data/opengov-open-data.zip",
        f'curl "{site}/api/v1/commitments?limit=20&offset=20"',
        f"curl -o openapi.json {site}/api/v1/openapi.json",
    ]
    # The paginated example uses the API's real parameters: it gets the second page of 20.
    answer = client.get("/api/v1/commitments?limit=20&offset=20").json()
    assert len(answer["items"]) == min(20, max(answer["count"] - 20, 0))
    assert client.get("/api/v1/commitments?limit=20").json()["count"] == answer["count"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_of_every_page_leads_to_the_open_data_page(client, demo, lang):
    footer = FOOTER.search(client.get(f"/{lang}/").content.decode()).group(0)
    # The footer's line of open data links: the page first, then the API, feed, calendar
    # and repository as before, the glossary and the moderation statistics.
    line = next(p for p in re.findall(r"<p>.*?</p>", footer, re.S) if "/api/v1/docs" in p)
    links = HREF.findall(line)
    assert links[0] == f"/{lang}/open-data/"
    with translation.override(lang):
        assert links[1:] == ["/api/v1/docs", reverse("web:feed_updates"),
                             reverse("compliance:calendar_ics"),
                             reverse("repository:repository"), reverse("web:glossary"),
                             reverse("cocreation:moderation_statistics"), reverse("follow:site")]


def docs(lang, client=None):
    return (client or Client()).get("/api/v1/docs", HTTP_ACCEPT_LANGUAGE=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_api_docs_have_the_site_header_and_a_way_back(demo, lang):
    response = docs(lang)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{lang}">' in body
    header = re.search(r'<header class="site-header">.*?</header>', body, re.S).group(0)
    assert f'<a class="brand" href="/{lang}/">' in header
    assert f'href="/{lang}/open-data/"' in header
    assert "<h1" not in body  # Swagger UI makes the API's title the page's one h1


def test_the_api_docs_use_this_sites_files_and_no_inline_script(demo):
    body = docs("en").content.decode()
    sources = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"', body)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert "/static/ninja/swagger-ui.css" in sources
    assert [s for s in sources if not s.startswith("/")] == []
    scripts = re.findall(r"<script\b([^>]*)>", body)
    assert scripts and all("src=" in s or 'type="application/json"' in s for s in scripts)
    settings_block = re.search(r'<script type="application/json" id="swagger-settings">(.*?)'
                               r"</script>", body, re.S).group(1)
    swagger = json.loads(settings_block)
    assert swagger["url"] == "/api/v1/openapi.json"
    assert swagger["validatorUrl"] is None  # Swagger UI's default asks validator.swagger.io
    assert "script-src 'self'" in docs("en")["Content-Security-Policy"]


def test_the_api_docs_are_in_each_readers_language_with_the_page_cache_on(demo):
    """``/api/v1/docs`` has no language prefix: the cache of public pages must not serve one
    reader's language to the next."""
    caches["public_pages"].clear()
    try:
        with override_settings(PUBLIC_CACHE=True):
            assert 'lang="fr"' in docs("fr").content.decode()
            spanish = docs("es")
            assert 'lang="es"' in spanish.content.decode()
            assert spanish.get("X-Cache") is None
            assert "no-store" in spanish["Cache-Control"]
    finally:
        caches["public_pages"].clear()
