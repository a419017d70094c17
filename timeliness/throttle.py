"""A per-client rate limit on the shared cache (Redis when several processes serve the site), for the anonymous
依申请公开 form and its tracking API. The client address comes from cms.site.client_ip, as for login throttling."""
from django.conf import settings
from django.core.cache import cache

from cms.site.client_ip import client_ip

LIMITS = {  # scope: (setting name, default hits, window in seconds)
    "request_form": ("REQUEST_FORM_LIMIT_PER_HOUR", 10, 3600),
    "request_api": ("REQUEST_API_LIMIT_PER_MINUTE", 60, 60),
    # 好差评 (ratings/): the form on guide and bundle pages and POST /api/ratings share one hourly allowance
    "rating_submit": ("RATING_FORM_LIMIT_PER_HOUR", 30, 3600),
    "rating_api": ("RATING_API_LIMIT_PER_MINUTE", 60, 60),
}


def allow(request, scope):
    """Count this hit; False once the client has used up its allowance for the window."""
    setting, default, window = LIMITS[scope]
    limit = int(getattr(settings, setting, default))
    key = f"throttle:{scope}:{client_ip(request) or 'unknown'}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return hits <= limit
