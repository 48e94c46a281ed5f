"""The public site: every page answers in every language, and nothing private leaks."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opengov.cocreation.models import CoCreationProcess, ReasonedResponse, Stage
from opengov.forum.models import Meeting
from opengov.repository.models import Document

LANGUAGES = ["fr", "en", "es"]
LINK = re.compile(r'href="(/(?:fr|en|es)/[^"#?]*)"')


def crawl(client, start):
    """Every page reachable from ``start`` by following the site's own links."""
    seen, queue, pages = set(), [start], {}
    prefix = start[:4]  # the same page in another language is crawled from its own start
    while queue:
        url = queue.pop()
        if (url in seen or "/admin/" in url or url.endswith((".pdf", ".docx"))
                or not url.startswith(prefix)):
            continue  # official documents are generated files, tested on their own
        seen.add(url)
        response = client.get(url)
        pages[url] = response
        if response.get("Content-Type", "").startswith("text/html"):
            queue.extend(LINK.findall(response.content.decode()))
    return pages




@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_page_answers_in_each_language(client, demo, lang):
    pages = crawl(client, f"/{lang}/")
    assert len(pages) > 30, "the crawl should reach plans, commitments, meetings, documents"
    broken = {url: r.status_code for url, r in pages.items() if r.status_code != 200}
    assert broken == {}
    html_pages = [r for r in pages.values() if r["Content-Type"].startswith("text/html")]
    assert all(f'<html lang="{lang}">' in r.content.decode() for r in html_pages)


@pytest.mark.django_db
def test_no_private_field_or_unpublished_item_on_any_public_page(client, demo, private_records):
    pages = crawl(client, "/en/") | crawl(client, "/fr/")
    secrets = [*private_records, "Préparation interne du bureau", "Brouillon : chiffres",
               "Note interne", "Gagnez 5000", "Meilleurs prix sur les montres",
               "Quand les données de paiement"]
    for url, response in pages.items():
        kind = response["Content-Type"]
        if response.streaming:  # public document files, not pages
            continue
        if not (kind.startswith("text/html") or kind.startswith("text/csv")
                or kind.startswith("text/calendar")):
            continue
        body = response.content.decode(errors="replace")
        leaked = [s for s in secrets if s in body]
        assert leaked == [], f"{url} shows private data: {leaked[:3]}"


@pytest.mark.django_db
def test_private_records_are_not_found_by_address(client, demo, private_records):
    meeting = Meeting.objects.get(title="MARKER-private-meeting")
    document = Document.objects.get(title="MARKER-private-document")
    assert client.get(f"/en/forum/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/en/documents/{document.pk}/").status_code == 404
    assert client.get("/en/plans/draft-plan/").status_code == 404
    assert client.get("/en/plans/draft-plan/co-creation/").status_code == 404


@pytest.mark.django_db
def test_public_person_name_shown_private_person_name_hidden(client, demo):
    body = client.get("/en/forum/").content.decode()
    assert "Ibrahim Diallo" in body  # public
    assert "Bernard Lefèvre" not in body  # not public: only the organisation is shown
    assert "Federation of Disabled People" in body


@pytest.mark.django_db
def test_language_switcher_keeps_the_page(client, demo):
    page = client.get("/en/plans/valmerre-plan-3/?page=2").content.decode()
    switch = page[page.index('class="lang-switch"'):]
    switch = switch[:switch.index("</nav>")]
    assert re.findall(r'href="([^"]+)"', switch) == ["/fr/plans/valmerre-plan-3/?page=2",
                                                     "/es/plans/valmerre-plan-3/?page=2"]
    french = client.get("/fr/plans/valmerre-plan-3/?page=2")
    assert french.status_code == 200 and '<html lang="fr">' in french.content.decode()


@pytest.mark.django_db
def test_content_shows_in_the_page_language_with_english_fallback(client, demo):
    fr = client.get("/fr/plans/valmerre-plan-3/").content.decode()
    en = client.get("/en/plans/valmerre-plan-3/").content.decode()
    es = client.get("/es/plans/valmerre-plan-3/").content.decode()
    assert "Données ouvertes sur la commande publique" in fr
    assert "Open data on public procurement" in en
    assert "Open data on public procurement" in es  # no Spanish text yet: English


@pytest.mark.django_db
def test_document_download_serves_the_file_of_a_public_document(client, demo):
    document = Document.objects.filter(is_public=True, commitment__slug="open-contracting").get()
    response = client.get(f"/en/documents/{document.pk}/v1/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"ocid,")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("small", "large"),
    [
        ("/en/plans/valmerre-plan-2/", "/en/plans/valmerre-plan-3/"),
        ("/en/plans/valmerre-plan-2/commitments/rti-awareness/",
         "/en/plans/valmerre-plan-3/commitments/open-contracting/"),
    ],
)
def test_page_queries_do_not_grow_with_its_data(client, demo, small, large):
    """A plan with 10 commitments costs the same queries as one with 3."""
    client.get(small)  # warm per-process caches (content types, sessions)
    assert count_queries(client, small) == count_queries(client, large)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "limit"),
    [("/en/", 10), ("/en/plans/", 6), ("/en/forum/", 8), ("/en/plans/valmerre-plan-3/", 17),
     ("/en/plans/valmerre-plan-3/commitments/open-contracting/", 21),
     ("/en/plans/valmerre-plan-3/co-creation/", 16)],
)
def test_page_query_budget(client, demo, url, limit):
    client.get(url)
    assert count_queries(client, url) <= limit


@pytest.mark.django_db
def test_co_creation_page_queries_do_not_grow_with_processes_and_responses(client, current_plan):
    url = f"/en/plans/{current_plan.slug}/co-creation/"
    client.get(url)
    before = count_queries(client, url)
    process = CoCreationProcess.objects.create(plan=current_plan, title="Extra")
    for day in range(3):
        Stage.objects.create(process=process, moment="outreach", title=f"Stage {day}",
                             starts_on=timezone.localdate(), ends_on=timezone.localdate())
        response = ReasonedResponse.objects.create(
            process=process, decision="rejected", summary="s", consideration="c",
            influence="i", reasons="r", published_on=timezone.localdate())
        response.commitments.set(current_plan.commitments.all()[:3])
    assert count_queries(client, url) == before


@pytest.mark.django_db
def test_implementation_page_counts_commitments_by_latest_update(client, current_plan):
    response = client.get("/en/implementation/")
    levels, unreported = response.context["levels"], response.context["unreported"]
    assert sum(n for _label, _value, n in levels) + unreported == 10
    assert {value: n for _label, value, n in levels}["complete"] == 2
    assert "Open data on public procurement" in response.content.decode()
