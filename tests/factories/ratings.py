"""Factories for 好差评 tests: published guides and a 一件事 to rate, ratings given through the service, and a fresh
per-client allowance (the throttle counts live in the shared cache and outlive test transactions)."""
import itertools

from django.core.cache import cache
from django.db import transaction

from tests.factories.guides import bundle_obj, guide_obj, guide_site

_ips = itertools.count(1)


def published_guide(code, department="市市场监管局", name=None):
    from cms.guides.models import ServiceGuidePage
    from importers.content_loader import load_guide

    guide_site()
    with transaction.atomic():
        load_guide(guide_obj(code=code, name=name or f"事项{code[-4:]}", department=department))
    return ServiceGuidePage.objects.get(code=code)


def published_bundle(code, guide_codes, lead_department="市政务服务中心"):
    from cms.guides.models import BundlePage
    from importers.content_loader import load_bundle

    with transaction.atomic():
        load_bundle(bundle_obj(code, guide_codes, lead_department=lead_department))
    return BundlePage.objects.get(code=code)


def rate(code, level, comment="", contact="", kind=None):
    from ratings import services

    return services.submit(code=code, level=level, comment=comment, contact=contact, kind=kind)


def fresh_client_address():
    """A client address no earlier test has spent allowance from."""
    address = f"10.77.{next(_ips) // 250}.{next(_ips) % 250 + 1}"
    for scope in ("rating_submit", "rating_api"):
        cache.delete(f"throttle:{scope}:{address}")
    return address
