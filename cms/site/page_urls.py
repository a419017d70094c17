"""Page URLs in a site group (站群).

Wagtail writes a page's URL as a path only while there is one site; with the districts' sites beside the city's it
writes every URL absolute unless told which site is current. Code that has no request (feeds, the open-data API, the
search index, loaders' reports) speaks for the default site, the city's: it writes the city's own pages as paths, as
before, and other sites' pages absolute. Templates pass the request, so a page links its own site's pages by path.
"""
from wagtail.models import Site

_default = {"roots": None, "id": None}


def default_site_id():
    """The default site's id, read again whenever Wagtail's cached list of site roots changes."""
    roots = tuple(Site.get_site_root_paths())
    if roots != _default["roots"]:
        _default["id"] = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        _default["roots"] = roots
    return _default["id"]


class DefaultSiteUrls:
    """Mixin for page models (before Page in the bases): without a request, URLs are the default site's."""

    def get_url(self, request=None, current_site=None):
        if request is None and current_site is None:
            parts = self.get_url_parts()
            if parts is not None and parts[0] is not None and parts[0] == default_site_id():
                return parts[2]
        return super().get_url(request=request, current_site=current_site)

    @property
    def url(self):  # Wagtail binds Page.url to its own get_url; this one goes through the override above
        return self.get_url()
