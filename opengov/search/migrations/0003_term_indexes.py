"""A word index on the search terms, so that a query reads an index instead of every row:
FTS5 on SQLite; on PostgreSQL, the terms as a stored 'simple' tsvector (no stemming there:
the terms are already our stems) with a GIN index. Other databases scan."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_entry_terms USING fts5("
            "terms, content='search_searchentry', content_rowid='id')")
        schema_editor.execute(
            "INSERT INTO search_entry_terms(search_entry_terms) VALUES('rebuild')")
    elif vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS terms_words tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_entry_terms_words ON search_searchentry "
            "USING gin (terms_words)")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_entry_terms")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_terms_words")
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS terms_words")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_entry_content")]
    operations = [migrations.RunPython(create, drop)]
