from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label="importers", model="sensitiveword").first()
    if old is None:
        return
    for new in ContentType.objects.filter(app_label="publishing", model="sensitiveword"):
        Permission.objects.filter(content_type=new).delete()
        new.delete()
    old.app_label = "publishing"
    old.save(update_fields=["app_label"])


class Migration(migrations.Migration):
    """The gate's dictionary takes publishing's table name and content type."""

    dependencies = [
        ("publishing", "0002_gate_submissions_and_records"),
        ("importers", "0004_publication_state_moves_to_publishing"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelTable(name="sensitiveword", table=None),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
