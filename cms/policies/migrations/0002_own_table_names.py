from django.db import migrations


class Migration(migrations.Migration):
    """The tables moved from cms take this app's names."""

    dependencies = [
        ('policies', '0001_initial'),
        ('cms', '0005_content_apps_move_out'),
    ]

    operations = [
        migrations.AlterModelTable(name='policylibrarypage', table=None),
        migrations.AlterModelTable(name='policydocumentpage', table=None),
        migrations.AlterModelTable(name='interpretationpage', table=None),
        migrations.AlterModelTable(name='topic', table=None),
        migrations.AlterModelTable(name='policyreference', table=None),
    ]
