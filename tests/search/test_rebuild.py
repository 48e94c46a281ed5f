"""Rebuilding the whole index (``manage.py rebuild_search_index``, for repairs): what it
writes is what indexing record by record writes (test_indexing.py); here, how it writes.

On PostgreSQL the new index is filled into a bare copy of the table and swapped in: the
table keeps every key, constraint and index under its own name (later migrations refer to
them). Records are read by a second thread while the first writes; that thread hands its
errors over and stops when the writer does."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from opengov.search.index import _read_ahead, rebuild
from opengov.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _structure():
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = 'search_searchentry'::regclass ORDER BY conname")
        constraints = cursor.fetchall()
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes "
                       "WHERE tablename = 'search_searchentry' ORDER BY indexname")
        indexes = cursor.fetchall()
        cursor.execute("SELECT attname, attcompression, attgenerated FROM pg_attribute "
                       "WHERE attrelid = 'search_searchentry'::regclass AND attnum > 0 "
                       "AND NOT attisdropped ORDER BY attname")
        columns = cursor.fetchall()
    return constraints, indexes, columns


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the swap is PostgreSQL's")
def test_the_swapped_table_keeps_its_keys_constraints_indexes_and_names(demo):
    before = _structure()
    assert any("gin" in definition for _name, definition in before[1])  # the word index
    count = rebuild()
    assert count == SearchEntry.objects.count() > 0
    assert _structure() == before
    entry = SearchEntry.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():  # still one entry per record
        SearchEntry.objects.create(kind=entry.kind, object_id=entry.object_id, url="/x/",
                                   terms=" x ")
    # New entries still get numbers (the table's own sequence came along).
    SearchEntry.objects.filter(pk=entry.pk).delete()
    entry.pk = None
    entry.save()
    assert entry.pk


def test_read_ahead_gives_every_batch_in_order():
    batches = [[n, n + 1] for n in range(0, 40, 2)]
    assert list(_read_ahead(iter(batches), depth=2)) == batches


def test_an_error_while_reading_reaches_the_writer():
    def failing():
        yield [1]
        raise ValueError("unreadable record")

    read = _read_ahead(failing())
    assert next(read) == [1]
    with pytest.raises(ValueError, match="unreadable record"):
        next(read)


def test_the_reader_stops_when_the_writer_does():
    made = []

    def endless():
        n = 0
        while True:
            made.append(n)
            yield [n]
            n += 1

    read = _read_ahead(endless(), depth=2)
    assert next(read) == [0]
    read.close()  # the writer failed: the generator is closed
    assert not any(t.name == "search-index-reader" for t in threading.enumerate())
    assert len(made) <= 5  # it read at most a queue ahead, then stopped


def test_a_writer_that_stops_while_the_queue_is_full_does_not_wait_forever():
    """The reader has made every batch and waits to say it is done, the queue full: the
    writer stopping must release it (it used to wait for a place that never came)."""
    read = _read_ahead(iter([[1], [2], [3]]), depth=1)
    assert next(read) == [1]
    worker = threading.Thread(target=read.close)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive()
