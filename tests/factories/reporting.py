"""A small site group for 信息报送 tests: the city on the default site, 芙蓉区 and 天心区 beside it, each district with
a 工作动态 column holding live news and one live policy; a district editor per district, a city 站点管理员."""
from dataclasses import dataclass
from datetime import date

from cms.demo.sites import org_code
from cms.policies.services import library, upsert_policy
from cms.site import roles, skeleton
from cms.site.models import NewsPage, SectionPage
from publishing import services as publishing
from sitegroup import roles as site_roles
from sitegroup import services as group
from tests.factories.accounts import make_user

CITY = "长沙市"


@dataclass
class Group:
    city: object
    city_home: object
    furong: object
    tianxin: object
    furong_editor: object
    tianxin_editor: object
    site_admin: object


def news(home, slug, title, body="<p>近日召开工作推进会，部署基层政务公开标准化规范化工作。</p>", source=""):
    column = skeleton.ensure_child(home, SectionPage, "gzdt", title="工作动态")
    page = publishing.add_draft(column, NewsPage(slug=slug, title=title, source=source, body=body))
    publishing.publish(page, mode="demo")
    page.refresh_from_db()
    return page


def policy(unit, title, doc_number):
    page, _ = upsert_policy(title=title, doc_number=doc_number, issuers=[unit.organ.name] if unit.organ else [],
                            formed_on=date(2025, 3, 5), published_on=date(2025, 3, 12), doc_type="通知",
                            body_html="<p>各街道办事处：现将有关事项通知如下。</p>", mode="demo",
                            into=library(home=unit.site.root_page.specific))
    return page.specific


def site_group():
    roles.sync_roles()
    home = skeleton.ensure_home(title="长沙市人民政府门户网站", site_name="长沙市人民政府")
    city = group.ensure_city(CITY)
    furong = group.add_district(name="芙蓉区", full_name="长沙市芙蓉区人民政府", slug="furong",
                                org_code=org_code("430102", 1))
    tianxin = group.add_district(name="天心区", full_name="长沙市天心区人民政府", slug="tianxin",
                                 org_code=org_code("430103", 2))
    furong_editor = make_user("fr-editor", site_roles.group_name(furong, site_roles.EDITOR), first_name="芙蓉区编辑")
    tianxin_editor = make_user("tx-editor", site_roles.group_name(tianxin, site_roles.EDITOR))
    site_admin = make_user("city-admin", roles.SITE_ADMIN, first_name="市站点管理员")
    return Group(city, home, furong, tianxin, furong_editor, tianxin_editor, site_admin)
