"""Anonymous readers are served from the cache until content changes; nobody else is, and a
cached page never carries another reader's CSRF token or session."""

import re

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from opengov.plans.models import Commitment
from tests.cocreation.test_contributions import FORM, IDEA
from tests.helpers import as_user, run_database_tasks

pytestmark = pytest.mark.django_db
PLAN = "/en/plans/valmerre-plan-3/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def cache_on():
    caches["public_pages"].clear()
    with override_settings(PUBLIC_CACHE=True):
        yield
    caches["public_pages"].clear()


def test_the_second_anonymous_reader_gets_the_cached_page(client, django_assert_num_queries):
    first = client.get(PLAN)
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    with django_assert_num_queries(1):  # the content version, nothing else
        second = Client().get(PLAN)
    assert second["X-Cache"] == "hit"
    assert TOKEN.sub("", second.content.decode()) == TOKEN.sub("", first.content.decode())
    assert second["ETag"] == first["ETag"] and second.has_header("Last-Modified")
    assert "Cookie" in second["Vary"]


def test_a_change_to_public_content_is_seen_at_once(client, current_plan,
                                                    django_capture_on_commit_callbacks):
    client.get(PLAN)
    with django_capture_on_commit_callbacks(execute=True):
        commitment = Commitment.objects.filter(plan=current_plan).first()
        commitment.title_en = "Tamarind commitment"
        commitment.save()
    page = client.get(PLAN)
    assert page["X-Cache"] == "miss" and "Tamarind commitment" in page.content.decode()


def test_a_matching_etag_gets_304(client):
    etag = client.get(PLAN)["ETag"]
    again = Client().get(PLAN, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize("role", ["poc", "moderator", "no_role"])
def test_signed_in_users_are_never_served_or_stored(client, users, role):
    as_user(client, users[role])
    assert not client.get(PLAN).has_header("X-Cache")
    assert Client().get(PLAN)["X-Cache"] == "miss"  # the signed-in page was not stored


def test_each_reader_of_a_cached_form_gets_a_token_of_their_own_that_works(client):
    first, second = Client(), Client()
    page_one, page_two = first.get(FORM), second.get(FORM)
    assert (page_one["X-Cache"], page_two["X-Cache"]) == ("miss", "hit")
    token_one, token_two = (TOKEN.search(p.content.decode())[1] for p in (page_one, page_two))
    assert token_one != token_two and "@@csrf@@" not in page_two.content.decode()
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = second.cookies
    sent = checked.post(FORM, {**IDEA, "csrfmiddlewaretoken": token_two},
                        REMOTE_ADDR="203.0.113.77")
    assert sent.status_code == 302
    stolen = Client(enforce_csrf_checks=True)
    stolen.get("/en/")
    assert stolen.post(FORM, {**IDEA, "csrfmiddlewaretoken": token_one},
                       REMOTE_ADDR="203.0.113.78").status_code == 403


def test_a_reader_with_a_message_to_see_is_not_served_from_the_cache(client):
    client.get(PLAN)
    client.cookies["messages"] = "anything"
    assert not client.get(PLAN).has_header("X-Cache")


def test_the_api_is_cached_too(client):
    assert client.get("/api/v1/commitments?limit=5")["X-Cache"] == "miss"
    assert Client().get("/api/v1/commitments?limit=5")["X-Cache"] == "hit"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_search_cached_before_the_index_caught_up_is_not_served_after(
        client, current_plan, django_capture_on_commit_callbacks):
    """The index is written by a task after the change commits: a search page cached in
    between must not be served once the record is in the index. (Every write of this test
    commits, as in a request: no fixture that writes.)"""
    from opengov.cocreation.models import Contribution
    from opengov.cocreation.services import contribution_moderate

    url = "/en/search/?q=axolotl"
    with django_capture_on_commit_callbacks(execute=True):
        contribution = Contribution.objects.create(
            process=current_plan.cocreation_processes.first(), text="Axolotl ponds",
            language="en", stakeholder_type="citizen", consent_to_publish=True)
        contribution_moderate(actor=None, contribution=contribution, state="published")
    early = client.get(url)  # the index task has not run yet
    assert early["X-Cache"] == "miss" and contribution.reference not in early.content.decode()
    assert contribution.reference not in Client().get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the worker's own commits
        run_database_tasks()
    assert contribution.reference in Client().get(url).content.decode()
