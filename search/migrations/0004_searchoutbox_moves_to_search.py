import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label="publishing", model="searchoutbox").first()
    if old is None:
        return
    for new in ContentType.objects.filter(app_label="gongkai_search", model="searchoutbox"):
        Permission.objects.filter(content_type=new).delete()
        new.delete()
    old.app_label = "gongkai_search"
    old.save(update_fields=["app_label"])


class Migration(migrations.Migration):
    """The search outbox (index work written in the same transaction as the change) belongs to search: it takes over
    publishing's table and renames it."""

    dependencies = [
        ("gongkai_search", "0003_seed_synonyms"),
        ("publishing", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name="SearchOutbox",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                    ("object_key", models.CharField(max_length=120)),
                    ("action", models.CharField(choices=[("index", "索引"), ("delete", "删除")], max_length=10)),
                    ("created_at", models.DateTimeField(auto_now_add=True)),
                    ("attempts", models.PositiveIntegerField(default=0)),
                    ("last_error", models.TextField(blank=True)),
                    ("page", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.WAGTAIL_PAGE_MODEL)),
                ],
                options={"ordering": ["id"], "db_table": "publishing_searchoutbox"},
            ),
        ]),
        migrations.AlterModelTable(name="searchoutbox", table=None),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
