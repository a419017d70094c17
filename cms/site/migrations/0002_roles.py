from django.db import migrations


def create_roles(apps, schema_editor):
    # Uses the live registry: permissions must exist for every app, and the rules live in cms.site.roles.
    from cms.site.roles import sync_roles  # noqa: PLC0415 — the live role rules, loaded only when this migration runs

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("publishing", "0001_initial"),
        ("importers", "0001_initial"),
        ("openness_catalog", "0001_initial"),
        ("wagtailcore", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("wagtaildocs", "__latest__"),
        ("wagtailimages", "__latest__"),
        ("wagtailredirects", "__latest__"),
        ("wagtailusers", "__latest__"),
        ("auth", "__latest__"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
