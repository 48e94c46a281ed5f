"""The public documents list shows every public document, 50 a page, newest first, with
the kind filter kept from page to page."""

import re

import pytest
from django.utils import timezone

from opengov.repository.models import Document
from opengov.web.views import DOCUMENTS_PER_PAGE

pytestmark = pytest.mark.django_db


def test_every_document_is_reachable_page_by_page(client, demo):
    total = DOCUMENTS_PER_PAGE + 5
    Document.objects.bulk_create([Document(
        member=demo, kind="evidence", title=f"Paged evidence {n:03d}", language="en",
        date=timezone.localdate(), is_public=True) for n in range(total)])
    public = Document.objects.filter(member=demo, is_public=True, kind="evidence").count()
    seen, page = set(), 1
    while True:
        body = client.get(f"/en/documents/?kind=evidence&page={page}").content.decode()
        seen |= set(re.findall(r"Paged evidence (\d{3})", body))
        if 'rel="next"' not in body:
            break
        assert f"?kind=evidence&amp;page={page + 1}#documents" in body
        page += 1
    assert page == -(-public // DOCUMENTS_PER_PAGE) and len(seen) == total
    assert 'aria-label="Pages of documents"' in body and 'aria-current="page"' in body
    assert client.get("/en/documents/?page=abc").status_code == 200
    assert client.get("/en/documents/?page=99999999999999999999").status_code == 200
