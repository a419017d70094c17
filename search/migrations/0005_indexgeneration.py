from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("gongkai_search", "0004_searchoutbox_moves_to_search")]

    operations = [
        migrations.CreateModel(
            name="IndexGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.PositiveBigIntegerField(default=0)),
            ],
            options={"verbose_name": "搜索索引版本", "verbose_name_plural": "搜索索引版本"},
        ),
    ]
