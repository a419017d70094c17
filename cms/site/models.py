"""The site's frame: the home page, plain 栏目 (columns) and the footer facts every government site must show."""
from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.site.page_urls import DefaultSiteUrls
from publishing.gate import GatedPageForm


# The defaults below are the demo's Changsha footer (SiteIdentity.adopt_name clears them on a real site).
DEMO_FOOTER_FIELDS = ("site_code", "icp_number", "police_number", "contact")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Footer facts that every Chinese government website must show."""

    sponsor = models.CharField("主办单位", max_length=100, default="长沙市人民政府办公厅")
    site_code = models.CharField("网站标识码", max_length=20, blank=True, default="4301000001")
    icp_number = models.CharField("ICP备案号", max_length=40, blank=True, default="湘ICP备05000000号")
    police_number = models.CharField("公安备案号", max_length=40, blank=True, default="湘公网安备 43010202000000号")
    contact = models.CharField("联系我们", max_length=200, blank=True, default="0731-88888888")
    public_timeliness = models.BooleanField("公开发布时效统计", default=True)

    class Meta:
        verbose_name = "网站标识与页脚"

    def adopt_name(self, name, replaceable=()):
        """The sponsor becomes `name` where it still holds the default (or one of `replaceable`), and the demo's
        Changsha footer numbers are cleared: a real or district site shows nothing rather than someone else's numbers.
        Saves what changed and returns those field names."""
        default = {f: self._meta.get_field(f).default for f in ("sponsor", *DEMO_FOOTER_FIELDS)}
        changed = []
        if self.sponsor != name and self.sponsor in (default["sponsor"], *replaceable):
            self.sponsor = name
            changed.append("sponsor")
        for field in DEMO_FOOTER_FIELDS:
            if getattr(self, field) and getattr(self, field) == default[field]:
                setattr(self, field, "")
                changed.append(field)
        if changed:
            self.save(update_fields=changed)
        return changed


COLUMN_CHILDREN = ["cms.SectionPage", "policies.PolicyLibraryPage", "guides.GuideIndexPage"]


class HomePage(DefaultSiteUrls, Page):
    intro = models.TextField("导语", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = COLUMN_CHILDREN
    parent_page_types = ["wagtailcore.Page"]  # a site's root: one per site of the group (站群, sitegroup)
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)

    class Meta:
        verbose_name = "首页"

    def route(self, request, path_components):
        """Wagtail's documented routing hook: the pages along the path come in one indexed query on url_path instead of
        two queries per level. As in Wagtail's own walk, every page on the way must be live; the page found is routed
        as Wagtail would with no components left (live check, RoutablePage views). A path that is not a chain of pages
        (a guide's 清单, a bundle's 一表申请) takes Wagtail's walk. Measured in docs/benchmarks.md (ADR 0004)."""
        if path_components:
            prefixes = [f"{self.url_path}{'/'.join(path_components[:n])}/" for n in range(1, len(path_components) + 1)]
            chain = {page.url_path: page for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)}
            if len(chain) == len(prefixes):
                if not all(chain[prefix].live for prefix in prefixes[:-1]):
                    raise Http404
                return chain[prefixes[-1]].specific.route(request, [])
        return super().route(request, path_components)


class SectionPage(DefaultSiteUrls, Page):
    """A plain 栏目 (column), e.g. 政府信息公开 and its standard sub-columns."""

    intro = models.TextField("栏目说明", blank=True)
    body = RichTextField("正文", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = COLUMN_CHILDREN + ["cms.NewsPage"]
    search_fields = Page.search_fields + [index.SearchField("body")]
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)

    class Meta:
        verbose_name = "栏目"


class NewsPage(DefaultSiteUrls, Page):
    """A 工作动态 article (news): what a district reports upward (信息报送) and the city adopts. The date shown is the
    system's publication stamp (first_published_at); it is never typed in."""

    source = models.CharField("来源", max_length=100, blank=True, help_text="如“芙蓉区人民政府办公室”")
    body = RichTextField("正文")
    content_panels = Page.content_panels + [FieldPanel("source"), FieldPanel("body")]
    parent_page_types = ["cms.SectionPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("body")]
    base_form_class = GatedPageForm
    search_auto_update = False  # the admin index is kept by cms.site.admin_search (bulk-aware)

    class Meta:
        verbose_name = "工作动态"
