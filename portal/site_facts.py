"""The site's own facts every public page shows — 网站标识与页脚 (SiteIdentity) and 门户与开放接口 (PortalSettings) —
kept in the Django cache (Redis in production) until something site-wide changes.

They are read on every page and changed a few times a year. Saving either bumps the page cache's site-wide epoch
(portal.signals); the facts are stored with the epoch they were read under and count only while it is current, so
every process sees a change on its next request. One cache round trip reads both the epoch and the facts."""
from django.core.cache import cache
from wagtail.models import Site

from cms.site.models import SiteIdentity
from portal.cache import EPOCH_KEY, timeout
from portal.models import PortalSettings

FACTS_KEY = "portal:sitefacts:{}"


class Facts:
    def __init__(self, site_id, epoch, identity, portal):
        self.site_id, self.epoch, self.identity, self.portal = site_id, epoch, identity, portal

    @property
    def version(self):
        """Changes whenever the facts or anything shown on every page may have changed (fragment cache keys)."""
        return f"{self.site_id}:{self.epoch}"


def for_request(request):
    facts = getattr(request, "gongkai_site_facts", None)
    if facts is None:
        facts = request.gongkai_site_facts = _read(Site.find_for_request(request))
    return facts


def _read(site):
    if site is None:
        return Facts(None, "0", SiteIdentity(), PortalSettings())
    key = FACTS_KEY.format(site.pk)
    found = cache.get_many([EPOCH_KEY, key])
    epoch = found.get(EPOCH_KEY, "0")
    stored = found.get(key)
    if stored is not None and stored[0] == epoch:
        return Facts(site.pk, epoch, stored[1], stored[2])
    identity, portal = SiteIdentity.for_site(site), PortalSettings.for_site(site)
    cache.set(key, (epoch, identity, portal), max(timeout(), 300))
    return Facts(site.pk, epoch, identity, portal)
