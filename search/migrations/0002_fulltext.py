"""Full-text structures for the embedded engine, per database vendor.

SQLite: an external-content FTS5 table over the analysed title/body, kept in sync by triggers.
PostgreSQL: a generated tsvector (title weight A, body D, 'simple' configuration: the text is already
segmented) with a GIN index.
"""
from django.db import migrations

T = "gongkai_search_searchdocument"
F = "gongkai_search_fts"

SQLITE_UP = [
    f"CREATE VIRTUAL TABLE {F} USING fts5(title_tokens, body_tokens, content='{T}', content_rowid='id', tokenize='unicode61')",
    f"""CREATE TRIGGER {F}_ai AFTER INSERT ON {T} BEGIN
        INSERT INTO {F}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); END""",
    f"""CREATE TRIGGER {F}_ad AFTER DELETE ON {T} BEGIN
        INSERT INTO {F}({F}, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens); END""",
    f"""CREATE TRIGGER {F}_au AFTER UPDATE ON {T} BEGIN
        INSERT INTO {F}({F}, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        INSERT INTO {F}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); END""",
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {F}_ai", f"DROP TRIGGER IF EXISTS {F}_ad", f"DROP TRIGGER IF EXISTS {F}_au",
               f"DROP TABLE IF EXISTS {F}"]
PG_UP = [
    f"""ALTER TABLE {T} ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_tokens, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(body_tokens, '')), 'D')) STORED""",
    f"CREATE INDEX {T}_tsv_gin ON {T} USING gin (tsv)",
]
PG_DOWN = [f"DROP INDEX IF EXISTS {T}_tsv_gin", f"ALTER TABLE {T} DROP COLUMN IF EXISTS tsv"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0001_initial")]
    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
                             _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN})),
    ]
