"""With the page cache off, every change an editor or a script makes shows on the very next request, though rendered
fragments and site facts are kept between requests (portal.site_facts, portal.cache.content_version) and routing
finds a page in one query (cms.site.models.HomePage.route)."""
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncached(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def policy(demo):
    from cms.policies.models import PolicyDocumentPage

    return PolicyDocumentPage.objects.live().order_by("pk").first()


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_renamed_column_shows_in_breadcrumbs_and_metadata(client, uncached, policy):
    library = policy.get_parent().specific
    assert library.title in html(client, policy.url)
    library.title = "规范性文件库"
    library.save_revision().publish()
    page = html(client, policy.url)
    assert '<a href="/zfxxgk/zcwjk/">规范性文件库</a>' in page
    assert '<meta name="ColumnName" content="规范性文件库">' in page
    # a rename by a script (no publish) shows too
    library.title = "政策文件"
    library.save()
    assert '<a href="/zfxxgk/zcwjk/">政策文件</a>' in html(client, policy.url)


def test_a_policy_changed_by_a_script_shows_at_once(client, uncached, policy):
    """Rendered fragments of a policy page are kept between requests; a save outside any publication still shows."""
    html(client, policy.url)
    policy.title = "脚本改过标题的政策文件"
    policy.save()
    page = html(client, policy.url)
    assert "<h1" in page and "脚本改过标题的政策文件" in page.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert '<meta name="ArticleTitle" content="脚本改过标题的政策文件">' in page


def test_a_view_restriction_applies_at_once(client, uncached, policy):
    from wagtail.models import PageViewRestriction

    html(client, policy.url)
    restriction = PageViewRestriction.objects.create(page=policy.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    response = client.get(policy.url)
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    html(client, policy.url)


def test_a_new_slug_serves_the_new_address_and_not_the_old(client, uncached, policy):
    old_url = policy.url
    html(client, old_url)
    policy.slug = "renamed-policy"
    policy.save_revision().publish()
    policy.refresh_from_db()
    assert policy.url.endswith("/renamed-policy/")
    assert policy.title in html(client, policy.url)
    assert client.get(old_url).status_code == 404


def test_unpublished_policy_is_gone_and_republished_is_back(client, uncached, policy):
    html(client, policy.url)
    policy.unpublish()
    assert client.get(policy.url).status_code == 404
    policy.save_revision().publish()
    html(client, policy.url)


def test_a_live_page_under_an_unpublished_column_is_not_served(client, uncached, policy):
    """Wagtail lets an editor unpublish a column without its descendants; they stay unreachable, as in Wagtail's walk."""
    library = policy.get_parent().specific
    library.unpublish()
    policy.refresh_from_db()
    assert policy.live
    assert client.get(policy.url).status_code == 404
    library.save_revision().publish()
    assert policy.title in html(client, policy.url)


def test_renamed_topic_and_footer_show_at_once(client, uncached, policy, demo):
    from wagtail.models import Site

    from cms.policies.models import Topic
    from cms.site.models import SiteIdentity

    assert policy.topic_id, "demo policies carry a 主题分类"
    html(client, policy.url)
    topic = Topic.objects.get(pk=policy.topic_id)
    topic.name = "营商环境（新）"
    topic.save()
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.contact = "0731-12345678"
    identity.save()
    page = html(client, policy.url)
    assert "营商环境（新）" in page
    assert "0731-12345678" in page


def test_a_page_added_without_publishing_is_served_once_live(client, uncached, policy):
    """An import or a script may add a live page directly; a miss is never remembered."""
    from cms.policies.models import PolicyDocumentPage

    library = policy.get_parent()
    url = library.url + "added-by-script/"
    assert client.get(url).status_code == 404
    library.add_child(instance=PolicyDocumentPage(title="脚本添加的文件", slug="added-by-script", live=True))
    assert "脚本添加的文件" in html(client, url)


def test_home_and_section_cards_and_latest_policies_follow_publishing(client, uncached, policy):
    from cms.site.models import SectionPage

    home = policy.get_site().root_page
    section = SectionPage.objects.live().child_of(home).order_by("path").first()
    assert f'<a href="{section.url}">{section.title}</a>' in html(client, "/")
    new_section = SectionPage(title="新开栏目", slug="xklm")
    home.add_child(instance=new_section)
    new_section.save_revision().publish()
    assert '<a href="/xklm/">新开栏目</a>' in html(client, "/")
    sub = SectionPage(title="下级栏目甲", slug="xjlm")
    new_section.add_child(instance=sub)
    sub.save_revision().publish()
    assert '<a href="/xklm/xjlm/">下级栏目甲</a>' in html(client, "/xklm/")
    sub.unpublish()
    assert "下级栏目甲" not in html(client, "/xklm/")
    new_section.unpublish()
    assert "新开栏目" not in html(client, "/")
    # 最新政策文件 shows the newest policy as it is now, and not once it is unpublished
    from cms.policies.models import PolicyDocumentPage

    newest = PolicyDocumentPage.objects.live().order_by("-published_at", "-first_published_at", "-id").first()
    newest.title = "改过标题的最新政策文件"
    newest.save_revision().publish()
    page = html(client, "/")
    latest = page[page.index('<h2 id="latest-h">'):]
    assert f'<a href="{newest.url}">改过标题的最新政策文件</a>' in latest[: latest.index("</ul>")]
    newest.unpublish()
    assert "改过标题的最新政策文件" not in html(client, "/")


def test_header_marks_the_current_section_and_the_visitors_modes(client, uncached, policy):
    """The remembered header still differs per section and per 适老化 mode."""
    home = html(client, "/")
    assert '<a href="/" aria-current="page">首页</a>' in home
    library = html(client, "/zfxxgk/zcwjk/")
    assert '<a href="/zfxxgk/zcwjk/" aria-current="page">政策文件库</a>' in library
    assert '<a href="/" aria-current' not in library
    assert '<a href="/zfxxgk/zcwjk/" aria-current="true">政策文件库</a>' in html(client, policy.url)
    assert 'data-a11y="large" aria-pressed="false"' in html(client, policy.url)
    client.cookies["gk_a11y"] = "large"
    assert 'data-a11y="large" aria-pressed="true"' in html(client, policy.url)
    client.cookies["gk_a11y"] = ""
    assert 'data-a11y="large" aria-pressed="false"' in html(client, policy.url)
