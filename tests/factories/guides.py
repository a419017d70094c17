"""Factories for 办事指南 tests: a minimal site (home → 办事服务) and guide/bundle objects in the exchange format."""
import itertools

from wagtail.models import Page, Site
from cms.site.skeleton import default_home

_serial = itertools.count(1)


def guide_site():
    """The home page and the 办事服务 index at /bsfw/, created once per test database."""
    from cms.guides.models import GuideIndexPage
    from cms.site.models import HomePage

    from cms.site.skeleton import tree_roots

    home = default_home() or HomePage.objects.first()
    if home is None:
        home = HomePage(title="测试市人民政府", slug="portal")
        # a transactional test may start on a flushed database: Wagtail's roots are made again, as init_site does
        (Page.get_first_root_node() or tree_roots()).add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="测试")
        else:
            site.root_page = home
            site.save()
    index = GuideIndexPage.objects.descendant_of(home).first() if home else GuideIndexPage.objects.first()
    if index is None:
        index = GuideIndexPage(title="办事服务", slug="bsfw")
        home.add_child(instance=index)
        index.save_revision().publish()
    return home, index


def guide_obj(code=None, name=None, department="测试局", materials=("居民身份证",), **extra):
    """A `guide` JSON-lines object with every key element present unless overridden."""
    serial = next(_serial)
    obj = {
        "kind": "guide",
        "code": code or f"430100-CS-GG-{serial:04d}",
        "name": name or f"测试事项{serial}",
        "department": department,
        "basis": "《测试条例》第一条",
        "conditions": "本市居民。",
        "materials": [m if isinstance(m, dict) else {"name": m, "form": "原件", "copies": 1} for m in materials],
        "promised_limit_days": 5,
        "visits": 1,
    }
    obj.update(extra)
    return obj


def bundle_obj(code, guides, **extra):
    obj = {"kind": "bundle", "code": code, "name": f"{code}一件事", "guides": list(guides)}
    obj.update(extra)
    return obj


def guide_workbook(path, rows, headers=None):
    """Write a 事项清单 .xlsx: the template's headers (or the given ones) and the rows (lists in header order)."""
    from openpyxl import Workbook

    from importers.guide_excel import COLUMNS

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers or [label for label, _ in COLUMNS])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def excel_row(code, name, **values):
    """A row in template column order; values by Chinese header label."""
    from importers.guide_excel import COLUMNS

    base = {"事项编码": code, "事项名称": name, "实施主体": "测试局", "设定依据": "《测试条例》", "受理条件": "本市居民",
            "申请材料": "居民身份证|原件|1|申请人自备|是|否", "承诺期限": "5个工作日", "到现场次数": 1}
    base.update(values)
    return [base.get(label) for label, _ in COLUMNS]
