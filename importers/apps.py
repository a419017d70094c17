from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "importers"
    verbose_name = "公文导入"

    def ready(self):
        from importers.services import document_text  # noqa: PLC0415 — models are ready only now
        from publishing import gate  # noqa: PLC0415

        gate.register_text_reader(document_text)
