"""Which organ speaks: the organ the site publishes for, and whose sequence numbers a piece of information."""
from wagtail.models import Site

from publishing.models import Organ


def site_organ():
    """The organ the default Site speaks for: the Organ named like the site (init_site makes it with its USCC as
    索引号 prefix; made here without a prefix otherwise), or None for a site without a name."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not site.site_name:
        return None
    return Organ.objects.get_or_create(name=site.site_name[:100])[0]


def numbering_organ(issuer):
    """The organ whose 索引号 sequence numbers what issuer published: the issuer when it has its own prefix (its code);
    otherwise — and for information with no issuer — the site's organ, so two organs without a code never hand out
    the same number. None only when there is neither an issuer nor a named site."""
    if issuer is not None and issuer.index_prefix:
        return issuer
    return site_organ() or issuer
