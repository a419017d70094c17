"""上级文件: city documents that apply to the districts, shown on district sites as references without copies.

    share(page, sites, by=None) -> the sites it was newly shared with
    unshare(page, site)
    shared_on_site(site) -> the live documents shown on that site, newest first

Only a live policy of another site of the group can be shared, and only with a site below the issuer's (a district
of the city). The reference links to the issuer's page; 索引号 and canonical URL stay there."""
from cms.policies.models import PolicyDocumentPage
from sitegroup.models import SharedDocument, SiteUnit


class ShareRefused(ValueError):
    """Says in Chinese why a document cannot be shared."""


def share(page, sites, by=None):
    page = page.specific
    if not isinstance(page, PolicyDocumentPage) or not page.live:
        raise ShareRefused("只有已公开的政策文件可以推送到区县站点")
    issuer = page.get_site()
    below = set(SiteUnit.objects.filter(parent=issuer).values_list("site_id", flat=True)) if issuer else set()
    added = []
    for site in sites:
        if site.pk not in below:
            raise ShareRefused(f"“{site.site_name}”不是发文站点的下级站点，不能引用该文件")
        _, created = SharedDocument.objects.get_or_create(site=site, page=page, defaults={"added_by": by})
        if created:
            added.append(site)
    return added


def unshare(page, site):
    SharedDocument.objects.filter(site=site, page=page).delete()


def shared_on_site(site, limit=50):
    ids = SharedDocument.objects.filter(site=site).values_list("page_id", flat=True)
    return list(PolicyDocumentPage.objects.live().public().filter(pk__in=ids)
                .order_by("-published_at", "-id")[:limit])
