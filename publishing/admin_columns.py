"""Snippet list columns that read as Chinese: 是/否 for a yes/no field, a label for a stored code."""
from wagtail.admin.ui.tables import Column


def yes_no(field_name, label):
    return Column(field_name, label=label, sort_key=field_name,
                  accessor=lambda obj: "是" if getattr(obj, field_name) else "否")


def labelled(field_name, label, labels):
    """A code stored without choices (e.g. PublicationRecord.mode), shown by its label; an unknown code as it is."""
    return Column(field_name, label=label, sort_key=field_name,
                  accessor=lambda obj: labels.get(getattr(obj, field_name), getattr(obj, field_name)) or "—")
