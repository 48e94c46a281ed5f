"""The workspace lists failed background tasks for the POC team and administrators, and runs
one again on request (once); no other role sees or retries them."""

import pytest

from opengov.core.models import Activity, TaskFailure
from opengov.search.models import SearchEntry
from tests.helpers import as_user, status

pytestmark = pytest.mark.django_db
URL = "/en/workspace/tasks/"


@pytest.fixture
def failure(current_plan):
    SearchEntry.objects.filter(kind="plan", object_id=current_plan.pk).delete()
    return TaskFailure.objects.create(
        task="opengov.search.signals.index_records", attempts=3,
        arguments={"args": [[["plan", current_plan.pk]]], "kwargs": {}},
        error="OperationalError: database is locked")


@pytest.mark.parametrize("role, expected", [
    ("anonymous", 302), ("no_role", 403), ("forum", 403), ("agency", 403), ("irm", 403),
    ("moderator", 403), ("poc", 200), ("administrator", 200), ("superuser", 200)])
def test_who_sees_the_failures(client, users, failure, role, expected):
    assert status(client, users[role], URL) == expected
    assert status(client, users[role], URL, "post", {"failure": failure.pk}) in (
        {expected, 302} if expected == 200 else {expected})
    failure.refresh_from_db()
    assert (failure.retried_at is not None) == (expected == 200)


def test_the_page_names_the_task_and_its_error(client, users, failure):
    page = as_user(client, users["poc"]).get(URL).content.decode()
    assert "Update the site search index" in page and "database is locked" in page
    assert "Run again" in page


def test_run_again_runs_it_once_and_logs_who_asked(client, users, failure, current_plan,
                                                   django_capture_on_commit_callbacks):
    as_user(client, users["poc"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, {"failure": failure.pk}).status_code == 302
    assert SearchEntry.objects.filter(kind="plan", object_id=current_plan.pk).exists()
    line = Activity.objects.get(kind=Activity.Kind.TASK_RETRIED)
    assert line.actor == users["poc"] and line.describe() == "Update the site search index"
    with django_capture_on_commit_callbacks(execute=True) as again:
        client.post(URL, {"failure": failure.pk})
    assert again == [] and Activity.objects.filter(kind=Activity.Kind.TASK_RETRIED).count() == 1


@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999999999999999999", "0"])
def test_crafted_ids_are_not_found(client, users, value):
    assert as_user(client, users["poc"]).post(URL, {"failure": value}).status_code == 404


def test_an_id_in_other_digits_names_no_failure(client, users, failure):
    """Python's int() reads Arabic-Indic "٣" as 3: the id of a real failure, spelt so, is
    still not found."""
    spelt = "".join(chr(0x660 + int(digit)) for digit in str(failure.pk))
    assert as_user(client, users["poc"]).post(URL, {"failure": spelt}).status_code == 404
    failure.refresh_from_db()
    assert failure.retried_at is None
