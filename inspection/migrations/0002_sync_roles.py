from django.db import migrations


def sync(apps, schema_editor):
    # 站点管理员 read the self-inspection records and keep the 错敏词 exceptions (cms.site.roles).
    from cms.site.roles import sync_roles  # noqa: PLC0415 — the live role rules, loaded only when this migration runs

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [("inspection", "0001_initial"), ("cms", "0006_secrecy_reviewers")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
