from django.db import migrations


def sync(apps, schema_editor):
    # 文件管理员 handle 差评整改, 评估员 read ratings and cases, 站点管理员 everything (cms.site.roles).
    from cms.site.roles import sync_roles  # noqa: PLC0415 — the live role rules, loaded only when this migration runs

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [("ratings", "0001_initial"), ("cms", "0006_secrecy_reviewers"), ("timeliness", "0006_consult_messages"),
                    ("inspection", "0002_sync_roles")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
