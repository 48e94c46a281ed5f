"""The forum page's meetings link their minutes: the minutes on the meeting's page, or the
minutes document when only a file was published; never minutes that are not public."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from opengov.forum.models import Meeting
from opengov.repository.models import Document, DocumentVersion
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

FORUM = "/en/forum/"


def meeting(demo, title, *, minutes="", published=None, is_public=True):
    return Meeting.objects.create(
        forum=demo.forum, kind="forum", title=title, format="online", is_public=is_public,
        starts_at=timezone.now() - timedelta(days=30), minutes=minutes,
        minutes_published_on=published)


def minutes_file(demo, of, title):
    """A minutes document filed under meeting ``of``, public itself (as an upload would be
    once the minutes are published)."""
    document = Document.objects.create(member=demo, kind=Document.Kind.MINUTES, title=title,
                                       date=timezone.localdate(), language="en", meeting=of,
                                       is_public=True)
    DocumentVersion.objects.create(document=document,
                                   file=ContentFile(b"Minutes", name="minutes.txt"))
    return document


def minutes_cell(page, of):
    """The "Minutes" cell of meeting ``of``'s row on the forum page."""
    row = re.search(rf'<tr>(?:(?!</tr>).)*href="{of.get_absolute_url()}"(?:(?!</tr>).)*</tr>',
                    page, re.S)
    assert row, f"{of.title} is not on the forum page"
    return re.findall(r"<td>(.*?)</td>", row.group(0), re.S)[-1]


@pytest.fixture
def days(fixed_today):
    return {"yesterday": fixed_today - timedelta(days=1),
            "tomorrow": fixed_today + timedelta(days=1)}


def test_published_minutes_are_a_link_to_the_meeting_s_minutes(client, demo, days):
    held = meeting(demo, "Plenary with minutes", minutes="We decided things.",
                   published=days["yesterday"])
    cell = minutes_cell(client.get(FORUM).content.decode(), held)
    assert cell == (f'<a href="{held.get_absolute_url()}#minutes">Read the minutes'
                    '<span class="visually-hidden">: Plenary with minutes</span></a>')
    detail = client.get(held.get_absolute_url()).content.decode()
    assert 'id="minutes"' in detail and "We decided things." in detail


@pytest.mark.parametrize("when", [None, "tomorrow"])
def test_minutes_not_public_are_never_linked(client, demo, days, when):
    held = meeting(demo, "Plenary, minutes to come", minutes="MARKER-unpublished-minutes",
                   published=days.get(when))
    document = minutes_file(demo, held, "MARKER-minutes-file")
    page = client.get(FORUM).content.decode()
    cell = minutes_cell(page, held)
    assert cell == '<span class="muted">Not yet</span>'
    assert f"{held.get_absolute_url()}#minutes" not in page
    assert document.get_absolute_url() not in page
    detail = client.get(held.get_absolute_url()).content.decode()
    minutes_section = detail[detail.index('id="minutes"'):]
    assert "MARKER-unpublished-minutes" not in detail
    assert "The minutes have not been published yet." in minutes_section
    assert "The minutes are published as a document" not in detail


def test_minutes_published_only_as_a_file_link_the_document(client, demo, days):
    held = meeting(demo, "Plenary with a minutes file", published=days["yesterday"])
    document = minutes_file(demo, held, "Minutes of the plenary (PDF)")
    cell = minutes_cell(client.get(FORUM).content.decode(), held)
    assert cell == (f'<a href="{document.get_absolute_url()}">Read the minutes'
                    '<span class="visually-hidden">: Plenary with a minutes file</span></a>')
    assert client.get(document.get_absolute_url()).status_code == 200
    detail = client.get(held.get_absolute_url()).content.decode()
    section = detail[detail.index('id="minutes"'):detail.index('id="documents"')]
    assert "The minutes are published as a document:" in section
    assert f'<a href="{document.get_absolute_url()}">Minutes of the plenary (PDF)</a>' in section
    assert "The minutes have not been published yet." not in section


def test_a_private_minutes_document_is_not_linked(client, demo, days):
    held = meeting(demo, "Plenary with a private file", published=days["yesterday"])
    document = minutes_file(demo, held, "MARKER-private-minutes-file")
    Document.objects.filter(pk=document.pk).update(is_public=False)
    page = client.get(FORUM).content.decode()
    assert minutes_cell(page, held) == '<span class="muted">Not yet</span>'
    assert "MARKER-private-minutes-file" not in client.get(held.get_absolute_url()).content.decode()


def test_a_private_meeting_is_not_listed_even_with_published_minutes(client, demo, days):
    hidden = meeting(demo, "MARKER-private-meeting", minutes="MARKER-private-minutes",
                     published=days["yesterday"], is_public=False)
    page = client.get(FORUM).content.decode()
    assert "MARKER-private" not in page and hidden.get_absolute_url() not in page


def test_the_demo_s_plenaries_link_their_minutes_and_the_reviews_do_not(client, demo):
    page = client.get(FORUM).content.decode()
    public = Meeting.objects.public().filter(forum=demo.forum)
    linked = [m for m in public if m.minutes_are_public and m.minutes]
    unlinked = [m for m in public if not m.minutes_are_public]
    assert linked and unlinked
    for held in linked:
        assert f'href="{held.get_absolute_url()}#minutes"' in minutes_cell(page, held)
    for held in unlinked:
        assert "href" not in minutes_cell(page, held)


def test_the_forum_page_s_queries_do_not_grow_with_minutes_files(client, demo, days):
    def grow(n, start):
        for i in range(start, start + n):
            held = meeting(demo, f"Plenary {i}", published=days["yesterday"])
            minutes_file(demo, held, f"Minutes {i}")

    grow(1, 0)
    client.get(FORUM)  # warm the per-process caches
    small = count_queries(client, FORUM)
    grow(6, 1)
    assert count_queries(client, FORUM) == small
