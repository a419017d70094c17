"""The handling office's home panel in the admin: requests overdue, due soon, awaiting 受理 or 补正."""
from django.utils import timezone
from wagtail.admin.ui.components import Component

from timeliness import messages, request_queue
from timeliness.models import DisclosureRequest as R


class RequestsPanel(Component):
    name = "request_work"
    order = 55  # beside the officer's own panel (cms.dashboard.panels, 50)
    template_name = "timeliness/admin/requests_panel.html"

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        overdue = request_queue.overdue(today)
        return {
            "overdue": overdue.count(), "due_soon": request_queue.due_soon(today).count(),
            "registered": R.objects.filter(status=R.REGISTERED).count(), "correction": R.objects.filter(status=R.CORRECTION).count(),
            "messages_overdue": messages.overdue(today).count(),
            "urgent": list(overdue[:5]), "soon_days": request_queue.SOON_WORKING_DAYS,
        }
