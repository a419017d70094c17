"""索引号: per organ, from a configurable pattern (prefix, year or year+month, serial, separators, padding).

Serials come from a row-locked sequence and are never reused, even after a withdrawal.
"""
from django.db import transaction

from publishing.models import IndexNumberSequence
from publishing.organs import numbering_organ


def format_index_number(prefix, period, serial, *, separator="/", serial_separator="-", padding=5):
    head = f"{prefix}{separator}" if prefix else ""
    return f"{head}{period}{serial_separator}{serial:0{padding}d}"


def period_for(organ, day):
    return f"{day:%Y%m}" if organ.index_year_format == "YYYYMM" else f"{day:%Y}"


@transaction.atomic
def next_index_number(issuer, day):
    """The next 索引号 for information issued by issuer (None: no issuer named), or None when no organ can number it."""
    organ = numbering_organ(issuer)
    if organ is None:
        return None
    period = period_for(organ, day)
    IndexNumberSequence.objects.get_or_create(organ=organ, period=period)
    seq = IndexNumberSequence.objects.select_for_update().get(organ=organ, period=period)
    seq.last_serial += 1
    seq.save(update_fields=["last_serial"])
    return format_index_number(
        organ.index_prefix, period, seq.last_serial,
        separator=organ.index_separator, serial_separator=organ.index_serial_separator, padding=organ.index_padding,
    )
