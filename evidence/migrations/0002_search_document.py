"""The search index: a SearchDocument table everywhere, plus what each database needs to search it.

PostgreSQL: a GIN index on the stored tsvector. SQLite: an FTS5 table over title and body (an
"external content" table reading evidence_search_document), kept in step by triggers. Each part is
created only on its own database, so the same migration runs on both.

Caveat for later migrations: on SQLite, Django alters a table by re-creating it, which drops its
triggers. A migration that alters evidence_search_document must re-create the three triggers
(FTS_SQL[1:]) on SQLite, then run `manage.py rebuild_search_index`.
"""

import django.contrib.postgres.search
from django.db import migrations, models

FTS_SQL = [
    """CREATE VIRTUAL TABLE evidence_search_fts USING fts5(
        title, body, content='evidence_search_document', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER evidence_search_document_ai AFTER INSERT ON evidence_search_document BEGIN
        INSERT INTO evidence_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER evidence_search_document_ad AFTER DELETE ON evidence_search_document BEGIN
        INSERT INTO evidence_search_fts(evidence_search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER evidence_search_document_au AFTER UPDATE ON evidence_search_document BEGIN
        INSERT INTO evidence_search_fts(evidence_search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO evidence_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
]
FTS_DROP_SQL = [
    "DROP TRIGGER IF EXISTS evidence_search_document_au",
    "DROP TRIGGER IF EXISTS evidence_search_document_ad",
    "DROP TRIGGER IF EXISTS evidence_search_document_ai",
    "DROP TABLE IF EXISTS evidence_search_fts",
]
GIN_SQL = [
    "CREATE INDEX evidence_search_document_vector_gin ON evidence_search_document USING gin (vector)"
]
GIN_DROP_SQL = ["DROP INDEX IF EXISTS evidence_search_document_vector_gin"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for wanted, sql in statements:
            if vendor == wanted:
                for statement in sql:
                    schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("evidence", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("source", "Source"), ("excerpt", "Excerpt"), ("fact", "Fact")], max_length=8)),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.CharField(max_length=500)),
                ("body", models.TextField(blank=True)),
                ("vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                "db_table": "evidence_search_document",
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_unique")],
            },
        ),
        migrations.RunPython(
            _run([("postgresql", GIN_SQL), ("sqlite", FTS_SQL)]),
            _run([("postgresql", GIN_DROP_SQL), ("sqlite", FTS_DROP_SQL)]),
        ),
    ]
