"""Small helpers the permission and desk tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def as_user(client, user):
    """The test client signed in as ``user`` (signed out for None, the anonymous public)."""
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def status(client, user, url, method="get", data=None):
    """The HTTP status ``user`` gets for ``method`` on ``url``."""
    return getattr(as_user(client, user), method)(url, data or {}).status_code


def count_queries(client, url):
    """How many queries a successful GET of ``url`` makes."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def run_database_tasks():
    """Run the queued tasks as ``manage.py db_worker --batch`` does, inside this test's
    transaction. Between tasks the worker closes connections that are not in autocommit
    mode, as a long-running process should; here that would close the test's own
    connection (on PostgreSQL), so that step is skipped."""
    from unittest import mock

    from django.core.management import call_command

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def totp(secret_b32, at=None):
    """The six-digit code an authentication app shows for ``secret_b32`` (RFC 6238: SHA-1,
    30 s steps), computed here, independently of django-otp, as a phone would."""
    import hashlib
    import hmac
    import struct
    from base64 import b32decode

    from django.utils import timezone

    counter = int((at if at is not None else timezone.now().timestamp()) // 30)
    digest = hmac.new(b32decode(secret_b32.replace(" ", "")), struct.pack(">Q", counter),
                      hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"
