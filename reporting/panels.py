"""The 信息报送 panel on the admin home: the parent site's administrators see what waits for 采用/退回; a district
editor sees their reports waiting and those returned to them."""
from wagtail.admin.ui.components import Component

from reporting import services
from reporting.models import PENDING, RETURNED


class ReportingPanel(Component):
    name = "reporting"
    order = 57
    template_name = "reporting/admin/home_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        if services.can_decide(self.user):
            queue = services.decidable_reports(self.user).filter(status=PENDING)
            return {"decider": True, "pending": queue.count(), "oldest": list(queue.order_by("submitted_at", "id")[:5])}
        mine = services.visible_reports(self.user).filter(source_site_id__in=services.user_site_ids(self.user))
        return {"decider": False, "pending": mine.filter(status=PENDING).count(),
                "returned": mine.filter(status=RETURNED).count(), "recent": list(mine.filter(status=RETURNED)[:5])}
