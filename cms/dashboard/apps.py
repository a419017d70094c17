from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The admin as each role meets it: its own home panels, menus trimmed to what the role can use, our name."""

    name = "cms.dashboard"
    label = "gongkai_dashboard"
    verbose_name = "工作台"
