from django.db import migrations


def sync(apps, schema_editor):
    # 站点管理员 (the group's administrators) share city documents with district sites (cms.site.roles).
    from cms.site.roles import sync_roles  # noqa: PLC0415 — the live role rules, loaded only when this migration runs

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [("sitegroup", "0002_shareddocument"), ("ratings", "0002_sync_roles"), ("cms", "0007_newspage")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
