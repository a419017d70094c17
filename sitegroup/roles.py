"""Roles per site of the group: each district site has its own 站点编辑, 文件管理员, 目录编辑 and 评估员 groups, whose
page rights stop at that site's home page. The global roles (cms.site.roles) stay the group's: 站点管理员 has page
rights on the tree root and so on every site; a user who holds no global role sees only the sites of the groups
they are in."""
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from cms.site import roles

EDITOR = "站点编辑"
# role suffix -> (base role whose model permissions it borrows, or None; page permission codenames; where they apply)
SITE_ROLES = {
    EDITOR: (None, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"], "home"),
    roles.OFFICER: (roles.OFFICER, ["add_page", "change_page", "publish_page"], "openness"),
    roles.CATALOGUE_EDITOR: (roles.CATALOGUE_EDITOR, [], None),
    roles.EVALUATOR: (roles.EVALUATOR, [], None),
}
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
    ("reporting", "add_report"), ("reporting", "view_report"),  # 信息报送: report own pages upward (reporting.services)
]


def group_name(unit, role):
    return f"{unit.name}{role}"


def _model_permissions(base_role):
    if base_role is None:
        found = []
        for app_label, codename in EDITOR_PERMISSIONS:
            found += Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        return found
    base = Group.objects.filter(name=base_role).first()
    return list(base.permissions.all()) if base is not None else []


def ensure_site_groups(unit, *, home, openness):
    """The unit's four groups with their model permissions and page rights (idempotent). Returns {role: Group}."""
    groups = {}
    places = {"home": home, "openness": openness}
    for role, (base_role, codenames, where) in SITE_ROLES.items():
        group, _ = Group.objects.get_or_create(name=group_name(unit, role))
        group.permissions.set(_model_permissions(base_role))
        for codename in codenames:
            perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=places[where], permission=perm)
        groups[role] = group
    return groups


def units_for_user(user, units):
    """The units this user works on: all of them for superusers and the group's own roles, else those whose site
    groups the user is in."""
    if user.is_superuser or user.groups.filter(name__in=list(roles.ROLE_PERMISSIONS)).exists():
        return list(units)
    names = set(user.groups.values_list("name", flat=True))
    return [unit for unit in units if any(group_name(unit, role) in names for role in SITE_ROLES)]
