from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "cms.guides"
    label = "guides"
    verbose_name = "办事服务"

    def ready(self):
        from cms.guides import documents  # noqa: F401, PLC0415  (registers guides and bundles with search)
