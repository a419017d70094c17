"""Template context for public pages: the site's facts (portal.site_facts), read only when a template uses them,
and how long rendered fragments may be kept (their keys carry versions, so this only bounds memory)."""
from django.utils.functional import SimpleLazyObject

from portal import site_facts
from portal.cache import fragment_timeout


def site(request):
    facts = SimpleLazyObject(lambda: site_facts.for_request(request))
    return {"site_facts": facts, "fragment_seconds": fragment_timeout()}
