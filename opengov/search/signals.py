"""Keep the index in step: a change to any indexed record rebuilds it once, after commit.

Rebuilding is quick at the size of one member's site (see bench/search.py); a deployment
with very large data can set SEARCH_REINDEX_ON_SAVE=0 and run
`manage.py rebuild_search_index` from cron instead.
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


def _rebuild():
    from .index import rebuild

    rebuild()


def _schedule(**kwargs):
    if not getattr(settings, "SEARCH_REINDEX_ON_SAVE", True):
        return
    if any(item[1] is _rebuild for item in connection.run_on_commit):
        return  # already due at the end of this transaction
    transaction.on_commit(_rebuild)


def connect():
    from .index import MODELS

    for model in MODELS:
        post_save.connect(_schedule, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(_schedule, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    from opengov.cocreation.models import ReasonedResponse

    m2m_changed.connect(_schedule, sender=ReasonedResponse.contributions.through,
                        dispatch_uid="search-response-links")


connect()
