import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Page

from cms.guides.models import BundlePage, ServiceGuidePage
from cms.policies.models import PolicyDocumentPage
from cms.site.models import SectionPage
from openness_catalog.models import Column, Domain
from cms.site.skeleton import default_home

pytestmark = pytest.mark.django_db


def test_demo_has_openness_section_with_four_standard_subcolumns(demo):
    section = SectionPage.objects.descendant_of(default_home()).get(slug="zfxxgk")
    titles = [p.title for p in section.get_children()]
    for required in ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]:
        assert required in titles


def test_demo_has_the_one_plus_nine_columns(demo):
    assert list(Column.objects.values_list("name", flat=True)) == [
        "长沙市", "芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市", "宁乡市",
    ]
    assert Domain.objects.count() == 26


def test_demo_has_policies_guides_and_a_bundle_that_are_served(client, demo):
    assert PolicyDocumentPage.objects.live().count() >= 3
    bundle = BundlePage.objects.get(code="YJS-XSECS")
    assert len(bundle.guides) == 5
    response = client.get(bundle.url)
    assert response.status_code == 200
    assert "出生登记（户口登记）" in response.content.decode()
    guide = ServiceGuidePage.objects.get(code="430100-GA-XK-0002")
    page = client.get(guide.url).content.decode()
    assert "本事项可在以下一件事中一次办理" in page and "新生儿出生一件事" in page


def test_demo_has_three_national_bundles_with_complete_guides_and_shown_gains(client, demo):
    for code, name in [("YJS-XSECS", "新生儿出生一件事"), ("YJS-QYZGTX", "企业职工退休一件事"), ("YJS-JYRX", "教育入学一件事")]:
        bundle = BundlePage.objects.get(code=code)
        assert bundle.title == name and bundle.live and bundle.url.startswith("/bsfw/")
        assert len(bundle.gains.departments) >= 3
        assert all(not g.missing_elements and g.online_url and g.form_field_list and g.step_list for g in bundle.guides)
        html = client.get(bundle.url).content.decode()
        assert bundle.gains_summary and bundle.gains_summary in html and "申请材料整体减少" in html
    assert client.get("/bsfw/smzq/").status_code == 200


def test_expired_demo_policy_is_bannered(client, demo):
    expired = PolicyDocumentPage.objects.live().filter(validity="失效")
    assert expired.exists()
    for page in expired:
        assert "本文件已失效" in client.get(page.url).content.decode()


def test_load_demo_twice_changes_nothing(group_demo):
    pages = Page.objects.count()
    columns = Column.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # the whole group again (make run's demo)
    assert Page.objects.count() == pages
    assert Column.objects.count() == columns
    from sitegroup.models import SharedDocument, SiteUnit

    assert SiteUnit.objects.count() == 10 and SharedDocument.objects.count() == 18


@pytest.fixture
def forget_content_types():
    """The flush below runs inside the test's transaction (PostgreSQL truncates transactionally), so the database
    is back as it was afterwards; the content types cached meanwhile carry ids that were rolled back."""
    yield
    ContentType.objects.clear_cache()


# Not a transactional test: a flush there re-creates content types under new ids, and the next transactional test
# that restores the migrated rows (serialized_rollback) collides with them.
@pytest.mark.django_db
def test_load_demo_rebuilds_the_site_after_the_database_was_flushed(client, forget_content_types):
    call_command("flush", "--noinput", verbosity=0)
    assert Page.get_first_root_node() is None
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert "长沙市人民政府" in client.get("/").content.decode()
    assert Domain.objects.count() >= 26
    assert client.get("/zfxxgk/zcwjk/").status_code == 200
