"""Catalogue entries for portal tests (feeds, API), made through the ORM the way the catalogue admin saves them."""
from datetime import date

from django.utils import timezone


def published_entry(column_name="芙蓉区", domain_name="重大建设项目", title="芙蓉区2024年重大建设项目批准结果", **extra):
    from openness_catalog.models import CatalogueItem, Column, Domain, Entry

    column, _ = Column.objects.get_or_create(name=column_name)
    domain, _ = Domain.objects.get_or_create(name=domain_name)
    item, _ = CatalogueItem.objects.get_or_create(column=column, domain=domain, level1="批准服务信息", defaults={"level2": "审批结果"})
    fields = {"formed_on": date(2024, 5, 6), "published_at": timezone.now(), "body": "项目名称：某道路提质改造工程。", "unit": f"{column_name}发展和改革局"}
    if any(f.name == "status" for f in Entry._meta.get_fields()):
        fields["status"] = getattr(Entry, "PUBLISHED", "published")
    fields.update(extra)
    return Entry.objects.create(item=item, title=title, **fields)


# --- catalogue tests (tests/test_catalogue_*.py) ----------------------------------------------------

def column(name="芙蓉区", parent=None, sort_order=1):
    from openness_catalog.models import Column

    return Column.objects.get_or_create(name=name, defaults={"parent": parent, "sort_order": sort_order})[0]


def domain(name="就业", sort_order=0, national=True):
    from openness_catalog.models import Domain

    return Domain.objects.get_or_create(name=name, defaults={"sort_order": sort_order, "national": national})[0]


def item(column_obj=None, domain_obj=None, level1="就业创业政策", level2="", time_limit_text="信息形成（变更）之日起20个工作日内", **extra):
    from openness_catalog.models import CatalogueItem

    fields = dict(subject="芙蓉区人力资源和社会保障局", basis="《中华人民共和国就业促进法》", content="政策文件、补贴标准",
                  channels=["政府网站", "政务服务中心"], levels=["县级"])
    fields.update(extra)
    return CatalogueItem.objects.create(
        column=column_obj or column(), domain=domain_obj or domain(), level1=level1, level2=level2,
        time_limit_text=time_limit_text, **fields,
    )


def draft_entry(item_obj=None, title="芙蓉区2025年一次性创业补贴申领公告", body="申领条件：在本区登记注册的初创企业。", formed_on=None, **extra):
    from django.utils import timezone

    from openness_catalog.models import Entry

    return Entry.objects.create(item=item_obj or item(), title=title, body=body,
                                formed_on=formed_on or timezone.localdate(), **extra)


def editor(username, *columns):
    """A 目录编辑 listed on the given columns."""
    from cms.site.roles import CATALOGUE_EDITOR
    from tests.factories.accounts import make_user

    user = make_user(username, CATALOGUE_EDITOR)
    for c in columns:
        c.editors.add(user)
    return user
