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
