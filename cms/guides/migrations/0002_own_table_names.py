from django.db import migrations


class Migration(migrations.Migration):
    """The tables moved from cms take this app's names."""

    dependencies = [
        ('guides', '0001_initial'),
        ('cms', '0005_content_apps_move_out'),
    ]

    operations = [
        migrations.AlterModelTable(name='bundlepage', table=None),
        migrations.AlterModelTable(name='guideindexpage', table=None),
        migrations.AlterModelTable(name='lifeeventpage', table=None),
        migrations.AlterModelTable(name='serviceguidepage', table=None),
        migrations.AlterModelTable(name='formfieldmerge', table=None),
        migrations.AlterModelTable(name='materialmerge', table=None),
        migrations.AlterModelTable(name='guidematerial', table=None),
        migrations.AlterModelTable(name='bundleguide', table=None),
    ]
