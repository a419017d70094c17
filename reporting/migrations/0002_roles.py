from django.db import migrations


def sync(apps, schema_editor):
    # 站点管理员 adopt or return reports (cms.site.roles); each district's 站点编辑 submits its own pages
    # (sitegroup.roles.EDITOR_PERMISSIONS): the live role rules, loaded only when this migration runs.
    from cms.site.roles import sync_roles  # noqa: PLC0415
    from sitegroup import roles as site_roles  # noqa: PLC0415
    from sitegroup.models import SiteUnit  # noqa: PLC0415

    sync_roles()
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    perms = [p.pk for app_label, codename in site_roles.EDITOR_PERMISSIONS
             for p in Permission.objects.filter(content_type__app_label=app_label, codename=codename)]
    for unit in SiteUnit.objects.all():
        group = Group.objects.filter(name=site_roles.group_name(unit, site_roles.EDITOR)).first()
        if group is not None:
            group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial"), ("sitegroup", "0001_initial"), ("ratings", "0002_sync_roles")]
    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
