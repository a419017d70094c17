from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "cms.policies"
    label = "policies"
    verbose_name = "政策文件"

    def ready(self):
        from cms.policies import documents  # noqa: F401, PLC0415  (registers policies and 解读 with search)
