"""PostgreSQL: a table written again whole, in a copy put in its place at the end.

Filling a table whose word index (GIN) already exists costs about twice as much as filling
it bare and building the index once. ``replaced`` gives a bare copy of the table to fill,
then adds its keys, constraints and indexes and puts it in the original's place, under the
original's names (later migrations find what they expect). All of it is one transaction:
readers see the old table until it commits; writers wait for it (the table is locked
against writes from the start, so no change made meanwhile is lost).
"""

from contextlib import contextmanager

from django.db import connection, transaction


def _rows(cursor, sql, params=()):
    cursor.execute(sql, params)
    return cursor.fetchall()


@contextmanager
def replaced(table):
    """Yield the name of an empty copy of ``table`` (columns, defaults, generated columns,
    compression; no key, constraint or index yet) to fill; then swap it in."""
    fresh = f"{table}_next"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')  # reads go on, writes wait
        cursor.execute(f'DROP TABLE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE TABLE "{fresh}" (LIKE "{table}" INCLUDING ALL '
                       "EXCLUDING INDEXES EXCLUDING CONSTRAINTS)")
        yield fresh
        renames = _copy_keys_and_indexes(cursor, table, fresh)
        cursor.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')  # the swap alone
        sequence = _rows(cursor, "SELECT pg_get_serial_sequence(%s, 'id')", [fresh])[0][0]
        cursor.execute(f'DROP TABLE "{table}"')
        cursor.execute(f'ALTER TABLE "{fresh}" RENAME TO "{table}"')
        for statement in renames:
            cursor.execute(statement)
        if sequence:
            cursor.execute(f'ALTER SEQUENCE {sequence} RENAME TO "{table}_id_seq"')


def _copy_keys_and_indexes(cursor, table, fresh):
    """Build on ``fresh`` every constraint and index ``table`` has, under temporary names;
    return the statements that give them the original names once ``table`` is gone."""
    renames = []
    constraints = _rows(cursor, "SELECT conname, pg_get_constraintdef(oid), conindid "
                        "FROM pg_constraint WHERE conrelid = %s::regclass", [table])
    backing = {oid for _name, _definition, oid in constraints if oid}
    for number, (name, definition, _oid) in enumerate(constraints):
        temporary = f"{fresh}_c{number}"
        cursor.execute(f'ALTER TABLE "{fresh}" ADD CONSTRAINT "{temporary}" {definition}')
        renames.append(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{temporary}" TO "{name}"')
    indexes = _rows(cursor, "SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indexrelid "
                    "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "WHERE i.indrelid = %s::regclass", [table])
    for number, (name, definition, oid) in enumerate(indexes):
        if oid in backing:
            continue  # made with its constraint
        temporary = f"{fresh}_i{number}"
        head, _on, rest = definition.partition(" ON ")
        cursor.execute(head.replace(f" {name}", f' "{temporary}"', 1) + " ON "
                       + rest.replace(f'{table} ', f'"{fresh}" ', 1))
        renames.append(f'ALTER INDEX "{temporary}" RENAME TO "{name}"')
    return renames
