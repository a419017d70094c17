"""The admin per role: each role's home panel, Wagtail's stock panels only where they can hold something, and
menus trimmed to what the role can use (an item that leads to an empty list or a refusal is not shown)."""
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.dashboard import panels
from cms.guides.models import ServiceGuidePage
from openness_catalog import permissions as catalogue_permissions

OFFICER_PERMISSION = "publishing.publish_submission"
EVALUATOR_PERMISSION = "publishing.view_timeliness"
EDITOR_PERMISSION = "openness_catalog.view_catalogueitem"
SITE_ADMIN_PERMISSION = "wagtailcore.change_site"  # 站点管理员 (all of wagtailcore) and superusers
STOCK_PAGE_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation", "recent_edits", "locked_pages"}


@hooks.register("construct_homepage_panels", order=100)  # after the apps' own panels (the catalogue coverage)
def role_panels(request, home_panels):
    user = request.user
    if not user_has_any_page_permission(user):
        # Pages edited, locked or in moderation by this user: none can exist, and the empty panels only add noise.
        home_panels[:] = [p for p in home_panels if getattr(p, "name", "") not in STOCK_PAGE_PANELS]
    if user.has_perm(SITE_ADMIN_PERMISSION):
        # Site administrators hold every permission; their home shows the system, not every role's to-do list.
        home_panels.append(panels.SiteAdminPanel(user))
        return
    if user.has_perm(OFFICER_PERMISSION):
        home_panels.append(panels.OfficerPanel(user))
    if user.has_perm(EDITOR_PERMISSION) and catalogue_permissions.editable_columns(user).exists():
        home_panels.append(panels.EditorPanel(user))
    if user.has_perm(EVALUATOR_PERMISSION):
        home_panels.append(panels.EvaluatorPanel(user))


def can_edit_guides(user):
    """Whether the 办事指南 listing shows this user anything they can act on (else it is empty or refused)."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change", "publish"})
    return editable.type(ServiceGuidePage).exists()


@hooks.register("construct_main_menu")
def trim_main_menu(request, menu_items):
    guides_url = reverse("service_guides:index")
    if not can_edit_guides(request.user):
        menu_items[:] = [item for item in menu_items if getattr(item, "url", None) != guides_url]


@hooks.register("construct_reports_menu")
def trim_reports_menu(request, menu_items):
    """Workflow reports only for those who manage workflows (publication goes through the gate, not moderation);
    the page-types report only for site administrators."""
    user = request.user
    hidden = set()
    if not user.has_perm("wagtailcore.change_workflow"):
        hidden |= {"workflows", "workflow-tasks"}
    if not user.has_perm(SITE_ADMIN_PERMISSION):
        hidden.add("page-types-usage")
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


@hooks.register("construct_help_menu")
def trim_help_menu(request, menu_items):
    """No links to wagtail.org (English release notes and editor guide); the keyboard shortcuts stay."""
    menu_items[:] = [item for item in menu_items if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")]
