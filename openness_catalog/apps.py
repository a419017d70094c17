from django.apps import AppConfig


class OpennessCatalogConfig(AppConfig):
    name = "openness_catalog"
    verbose_name = "基层政务公开目录"
