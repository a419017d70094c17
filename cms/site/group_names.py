"""Short names of the sites of a group (芙蓉区 rather than 长沙市芙蓉区人民政府), for labels on shared listings.

The site group app (sitegroup, a higher layer) registers where the names come from; without it a site is named by
its site_name. Plain lookups, one query per call."""
from wagtail.models import Page, Site

_provider = None
_organ_homes = None


def register(provider, organ_homes=None):
    """provider() -> {site_id: short name}; organ_homes() -> {organ name: home page id of the site it speaks for}."""
    global _provider, _organ_homes
    _provider, _organ_homes = provider, organ_homes


def home_for_issuers(names):
    """The home page of the site whose organ leads (the first issuer) — a district's document goes to the district's
    政策文件库 — or None for the default site."""
    if not names or _organ_homes is None:
        return None
    home_id = _organ_homes().get(names[0])
    return Page.objects.get(pk=home_id).specific if home_id else None


def by_root_path():
    """{root page path: short name} of every site other than the default one."""
    names = _provider() if _provider is not None else {}
    return {site.root_page.path: names.get(site.pk) or site.site_name or site.root_page.title
            for site in Site.objects.select_related("root_page").filter(is_default_site=False)}


def label_for(page, names):
    for path, name in names.items():
        if page.path.startswith(path):
            return name
    return ""


def on_default_site(page):
    """Whether the page is under the default site's home (the group's own site)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site is not None and page.path.startswith(site.root_page.path)
