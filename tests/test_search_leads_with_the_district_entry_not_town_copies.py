"""A county's list implements many items at the county and again in every 镇（街道）, under the same name. A citizen
asking for the item lands on the county's own entry, and the town copies do not push the county's other answers
off the first screen — on BOTH engines. Codes are national 实施编码 built from the published format rules; the 区划代码
(GB/T 2260 + township digits) says which level implements each copy."""
import random

import pytest

from tests.factories.guides import guide_obj
from tests.factories.item_codes import basic_code, uscc_code
from tests.factories.search import load_indexed, refresh, search_site

COUNTY = "430102"  # 长沙市芙蓉区
TOWNS = ["文艺路街道", "朝阳街道", "韭菜园街道", "五里牌街道", "火星街道", "马王堆街道", "东屯渡街道", "湘湖街道", "定王台街道",
         "荷花园街道", "东岸街道"]
ITEM = "最低生活保障对象认定（申请）"


def implementation_code(rng, basic, township):
    return f"{basic}-{COUNTY}{township}-000-{uscc_code(rng, COUNTY)}-1-00"


@pytest.fixture
def county(engine_name, db):
    rng = random.Random(20261206)
    search_site()
    basic = basic_code(rng)
    lines = [guide_obj(code=implementation_code(rng, basic, "000000"), name=ITEM, department="长沙市芙蓉区民政局",
                       conditions="共同生活的家庭成员人均收入低于当地最低生活保障标准。")]
    lines += [guide_obj(code=implementation_code(rng, basic, f"{i + 1:03d}000"), name=ITEM,
                        department=f"长沙市芙蓉区{town}办事处", conditions="共同生活的家庭成员人均收入低于当地最低生活保障标准。")
              for i, town in enumerate(TOWNS)]
    lines.append(guide_obj(code=implementation_code(rng, basic_code(rng), "000000"), name="最低生活保障边缘家庭认定",
                           department="长沙市芙蓉区民政局", conditions="家庭人均收入高于最低生活保障标准但低于其1.5倍。"))
    load_indexed(lines)
    refresh()


def results(client, q):
    from cms.guides.models import ServiceGuidePage

    departments = {page.url: page.department for page in ServiceGuidePage.objects.live()}
    found = client.get("/api/search", {"q": q, "size": 20}).json()["results"]
    return [dict(r, department=departments.get(r["url"], "")) for r in found]


def test_the_county_entry_leads_its_town_copies(county, client):
    found = results(client, "最低生活保障认定怎么申请")
    copies = [r for r in found if r["title"] == ITEM]
    assert len(copies) == 12  # every copy is still listed (design §2.8): none is dropped
    assert copies[0]["department"] == "长沙市芙蓉区民政局", [c["department"] for c in copies[:3]]


def test_town_copies_do_not_crowd_out_the_other_answers(county, client):
    titles = [r["title"] for r in results(client, "最低生活保障认定怎么申请")]
    assert titles.index("最低生活保障边缘家庭认定") == 1, titles[:4]  # right after the county's entry


def test_among_equally_good_copies_the_widest_jurisdiction_leads_whatever_the_engine_order():
    from search.ranking import spread_copies

    rng = random.Random(7)
    basic = basic_code(rng)
    town = {"key": "a", "type": "guide", "title": ITEM, "rank": 3.00, "code": implementation_code(rng, basic, "003000")}
    county_copy = {"key": "b", "type": "guide", "title": ITEM, "rank": 2.95, "code": implementation_code(rng, basic, "000000")}
    other = {"key": "c", "type": "guide", "title": "最低生活保障边缘家庭认定", "rank": 2.0, "code": ""}
    ranked = spread_copies([town, county_copy, other])
    assert [h["key"] for h in ranked] == ["b", "c", "a"]
