"""Every save of a Wagtail rich-text field stores sanitised HTML (publishing.html), whoever wrote it: the page
editor, a form, the API, a loader, the demo or a script. Connected in publishing.apps."""
from functools import cache

from django.db.models.signals import pre_save
from wagtail.fields import RichTextField

from publishing.html import sanitise_html


@cache
def _rich_text_fields(model):
    return tuple(f.attname for f in model._meta.concrete_fields if isinstance(f, RichTextField))


def _sanitise(sender, instance, **kwargs):
    for name in _rich_text_fields(sender):
        value = getattr(instance, name)
        if value:
            setattr(instance, name, sanitise_html(value))


def connect():
    pre_save.connect(_sanitise, dispatch_uid="gongkai-sanitise-rich-text")
