"""The shared cache of the embedded default: Django's database cache, made safe for counters.

Rate limits count in the cache, and every web process must see the same count, so the
cache is Redis when ``REDIS_URL`` is set and the database otherwise, never a cache of one
process. Django's database cache reads then writes on ``incr``; two processes could both
read 5 and write 6. Here the read and the write happen in one transaction that holds the
row: ``SELECT … FOR UPDATE`` on PostgreSQL, and on SQLite the settings' ``IMMEDIATE``
transactions already let one writer in at a time.
"""

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class SharedDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608 (the table is our setting)
                        [self.make_and_validate_key(key, version=version)])
            return super().incr(key, delta, version=version)
