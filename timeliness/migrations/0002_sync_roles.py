from django.db import migrations


def sync(apps, schema_editor):
    # Grant the evaluator read access to the new registers (cms.site.roles is the single source of the rules).
    from cms.site.roles import sync_roles  # noqa: PLC0415 — the live role rules, loaded only when this migration runs

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [("timeliness", "0001_initial"), ("cms", "0002_roles")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
