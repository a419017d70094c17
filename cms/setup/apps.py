from django.apps import AppConfig


class SetupConfig(AppConfig):
    """`manage.py init_site`: a real site's skeleton, sections and roles, without demo users or content."""

    name = "cms.setup"
    label = "gongkai_setup"
    verbose_name = "站点初始化"
