"""The 差评整改 panel on the admin home of those who handle cases (文件管理员, 站点管理员)."""
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ratings import cases


class CasesPanel(Component):
    name = "rating_cases"
    order = 56
    template_name = "ratings/admin/home_panel.html"

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        overdue = cases.overdue(today)
        return {"overdue": overdue.count(), "due_soon": cases.due_soon(today).count(), "open": cases.open_cases().count(),
                "urgent": list(overdue[:5])}
