from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "ratings"
    label = "ratings"
    verbose_name = "好差评"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ratings import exports
        from timeliness import exports as timeliness_exports

        timeliness_exports.register_summary_sections(exports.summary_sections)
