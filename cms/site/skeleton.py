"""The site's frame, made idempotently: Wagtail's tree roots, the home page and the default Site, and the statutory
政府信息公开 column with its sub-columns (design §2.11).

Every ensure_* function returns what is there when it is there, and otherwise creates it and publishes it through the
gate (publishing.services.publish). The content apps add their own sections on top: cms.policies.services.
ensure_library (政策文件库) and cms.guides.services.ensure_guide_index (办事服务); cms.setup puts them together for
`manage.py init_site`, load_demo reuses them, and the loaders call them when a section they need is missing.
"""
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from cms.site import roles
from cms.site.models import HomePage, SectionPage
from publishing import organs, services

DEFAULT_SITE_NAME = "政府门户网站"  # until init_site names the site
HOME_INTRO = "以公开为常态、不公开为例外。"
OPENNESS_SLUG = "zfxxgk"
OPENNESS_TITLE = "政府信息公开"
OPENNESS_INTRO = "依据《中华人民共和国政府信息公开条例》，集中发布法定主动公开内容。"
# (slug, title, intro): the statutory sub-columns of 政府信息公开, in the order every government site shows them.
OPENNESS_COLUMNS = [
    ("xxgkzn", "政府信息公开指南", "本机关主动公开的信息分类、获取方式和依申请公开的办理流程。"),
    ("xxgkzd", "政府信息公开制度", "政府信息公开保密审查、发布协调、考核评议和责任追究等制度。"),
    ("fdzdgknr", "法定主动公开内容", "按照《中华人民共和国政府信息公开条例》第二十条、第二十一条主动公开的政府信息。"),
    ("xxgknb", "政府信息公开年报", "本机关政府信息公开工作年度报告。"),
    ("ysqgk", "依申请公开", "依照《中华人民共和国政府信息公开条例》第二十七条申请获取政府信息的渠道和办理流程。"),
    ("jczwgk", "基层政务公开", "基层政务公开标准目录：按栏目和领域查看目录及已公开信息。"),
]


def ensure_child(parent, model, slug, *, mode="loader", **fields):
    """The child page of `parent` with this slug (specific), or a new one created and published with `fields`.
    An existing page is left as it is: editors may have changed its title or text."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = services.add_draft(parent, model(slug=slug, **fields))
    services.publish(page, mode=mode)
    return page


def tree_roots():
    """The locale, page root and collection root Wagtail's migrations create; recreated if the data was flushed."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", url_path="/"))


def default_site():
    return Site.objects.filter(is_default_site=True).first()


def default_home():
    """The default site's home page (the city's in a site group), or None before there is one."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site is not None else None
    return home if isinstance(home, HomePage) else None


def ensure_home(*, title=None, site_name=None, intro=HOME_INTRO, mode="loader"):
    """The home page, made the root of the default Site (replacing Wagtail's placeholder "Welcome" page of a freshly
    migrated database). Title and site name apply when they are created; init_site renames with rename_site."""
    root = tree_roots()
    site = default_site()
    home = default_home() or HomePage.objects.first()
    if home is None:
        name = site_name or (site.site_name if site and site.site_name else DEFAULT_SITE_NAME)
        home = services.add_draft(root, HomePage(title=title or name, slug="portal", intro=intro))
        services.publish(home, mode=mode)
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name=site_name or home.title)
    elif site.root_page_id != home.pk:
        old = site.root_page
        site.root_page = home
        site.site_name = site_name or site.site_name or home.title
        site.save()
        if old.specific_class is Page and old.depth == 2:
            old.delete()  # Wagtail's placeholder "Welcome" page
    return home


def find_section(model, home, ensure):
    """The site's one section of this model (政策文件库, 办事服务) under `home` or the default site's home (never another
    site's); made by `ensure` when there is none."""
    home = home or default_home()
    if home is not None:
        return model.objects.descendant_of(home).order_by("-live", "path").first() or ensure(home=home)
    return model.objects.live().first() or model.objects.first() or ensure()


def ensure_site_home(*, hostname, title, site_name, slug, intro=HOME_INTRO, mode="loader"):
    """The home page of another site of the group (站群): a HomePage beside the default site's, on its own hostname.
    Found by hostname (or by slug when its Site was removed); created and published through the gate otherwise."""
    site = Site.objects.filter(hostname=hostname, port=80).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = tree_roots()
    home = root.get_children().type(HomePage).filter(slug=slug).first()
    if home is None:
        home = services.add_draft(root, HomePage(title=title, slug=slug, intro=intro))
        services.publish(home, mode=mode)
    else:
        home = home.specific
    if site is None:
        Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=site_name)
    else:
        site.root_page, site.site_name = home, site.site_name or site_name
        site.save()
    return home


def ensure_openness(home=None, *, mode="loader", intros=None, bodies=None):
    """政府信息公开 under the home page with its statutory sub-columns; officers get page rights on it.
    intros: {slug: intro} replacing the generic texts of sections created now (the demo's own wording);
    bodies: {slug: 正文} of sections created now (a real site's officers write their own: the self-inspection
    reports the sub-columns left without content)."""
    intros, bodies = intros or {}, bodies or {}
    home = home or ensure_home(mode=mode)
    section = ensure_child(home, SectionPage, OPENNESS_SLUG, mode=mode, title=OPENNESS_TITLE,
                           intro=intros.get(OPENNESS_SLUG, OPENNESS_INTRO))
    if Group.objects.filter(name__in=roles.SECTION_PAGE_PERMISSIONS).count() < len(roles.SECTION_PAGE_PERMISSIONS):
        roles.sync_roles()  # a flushed database has no groups; the roles migration made them otherwise
    roles.grant_section_permissions(section)
    for slug, title, intro in OPENNESS_COLUMNS:
        ensure_child(section, SectionPage, slug, mode=mode, title=title, intro=intros.get(slug, intro), body=bodies.get(slug, ""))
    return section


def site_organ():
    """The organ the default Site speaks for (publishing.organs): it numbers information published without an issuer."""
    return organs.site_organ()
