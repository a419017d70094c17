"""Work per site of the group (站群): which publication records and inbox documents belong to one site
(the timeliness figures, the officers' inbox).

A record whose page is published belongs to the site whose home the page is under. A document not yet published
belongs to the site of its organ: a district's organ (SiteUnit.organ) to the district's site, every other organ to
the default (city) site. Without a scope the figures are the whole group's."""
from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Site

from publishing.models import Organ
from sitegroup.models import SiteUnit


@dataclass
class SiteScope:
    site: Site
    root_path: str
    own_organs: set = field(default_factory=set)
    other_organs: set = field(default_factory=set)
    default: bool = False

    @property
    def name(self):
        return self.site.site_name or self.site.hostname

    def records_q(self):
        unpublished = Q(page__isnull=True) & (
            ~Q(department_id__in=self.other_organs) if self.default else Q(department_id__in=self.own_organs))
        return Q(page__path__startswith=self.root_path) | unpublished

    def owns_organ(self, organ_id):
        return organ_id not in self.other_organs if self.default else organ_id in self.own_organs

    def owns_issuers(self, names, organ_ids=None):
        """Whether a document issued by these organs (the first leads) belongs to this site. organ_ids: {name: id}
        read once for many documents."""
        lead = (names or [""])[0]
        if organ_ids is None:
            organ_ids = dict(Organ.objects.filter(name=lead).values_list("name", "pk"))
        return self.owns_organ(organ_ids.get(lead))


def scope_for(site):
    units = list(SiteUnit.objects.exclude(organ=None).values_list("site_id", "organ_id"))
    if site.is_default_site:
        return SiteScope(site, site.root_page.path, other_organs={o for s, o in units if s != site.pk}, default=True)
    return SiteScope(site, site.root_page.path, own_organs={o for s, o in units if s == site.pk})


def scope_by_hostname(hostname):
    site = Site.objects.filter(hostname=hostname).select_related("root_page").first()
    return scope_for(site) if site is not None else None


def sites():
    """(hostname, name) of every site, the default first: the choices of the dashboard's 站点 filter."""
    return [(s.hostname, s.site_name or s.hostname)
            for s in Site.objects.order_by("-is_default_site", "id")]


def organ_ids():
    return dict(Organ.objects.values_list("name", "pk"))


def forced_scope(user):
    """The one site a user's figures are limited to (a district's evaluator), or None for the group's roles."""
    from sitegroup.roles import units_for_user  # noqa: PLC0415

    units = SiteUnit.objects.select_related("site", "site__root_page")
    mine = units_for_user(user, units)
    if len(mine) == len(units) or not mine:
        return None
    return scope_for(mine[0].site)
