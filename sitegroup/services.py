"""站群 sites made idempotently: the city's unit on the default site, and a district site beside it with its own home,
政府信息公开 with the statutory sub-columns, 政策文件库, 办事服务, catalogue column, organ, footer and roles.

    ensure_city(name) -> SiteUnit of the default site
    add_district(name=, full_name=, slug=, parent=None, org_code=None, hostname=None) -> SiteUnit
"""
from django.db import transaction
from wagtail.models import Site

from cms.guides.services import ensure_guide_index
from cms.policies.services import ensure_library
from cms.site import skeleton
from cms.site.models import SiteIdentity
from openness_catalog.services import ensure_column
from publishing.models import Organ
from publishing.uscc import validate
from sitegroup import roles as site_roles
from sitegroup.models import SiteUnit

def hostname_for(slug):
    return f"{slug}.localhost"


def ensure_city(name, *, slug="city"):
    """The unit of the default site: the group's root (no parent)."""
    site = skeleton.default_site()
    if site is None:
        skeleton.ensure_home()
        site = skeleton.default_site()
    unit = SiteUnit.objects.filter(site=site).first()
    if unit is None:
        unit = SiteUnit.objects.create(site=site, name=name, slug=slug, sort_order=0,
                                       column=ensure_column(name))
    return unit


def _organ(full_name, org_code):
    organ = Organ.objects.filter(name=full_name).first()
    if org_code:
        code = validate(org_code)
        if organ is None:
            organ = Organ.objects.create(name=full_name, index_prefix=code)
        elif organ.index_prefix != code:
            organ.index_prefix = code
            organ.save(update_fields=["index_prefix"])
    return organ


@transaction.atomic
def add_district(*, name, full_name, slug, parent=None, org_code=None, hostname=None, mode="loader",
                 intros=None, bodies=None):
    """A district or county site under `parent` (a Site; the default site when None). `name` is the unit's short name
    and its 1+9 column (芙蓉区); `full_name` the home page title and footer sponsor (长沙市芙蓉区人民政府)."""
    parent = parent or skeleton.default_site()
    hostname = (hostname or hostname_for(slug)).strip().lower()
    home = skeleton.ensure_site_home(hostname=hostname, title=full_name, site_name=full_name, slug=slug, mode=mode)
    openness = skeleton.ensure_openness(home, mode=mode, intros=intros, bodies=bodies)
    ensure_library(home=home, mode=mode)
    ensure_guide_index(home=home, mode=mode)
    site = Site.objects.get(root_page=home)
    SiteIdentity.for_site(site).adopt_name(full_name)  # the district's footer names the district
    organ = _organ(full_name, org_code)
    unit = SiteUnit.objects.filter(site=site).first() or SiteUnit(site=site, sort_order=SiteUnit.objects.count() + 1)
    unit.parent, unit.name, unit.slug, unit.column, unit.organ = parent, name, slug, ensure_column(name), organ
    unit.save()
    site_roles.ensure_site_groups(unit, home=home, openness=openness)
    return unit


def units():
    return list(SiteUnit.objects.select_related("site", "site__root_page", "parent", "column"))


def unit_for_site(site):
    return SiteUnit.objects.filter(site=site).select_related("column", "parent").first() if site else None


def site_of_page(page):
    """The Site whose home the page is under, or None (Wagtail's own lookup)."""
    return page.get_site()
