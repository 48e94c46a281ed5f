"""On SQLite, the FTS5 word index follows the entries row by row (triggers), so that one
record can be indexed without rebuilding the word index. PostgreSQL's tsvector column is
generated, so it always follows."""

from django.db import migrations

TRIGGERS = {
    "search_entry_terms_ai": "AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_entry_terms(rowid, terms) VALUES (new.id, new.terms); END",
    "search_entry_terms_ad": "AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_entry_terms(search_entry_terms, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); END",
    "search_entry_terms_au": "AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_entry_terms(search_entry_terms, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_entry_terms(rowid, terms) VALUES (new.id, new.terms); END",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name, body in TRIGGERS.items():
        schema_editor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    schema_editor.execute("INSERT INTO search_entry_terms(search_entry_terms) VALUES('rebuild')")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_term_indexes")]
    operations = [migrations.RunPython(create, drop)]
