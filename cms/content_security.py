"""Content-Security-Policy (django-csp): strict on the public site, relaxed only where Wagtail's admin needs it.

The public policy is settings.CONTENT_SECURITY_POLICY. Wagtail 8's admin still writes inline scripts (date
choosers, inline panels) and inline event handlers, so paths under settings.CSP_RELAXED_PATHS (/admin/, the Django
admin) get settings.CSP_RELAXED_DIRECTIVES in place of those directives. Only signed-in staff see those pages.
"""
from csp.middleware import CSPMiddleware
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(tuple(settings.CSP_RELAXED_PATHS)):
            parts.replace = {**settings.CSP_RELAXED_DIRECTIVES, **(parts.replace or {})}
        return parts
