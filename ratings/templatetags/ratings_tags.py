"""{% rating_box page %}: the 好差评 widget on guide and 一件事 pages (templates/ratings/widget.html)."""
from django import template

from ratings import figures, rules

register = template.Library()


@register.inclusion_tag("ratings/_box.html")
def rating_box(page):
    code = getattr(page, "code", "")
    fig = figures.figures_of(figures.filtered(code=code)) if code else None
    return {"code": code, "figures": fig, "levels": sorted(rules.LEVELS.items(), reverse=True),
            "is_bundle": page.__class__.__name__ == "BundlePage"}


@register.filter
def percent(share):
    return rules.percent(share)
