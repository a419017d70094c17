from django.db import migrations


def sync(apps, schema_editor):
    # New permissions (edit_all_columns, delete for column editors) reach the roles (cms.site.roles is the single source).
    from cms.site.roles import sync_roles  # noqa: PLC0415 — the live role rules, loaded only when this migration runs

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [("openness_catalog", "0002_matrix_rules_history_and_publication"), ("cms", "0002_roles")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
