"""{% load figures %}: the template side of publishing.figures (one place for rounding and percentages).

    {{ report.overall.p90_working_days|days }}   → 15.8
    {{ c.on_time_rate|percent }}                 → 96.6%
    {{ value|figure:2 }}                         → 3.14
"""
from django import template

from publishing import figures

register = template.Library()


@register.filter
def days(value):
    return figures.number(value, figures.DAYS_DIGITS)


@register.filter
def percent(value, digits=figures.PERCENT_DIGITS):
    return figures.percent(value, int(digits))


@register.filter
def figure(value, digits=figures.DAYS_DIGITS):
    return figures.number(value, int(digits))
