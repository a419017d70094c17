"""A blocked document has a way forward in the browser. The officer finds it from the home's 禁止公开，待审查
figure, opens it, uploads a 脱敏 new version that goes through the gate again, and publishes it; the site
administrator (who holds 保密审查) records a review with reviewer, date and conclusion, and the document can then be
published. The outcome shows on the inbox and on the document's own page; axe-core finds no serious violation on
the pages used."""
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.importers import import_fixture
from tests.factories.reviews import desensitised

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECRET = "10_secret_notice.txt"


def sign_in(journey, username):
    page = journey.page
    journey.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("gongkai-demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))


def inspect_path(doc):
    return reverse("wagtailsnippets_importers_importeddocument:inspect", args=[doc.pk])


def row_of(page, doc):
    """The inbox row of this document (found by its own link, whatever else the inbox holds)."""
    return page.locator("tbody tr").filter(has=page.locator(f'a[href="{inspect_path(doc)}"]'))


def test_the_officer_replaces_a_secret_document_by_a_desensitised_version_and_publishes_it(journey, tmp_path):
    old = import_fixture(SECRET)
    assert old.submission.status == "blocked"
    page = journey.page
    sign_in(journey, "officer")
    figure = page.locator("#officer-work li").filter(has_text="禁止公开，待审查")
    assert int(figure.locator("strong").inner_text()) >= 1
    figure.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/admin/inbox/\?status=blocked"))
    row = row_of(page, old)
    assert "已阻止·待审查" in row.inner_text() and "秘密" in row.inner_text()
    assert "剩余" not in row.inner_text() and row.get_by_role("button", name="一键公开").count() == 0
    journey.shot("blocked-in-inbox")
    journey.axe("officer inbox, blocked documents")

    row.get_by_role("link", name=old.title).click()
    page.wait_for_url(re.compile(re.escape(inspect_path(old))))
    assert old.title in page.locator("main").inner_text()
    journey.shot("blocked-document")
    journey.axe("blocked document")
    page.go_back()

    row = row_of(page, old)
    upload = desensitised(SECRET, drop=("秘密★1年",))
    path = tmp_path / upload.name
    path.write_bytes(upload.read())
    row.locator("summary", has_text="上传脱敏后的新版本").click()
    row.locator(f"#file-{old.pk}").set_input_files(str(path))
    row.locator(f"#version-reason-{old.pk}").fill("已脱敏：删除密级标志")
    journey.axe("officer inbox, new-version form open")
    row.get_by_role("button", name="上传并重新检查").click()
    page.wait_for_url(re.compile(r"/admin/inbox/"))
    assert page.get_by_text(re.compile(r"第2版已导入并重新检查，可以公开")).is_visible()

    from importers.models import ImportedDocument

    new = ImportedDocument.objects.exclude(pk=old.pk).get(title=old.title)
    row = row_of(page, new)
    assert "第2版" in row.inner_text() and "取代第1版：已脱敏：删除密级标志" in row.inner_text()
    journey.shot("desensitised-version-ready")
    row.get_by_role("button", name="一键公开").click()
    page.wait_for_url(re.compile(r"/admin/inbox/"))
    assert page.get_by_text(re.compile(f"《{re.escape(old.title)}》已公开")).is_visible()

    from cms.policies.models import PolicyDocumentPage

    live = PolicyDocumentPage.objects.get(source_key=old.submission.source_key)
    assert live.source_version == 2
    journey.goto(live.url)
    assert page.locator("h1").inner_text() == old.title and "秘密★1年" not in page.locator("main").inner_text()
    journey.shot("published-desensitised")


def test_the_site_administrator_records_a_secrecy_review_and_the_document_can_go_live(journey):
    doc = import_fixture("01_tongzhi_basic.docx", oa_meta={"id": "OA-BROWSER-REVIEW", "version": 1, "disclosure": "依申请公开"})
    assert doc.submission.status == "blocked"
    page = journey.page
    sign_in(journey, "siteadmin")
    journey.goto("/admin/inbox/?status=blocked")
    row = row_of(page, doc)
    assert "已阻止·待审查" in row.inner_text()
    row.locator("summary", has_text="保密审查").click()
    row.get_by_label("审查结论").select_option("同意公开")
    today = timezone.localdate()
    row.get_by_label("审查日期").fill(f"{today:%Y-%m-%d}")
    row.locator(f"#review-reason-{doc.pk}").fill("拟稿时公开属性误标为依申请公开，经审查应主动公开")
    journey.shot("review-form")
    journey.axe("site admin inbox, review form open")
    row.get_by_role("button", name="记录审查结论").click()
    page.wait_for_url(re.compile(r"/admin/inbox/"))
    assert page.get_by_text("已记录保密审查结论“同意公开”").is_visible()

    row = row_of(page, doc)
    text = row.inner_text()
    assert "保密审查：同意公开" in text and f"{today:%Y-%m-%d}" in text and "经审查应主动公开" in text
    assert "已阻止" not in text and row.get_by_role("button", name="一键公开").count() == 1
    journey.shot("reviewed")

    journey.goto(inspect_path(doc))
    main = page.locator("main").inner_text()
    assert "保密审查" in main and "同意公开" in main and "经审查应主动公开" in main
    journey.shot("reviewed-document")
    journey.axe("reviewed document")
