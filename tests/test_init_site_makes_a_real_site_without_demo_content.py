"""python manage.py init_site --name NAME --org-code USCC [--hostname HOST] (design §2.11): the statutory skeleton
and the roles, no demo users or content; idempotent; a different name renames; a bad 统一社会信用代码 exits 1."""
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Page, Site

from cms.guides.models import BundlePage, GuideIndexPage, ServiceGuidePage
from cms.policies.models import PolicyDocumentPage, PolicyLibraryPage
from cms.site import roles
from cms.site.models import HomePage, SectionPage, SiteIdentity
from openness_catalog.models import CatalogueItem, Column, Domain, Entry
from publishing.models import Organ

pytestmark = pytest.mark.django_db

NAME = "湘江新区管理委员会"
CODE = "12430100MB1A2B3C43"  # a well-formed 统一社会信用代码 (GB 32100 check character 3)
STATUTORY = ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开", "基层政务公开"]


def init(*args):
    out = StringIO()
    call_command("init_site", *args, stdout=out)
    return out.getvalue()


def tree():
    return list(Page.objects.order_by("path").values_list("path", "slug", "title", "live", "content_type__model"))


def grants():
    return sorted((g.name, p) for g in Group.objects.all() for p in g.permissions.values_list("codename", flat=True))


def test_it_makes_the_statutory_skeleton_and_roles_and_nothing_else(client):
    users_before = get_user_model().objects.count()
    output = init("--name", NAME, "--org-code", CODE)
    assert "已初始化" in output

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.title == NAME and site.site_name == NAME
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()  # Wagtail's "Welcome" page is gone
    openness = SectionPage.objects.child_of(home).get(slug="zfxxgk")
    assert openness.title == "政府信息公开" and openness.live
    assert [p.title for p in openness.get_children().type(SectionPage)] == STATUTORY
    library = PolicyLibraryPage.objects.child_of(openness).get()
    guides = GuideIndexPage.objects.child_of(home).get()
    assert library.live and guides.live and (library.title, guides.title) == ("政策文件库", "办事服务")
    for url in ("/", "/zfxxgk/", "/zfxxgk/zcwjk/", "/bsfw/", "/zfxxgk/ysqgk/", "/zfxxgk/jczwgk/"):
        assert client.get(url).status_code == 200, url

    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_PERMISSIONS)
    assert Group.objects.get(name=roles.EVALUATOR).permissions.filter(codename="view_timeliness").exists()
    assert GroupPagePermission.objects.filter(
        group__name=roles.OFFICER, page=openness, permission__codename="publish_page").exists()

    organ = Organ.objects.get(name=NAME)
    assert organ.index_prefix == CODE
    assert SiteIdentity.for_site(site).sponsor == NAME
    assert SiteIdentity.for_site(site).icp_number == ""  # not the demo's Changsha 备案号
    assert list(Column.objects.values_list("name", flat=True)) == [NAME]
    assert Domain.objects.filter(national=True).count() == 26

    assert get_user_model().objects.count() == users_before
    for model in (PolicyDocumentPage, ServiceGuidePage, BundlePage, CatalogueItem, Entry):
        assert not model.objects.exists(), model


def test_running_it_twice_changes_nothing_and_says_so():
    init("--name", NAME, "--org-code", CODE.lower())
    before = (tree(), grants(), list(Organ.objects.values_list("name", "index_prefix")), Column.objects.count(),
              Domain.objects.count(), list(Site.objects.values_list("hostname", "site_name", "root_page_id")))
    output = init("--name", NAME, "--org-code", CODE)
    after = (tree(), grants(), list(Organ.objects.values_list("name", "index_prefix")), Column.objects.count(),
             Domain.objects.count(), list(Site.objects.values_list("hostname", "site_name", "root_page_id")))
    assert after == before
    assert "未作更改" in output


def test_a_different_name_renames_the_site_and_its_organ():
    init("--name", NAME, "--org-code", CODE)
    pages = Page.objects.count()
    output = init("--name", "湘江新区管委会", "--org-code", CODE)
    assert "站点名称由“湘江新区管理委员会”改为“湘江新区管委会”" in output
    site = Site.objects.get(is_default_site=True)
    assert site.site_name == "湘江新区管委会" and site.root_page.title == "湘江新区管委会"
    assert Page.objects.count() == pages
    assert list(Organ.objects.filter(index_prefix=CODE).values_list("name", flat=True)) == ["湘江新区管委会"]
    assert SiteIdentity.for_site(site).sponsor == "湘江新区管委会"


def test_hostname_sets_the_site(client):
    init("--name", NAME, "--org-code", CODE, "--hostname", "www.xjxq.gov.cn")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("www.xjxq.gov.cn", 80)
    response = client.get("/zfxxgk/", HTTP_HOST="www.xjxq.gov.cn")
    assert response.status_code == 200 and "政府信息公开指南" in response.content.decode()


@pytest.mark.parametrize(("code", "message"), [
    (CODE[:17] + "4", "统一社会信用代码校验码错误：第18位应为 3，实为 4"),
    ("12430100MB1A2B3C", "统一社会信用代码应为18位"),
    ("12430100MB1A2B3CI3", "不允许的字符：I"),
])
def test_a_bad_org_code_exits_1_with_a_chinese_message_and_makes_nothing(code, message):
    pages = Page.objects.count()
    with pytest.raises(CommandError) as refused:  # manage.py prints it on stderr and exits with its returncode
        call_command("init_site", "--name", NAME, "--org-code", code, stdout=StringIO())
    assert refused.value.returncode == 1
    assert message in str(refused.value)
    assert Page.objects.count() == pages and not HomePage.objects.exists() and not Organ.objects.exists()
