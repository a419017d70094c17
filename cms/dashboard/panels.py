"""The home panels, one per role (Wagtail components rendered on /admin/ through construct_homepage_panels)."""
from wagtail.admin.ui.components import Component

from cms.dashboard import work


class RolePanel(Component):
    order = 50  # above Wagtail's own panels and the catalogue coverage panel (150)

    def __init__(self, user):
        self.user = user


class OfficerPanel(RolePanel):
    name = "officer_work"
    template_name = "dashboard/officer_panel.html"

    def get_context_data(self, parent_context=None):
        return {"work": work.officer_work(), "soon_days": work.SOON_WORKING_DAYS}


class EditorPanel(RolePanel):
    name = "editor_work"
    template_name = "dashboard/editor_panel.html"

    def get_context_data(self, parent_context=None):
        return {"work": work.editor_work(self.user), "soon_days": work.SOON_WORKING_DAYS}


class EvaluatorPanel(RolePanel):
    name = "evaluator_work"
    template_name = "dashboard/evaluator_panel.html"

    def get_context_data(self, parent_context=None):
        return {"work": work.evaluator_work()}


class SiteAdminPanel(RolePanel):
    name = "site_admin_work"
    order = 60
    template_name = "dashboard/site_admin_panel.html"

    def get_context_data(self, parent_context=None):
        return {"work": work.site_admin_work()}
