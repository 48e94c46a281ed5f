"""Background tasks through the real engines: the database backend (the embedded default,
run by ``manage.py db_worker``) and Redis with RQ (several servers). The rest of the suite
runs tasks at once; these tests prove the same code waits in a queue and runs in a worker,
that a failing task is retried a bounded number of times and then kept, with its error, for
the Point of Contact team, and that a contribution reaches the search through the queue.

Redis is the machine's (``REDIS_TEST_URL``, database 15 by default). Outside CI, the Redis
case is skipped when no Redis answers; in CI it must run.
"""

import os

import pytest
from django.test import override_settings

from opengov.cocreation.models import Contribution
from opengov.core.models import ModerationState, TaskFailure
from opengov.core.tasks import background
from opengov.search.query import search
from tests.helpers import run_database_tasks

pytestmark = pytest.mark.django_db
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
CALLS = []


@background(label="A task that always fails")
def always_fails(word):
    CALLS.append(word)
    raise ValueError(f"cannot handle {word}")


def _redis():
    import redis

    try:
        connection = redis.Redis.from_url(REDIS_TEST_URL)
        connection.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_TEST_URL}")
    connection.flushdb()
    return connection


def _database_worker():
    run_database_tasks()


def _rq_worker():
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    # As `manage.py rqworker --job-class django_tasks_rq.Job default`, in this process.
    queue = django_rq.get_queue("default", job_class=Job)
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(
        burst=True, with_scheduler=False)


BACKENDS = {
    "database": ({"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, _database_worker),
    "rq": ({"default": {"BACKEND": "django_tasks_rq.RQBackend"}}, _rq_worker),
}


@pytest.fixture(params=sorted(BACKENDS))
def engine(request):
    tasks, worker = BACKENDS[request.param]
    if request.param == "rq":
        _redis()
    with override_settings(TASKS=tasks, RQ_QUEUES={"default": {"URL": REDIS_TEST_URL}}):
        yield worker


def test_a_contribution_waits_for_the_worker_then_is_found(
        engine, current_plan, django_capture_on_commit_callbacks):
    process = current_plan.cocreation_processes.first()
    with django_capture_on_commit_callbacks(execute=True):
        contribution = Contribution.objects.create(
            process=process, text="Ornithopter registry", language="en",
            stakeholder_type="citizen", consent_to_publish=True,
            moderation_state=ModerationState.PUBLISHED)
    assert search("ornithopter", lang="en")[0] == []  # queued, not run in the request
    engine()
    assert [h.entry.object_id for h in search("ornithopter", lang="en")[0]] == [contribution.pk]


@override_settings(TASK_ATTEMPTS=3, TASK_RETRY_SECONDS=0)
def test_a_failing_task_is_retried_then_kept_with_its_error(engine):
    CALLS.clear()
    always_fails.enqueue("quince")
    engine()
    assert CALLS == ["quince"] * 3
    failure = TaskFailure.objects.get()
    assert failure.attempts == 3 and failure.error == "ValueError: cannot handle quince"
    assert failure.arguments == {"args": ["quince"], "kwargs": {}}
    assert failure.name == "A task that always fails" and "ValueError" in failure.traceback
