"""{{ page.body|public_richtext }}: Wagtail's |richtext, then the allow-list (publishing.html).

Rich text is sanitised when saved (publishing.html_fields); this catches rows stored before that, or written by a
path that skipped model saves (a queryset update, raw SQL), so no public page shows their script."""
from django import template
from django.utils.safestring import mark_safe
from wagtail.templatetags.wagtailcore_tags import richtext

from publishing.html import sanitise_rendered

register = template.Library()


@register.filter
def public_richtext(value):
    return mark_safe(sanitise_rendered(str(richtext(value))))
