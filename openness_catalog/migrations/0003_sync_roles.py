from django.db import migrations


def sync(apps, schema_editor):
    # New permissions (edit_all_columns, delete for column editors) reach the roles (cms.roles is the single source).
    from cms.roles import sync_roles

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [("openness_catalog", "0002_matrix_rules_history_and_publication"), ("cms", "0002_roles")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
