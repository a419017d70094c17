from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "gongkai_search"
    verbose_name = "站内搜索"

    def ready(self):
        from search import listeners, sites  # noqa: PLC0415 — models are ready only now

        listeners.connect()
        sites.connect()
