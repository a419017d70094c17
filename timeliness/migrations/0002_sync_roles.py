from django.db import migrations


def sync(apps, schema_editor):
    # Grant the evaluator read access to the new registers (cms.roles is the single source of the rules).
    from cms.roles import sync_roles

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [("timeliness", "0001_initial"), ("cms", "0002_roles")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
