from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "gongkai_search"
    verbose_name = "站内搜索"

    def register_signals(self):
        from search.signals import connect

        connect()

    def ready(self):
        self.register_signals()
