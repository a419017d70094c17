"""A search document's URL holds any URL Wagtail makes: a Chinese title becomes a percent-encoded slug (9 characters
per Han character), so 500 characters were exceeded by ordinary policy titles and the whole indexing batch failed.

PostgreSQL changes the column type in place (varchar → text needs no rewrite; the generated tsvector does not read
it). SQLite does not enforce varchar lengths, and Django would rebuild the table for the change and drop the FTS5
triggers of migration 0002, so only the model state changes there.
"""
from django.db import migrations, models

T = "gongkai_search_searchdocument"


def _to_text(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE {T} ALTER COLUMN "url" TYPE text')


def _to_varchar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE {T} ALTER COLUMN "url" TYPE varchar(500) USING left("url", 500)')


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0005_indexgeneration")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AlterField("searchdocument", "url", models.TextField(blank=True))],
            database_operations=[migrations.RunPython(_to_text, _to_varchar)],
        ),
    ]
