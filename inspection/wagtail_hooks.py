"""Admin: the self-inspection report (站点管理员), its menu item, a panel on the site administrator's home, and the
错敏词 exceptions (edited beside the gate's 敏感词 list)."""
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.site.admin_menu import PermissionMenuItem
from inspection import admin_views, indicators
from inspection.models import InspectionRun, SensitiveWordException


@hooks.register("register_admin_urls")
def register_inspection_urls():
    return [
        path("inspection/", admin_views.report, name="inspection_report"),
        path("inspection/<int:run_id>/<slug:code>/", admin_views.indicator, name="inspection_indicator"),
    ]


@hooks.register("register_admin_menu_item")
def register_inspection_menu_item():
    return PermissionMenuItem("网站自查", reverse("inspection_report"), permission=admin_views.PERMISSION, icon_name="warning", order=228)


class SiteAdminPolicy(ModelPermissionPolicy):
    """The exceptions belong to whoever keeps the site: 站点管理员 (wagtailcore.change_site) and superusers."""

    def user_has_permission(self, user, action):
        return user.is_active and user.has_perm(admin_views.PERMISSION)

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class SensitiveWordExceptionViewSet(SnippetViewSet):
    model = SensitiveWordException
    icon = "tick-inverse"
    menu_label = "错敏词例外"
    menu_order = 229
    add_to_admin_menu = True
    list_display = ["phrase", "note"]
    search_fields = ["phrase"]


register_permission_policy(SensitiveWordException, SiteAdminPolicy(SensitiveWordException))
register_snippet(SensitiveWordExceptionViewSet)


class InspectionPanel(Component):
    """The latest result on the 站点管理员's admin home."""

    name = "self_inspection"
    order = 65
    template_name = "inspection/admin/home_panel.html"

    def get_context_data(self, parent_context=None):
        run = InspectionRun.of_site(Site.objects.filter(is_default_site=True).first()).first()
        return {"run": run, "failed": [r for r in run.results if r["status"] == indicators.FAIL] if run else [],
                "report_url": reverse("inspection_report")}


@hooks.register("construct_homepage_panels")
def inspection_panel(request, panels):
    if request.user.has_perm(admin_views.PERMISSION):
        panels.append(InspectionPanel())
