"""Forms that end in publication: an uploaded document is public at /documents/<id>/<name> as soon as it is saved
(unless its collection is private), so the publication gate reads it first."""
from wagtail.documents.forms import BaseDocumentForm

from publishing import gate


def collection_is_private(collection):
    return collection is not None and collection.get_view_restrictions().exists()


class GatedDocumentForm(BaseDocumentForm):
    def clean(self):
        cleaned = super().clean()
        if self.errors or collection_is_private(cleaned.get("collection") or self.instance.collection_id and self.instance.collection):
            return cleaned
        subject = gate.subject_of(self.instance) if self.instance.pk else None
        try:
            reasons = gate.refusals_in(gate.findings_in(gate.content_of_form(self)), subject)
        except gate.PublishRefused as exc:
            reasons = exc.reasons
        for reason in reasons:
            self.add_error(None, f"不能上传：{reason}")
        return cleaned
