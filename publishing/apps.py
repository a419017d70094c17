from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "发布与时效"

    def ready(self):
        from wagtail.documents import get_document_model  # noqa: PLC0415 — models are ready only now

        from publishing import gate, html_fields, listeners, tasks  # noqa: PLC0415
        from publishing.forms import collection_is_private  # noqa: PLC0415

        html_fields.connect()  # before the gate: it checks what will be stored
        gate.connect()
        gate.guard(get_document_model(), lambda document: not collection_is_private(document.collection))
        listeners.connect()
        tasks.connect()
