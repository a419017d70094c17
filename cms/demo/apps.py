from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`manage.py load_demo`: the demo site of `make run`, built through each app's own services."""

    name = "cms.demo"
    label = "demo"
    verbose_name = "演示内容"
