from django.db import migrations


def grant_secrecy_review(apps, schema_editor):
    # publishing 0004 added the 保密审查 permission (publishing.review_secrecy); an existing database has no group
    # holding it until the roles are synced again (cms.site.roles: the site administrators review).
    from cms.site.roles import sync_roles  # noqa: PLC0415 — the live role rules, loaded only when this migration runs

    sync_roles()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_content_apps_move_out"),
        ("publishing", "0004_officer_reviews_versions_and_duplicate_numbers"),
    ]
    operations = [migrations.RunPython(grant_secrecy_review, migrations.RunPython.noop)]
