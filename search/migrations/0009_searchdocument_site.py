"""Each search document's site of the group (站群): the hostname of the Site it belongs to.

PostgreSQL adds the column in place. On SQLite Django would rebuild the table for a NOT NULL column and drop the FTS5
triggers of migration 0002 (migration 0007 did exactly that), so the column is added with ALTER TABLE there, the
triggers are made again where they are missing and the FTS5 index is rebuilt from the table.
"""
from django.db import migrations, models

T = "gongkai_search_searchdocument"
F = "gongkai_search_fts"
INDEX = "gongkai_search_searchdocument_site_idx"
TRIGGERS = [  # as in 0002
    f"""CREATE TRIGGER IF NOT EXISTS {F}_ai AFTER INSERT ON {T} BEGIN
        INSERT INTO {F}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {F}_ad AFTER DELETE ON {T} BEGIN
        INSERT INTO {F}({F}, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {F}_au AFTER UPDATE ON {T} BEGIN
        INSERT INTO {F}({F}, rowid, title_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.body_tokens);
        INSERT INTO {F}(rowid, title_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.body_tokens); END""",
]


def _field():
    field = models.CharField(max_length=255, blank=True, db_index=True,
                             help_text="the hostname of the document's site of the group (站群); its url is the path there")
    field.set_attributes_from_name("site")
    return field


def forward(apps, schema_editor):
    model = apps.get_model("gongkai_search", "SearchDocument")
    if schema_editor.connection.vendor != "sqlite":
        schema_editor.add_field(model, _field())
        return
    schema_editor.execute(f"ALTER TABLE {T} ADD COLUMN \"site\" varchar(255) NOT NULL DEFAULT ''")
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON {T} ("site")')
    for sql in TRIGGERS:
        schema_editor.execute(sql)
    schema_editor.execute(f"INSERT INTO {F}({F}) VALUES ('rebuild')")


def backward(apps, schema_editor):
    model = apps.get_model("gongkai_search", "SearchDocument")
    if schema_editor.connection.vendor != "sqlite":
        schema_editor.remove_field(model, model._meta.get_field("site"))
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f'ALTER TABLE {T} DROP COLUMN "site"')


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0008_querylog_clicks_and_handling")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddField("searchdocument", "site", models.CharField(
                blank=True, db_index=True, max_length=255,
                help_text="the hostname of the document's site of the group (站群); its url is the path there"))],
            database_operations=[migrations.RunPython(forward, backward)],
        ),
    ]
