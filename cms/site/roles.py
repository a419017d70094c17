"""The four Gongkai roles as Wagtail groups. sync_roles() is idempotent; migrations call it."""
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

OFFICER = "文件管理员"
CATALOGUE_EDITOR = "目录编辑"
EVALUATOR = "评估员"
SITE_ADMIN = "站点管理员"

# (app_label, codename) pairs per role; "*" grants every permission of the app.
ROLE_PERMISSIONS = {
    OFFICER: [
        ("wagtailadmin", "access_admin"),
        ("importers", "add_importeddocument"),
        ("importers", "view_importeddocument"),
        ("publishing", "publish_submission"),
        ("publishing", "view_submission"),
        ("publishing", "view_publicationrecord"),
        ("publishing", "view_organ"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        # 依申请公开: the handling office (timeliness.request_admin); only this role and administrators see applicants
        ("timeliness", "handle_disclosurerequest"),
        ("timeliness", "view_disclosurerequest"),
        # 好差评: the 差评 follow-up (核实, 整改/解释, 回访) and the ratings behind the figures (ratings/)
        ("ratings", "handle_followupcase"),
        ("ratings", "view_followupcase"),
        ("ratings", "view_rating"),
    ],
    CATALOGUE_EDITOR: [
        ("wagtailadmin", "access_admin"),
        ("openness_catalog", "view_column"),
        ("openness_catalog", "view_domain"),
        ("openness_catalog", "add_catalogueitem"),
        ("openness_catalog", "change_catalogueitem"),
        ("openness_catalog", "view_catalogueitem"),
        ("openness_catalog", "delete_catalogueitem"),
        ("openness_catalog", "add_entry"),
        ("openness_catalog", "change_entry"),
        ("openness_catalog", "view_entry"),
        ("openness_catalog", "delete_entry"),
    ],
    EVALUATOR: [
        ("wagtailadmin", "access_admin"),
        ("publishing", "view_publicationrecord"),
        ("publishing", "view_timeliness"),
        ("publishing", "view_organ"),
        ("publishing", "view_deadline"),
        ("timeliness", "view_disclosurerequest"),
        ("timeliness", "view_reviewcase"),
        ("timeliness", "view_annualreport"),
        ("ratings", "view_rating"),
        ("ratings", "view_followupcase"),
    ],
    SITE_ADMIN: [
        ("wagtailadmin", "access_admin"),
        ("cms", "*"),
        # 保密审查 (review_secrecy) is the site administrators' sign-off, not the importing officer's own; an
        # officer-in-charge who reviews is granted it individually. publishing.* includes it; named for the reader.
        ("publishing", "review_secrecy"),
        ("policies", "*"),
        ("guides", "*"),
        ("publishing", "*"),
        ("importers", "*"),
        ("openness_catalog", "*"),
        ("gongkai_search", "*"),
        ("timeliness", "*"),
        ("inspection", "*"),
        ("ratings", "*"),
        ("reporting", "*"),  # 信息报送: adopt or return what the district sites report (reporting.services)
        ("portal", "*"),
        ("sitegroup", "*"),  # 站群: 推送到区县站点 (the group's administrators)
        ("wagtaildocs", "*"),
        ("wagtailimages", "*"),
        ("wagtailredirects", "*"),
        ("wagtailcore", "*"),
        ("wagtailusers", "*"),
        ("auth", "*"),
    ],
}

# Page-tree permissions: role -> permission codenames on the site root.
ROOT_PAGE_PERMISSIONS = {
    SITE_ADMIN: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}
# Officers get page rights on the 政府信息公开 section only (granted by grant_section_permissions).
SECTION_PAGE_PERMISSIONS = {OFFICER: ["add_page", "change_page", "publish_page"]}


def sync_roles():
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    for role, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        perms = []
        for app_label, codename in grants:
            qs = Permission.objects.filter(content_type__app_label=app_label)
            if codename != "*":
                qs = qs.filter(codename=codename)
            perms.extend(qs)
        group.permissions.set(perms)

    root = Page.get_first_root_node()
    if root is not None:
        for role, codenames in ROOT_PAGE_PERMISSIONS.items():
            group = Group.objects.get(name=role)
            for codename in codenames:
                perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)


def grant_section_permissions(section_page):
    for role, codenames in SECTION_PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for codename in codenames:
            perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=section_page, permission=perm)
