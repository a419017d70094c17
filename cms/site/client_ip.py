"""The address a request came from, for login throttling (settings.AXES_CLIENT_IP_CALLABLE).

Without settings.CLIENT_IP_HEADER the answer is REMOTE_ADDR: a direct deployment cannot be fooled by a forged
X-Forwarded-For. Behind a reverse proxy, production names the header the proxy sets (e.g. HTTP_X_FORWARDED_FOR)
and how many proxies append to it (TRUSTED_PROXY_COUNT); the client is the address the outermost trusted proxy
saw, so whatever a client prepends itself is ignored.
"""
from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR")
    header = getattr(settings, "CLIENT_IP_HEADER", None)
    if not header:
        return remote
    hops = [part.strip() for part in request.META.get(header, "").split(",") if part.strip()]
    count = max(1, int(getattr(settings, "TRUSTED_PROXY_COUNT", 1)))
    if len(hops) < count:
        return remote
    return hops[-count]
