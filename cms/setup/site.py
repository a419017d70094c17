"""A real site without demo content (design §2.11): the skeleton every government site needs, made idempotently.

    init_site(name=, org_code=, hostname=None) -> the changes made, in Chinese (empty: there was nothing to do)

The home page (named after the organ) as the default Site's root; 政府信息公开 with its statutory sub-columns and
基层政务公开 (cms.site.skeleton); 政策文件库 (cms.policies) and 办事服务 (cms.guides); the four roles with their
permissions; the organ itself with its 统一社会信用代码 as 索引号 prefix, its catalogue column and the national catalogue
domains. No users, policies, guides or entries. A different name renames the site, its home page, footer sponsor and
organ.
"""
import re

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from cms.guides.services import ensure_guide_index
from cms.policies.services import ensure_library
from cms.site import roles, skeleton
from cms.site.models import SiteIdentity
from openness_catalog.models import Column, Domain
from openness_catalog.services import ensure_column, ensure_national_domains
from publishing import events, services
from publishing.models import Organ
from publishing.uscc import validate
from sitegroup import services as group_services



def _organ(name, code, changes):
    """The organ with this name and code: found by code (a rename) or by name, else created."""
    organ = Organ.objects.filter(index_prefix=code).order_by("pk").first()
    named = Organ.objects.filter(name=name).first()
    if named is not None and organ is not None and named.pk != organ.pk:
        Organ.objects.filter(pk=organ.pk).update(index_prefix="")  # the code moves to the organ that has the name
        organ = named
    organ = organ or named
    if organ is None:
        changes.append(f"新建机关“{name}”，索引号前缀 {code}")
        return Organ.objects.create(name=name, index_prefix=code)
    if organ.name != name:
        changes.append(f"机关“{organ.name}”更名为“{name}”")
    if organ.index_prefix != code:
        changes.append(f"机关“{name}”的索引号前缀设为 {code}")
    if (organ.name, organ.index_prefix) != (name, code):
        organ.name, organ.index_prefix = name, code
        organ.save(update_fields=["name", "index_prefix"])
    return organ


def _site(home, name, hostname, changes):
    site = skeleton.default_site()
    old_name, dirty = site.site_name, False
    if site.site_name != name:
        changes.append(f"站点名称由“{site.site_name}”改为“{name}”")
        site.site_name, dirty = name, True
    if hostname and (site.hostname, site.port) != (hostname, 80):
        changes.append(f"站点域名设为 {hostname}")
        site.hostname, site.port, dirty = hostname, 80, True
    if dirty:
        site.save()
    if home.title != name:
        changes.append(f"首页标题由“{home.title}”改为“{name}”")
        home.title = home.draft_title = name
        services.publish(home, mode="loader")
    if "sponsor" in SiteIdentity.for_site(site).adopt_name(name, replaceable=("", old_name)):
        changes.append(f"主办单位设为“{name}”")
    return site


@transaction.atomic
def init_site(*, name, org_code, hostname=None):
    """Make or bring up to date the site skeleton. ValueError (InvalidUSCC among them) says in Chinese what is wrong."""
    name = (name or "").strip()
    if not name:
        raise ValueError("站点名称不能为空")
    if len(name) > 40:
        raise ValueError(f"站点名称不能超过40个字（机关和目录栏目名称的上限），“{name}”为{len(name)}个字")
    code = validate(org_code)
    hostname = (hostname or "").strip().lower() or None
    changes = []
    missing_roles = set(roles.ROLE_PERMISSIONS) - set(Group.objects.values_list("name", flat=True))
    before = (Page.objects.count(), Column.objects.count(), Domain.objects.count())
    with events.bulk():  # one publication: index and cache work once, at the end
        roles.sync_roles()
        home = skeleton.ensure_home(title=name, site_name=name)
        skeleton.ensure_openness(home)
        ensure_library()
        ensure_guide_index()
        _organ(name, code, changes)
        _site(home, name, hostname, changes)
        ensure_column(name)
        ensure_national_domains()
    pages, columns, domains = (after - b for after, b in zip(
        (Page.objects.count(), Column.objects.count(), Domain.objects.count()), before))
    if missing_roles:
        changes.insert(0, "新建角色：" + "、".join(sorted(missing_roles)))
    if pages:
        changes.insert(0, f"新建栏目页面 {pages} 个")
    if columns or domains:
        changes.append(f"基层政务公开目录：新建栏目 {columns} 个、领域 {domains} 个")
    return changes


SLUG = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


def add_district_site(*, name, org_code, parent, slug, column=None, hostname=None):
    """A district or county site of the group under the site on `parent` (a hostname), idempotently (design §2.13).
    Returns the changes made, in Chinese; ValueError says in Chinese what is wrong."""
    name = (name or "").strip()
    if not name or len(name) > 40:
        raise ValueError("站点名称不能为空，且不能超过40个字")
    code = validate(org_code)
    parent_site = Site.objects.filter(hostname=(parent or "").strip().lower()).first()
    if parent_site is None:
        raise ValueError(f"未找到上级站点“{parent}”：请先用 init_site 初始化上级站点，或检查域名")
    slug = (slug or "").strip().lower()
    if not SLUG.match(slug):
        raise ValueError("区县站点需要 --slug：小写字母开头，只含小写字母、数字和“-”，例如 furong")
    hostname = (hostname or f"{slug}.{parent_site.hostname}").strip().lower()
    taken = Site.objects.filter(hostname=hostname).exclude(root_page__slug=slug).first()
    if taken is not None:
        raise ValueError(f"域名 {hostname} 已由站点“{taken.site_name}”使用")
    column = (column or name.removesuffix("人民政府")).strip()
    before = (Site.objects.count(), Page.objects.count())
    with events.bulk():
        roles.sync_roles()
        group_services.ensure_city(skeleton.default_site().site_name or "市级")
        unit = group_services.add_district(name=column, full_name=name, slug=slug, parent=parent_site,
                                           org_code=code, hostname=hostname)
    sites, pages = (after - b for after, b in zip((Site.objects.count(), Page.objects.count()), before))
    changes = []
    if sites:
        changes.append(f"新建区县站点“{name}”，域名 {unit.site.hostname}，上级站点 {parent_site.hostname}")
    if pages:
        changes.append(f"新建栏目页面 {pages} 个")
    return changes
