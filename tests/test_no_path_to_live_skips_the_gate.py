"""Every path to live passes one gate (docs/adr/0001-publication-gate.md). Tried as a hostile or careless officer or
editor would, with each kind of forbidden content — a secrecy marking, a 不予公开 or 依申请公开 附注, an unmasked ID,
mobile or bank-card number — through one-click, bulk, automatic and scheduled publication, the Wagtail editor and
Wagtail's own publish actions, the loaders, the guide list, the catalogue (items and entries, admin and Excel), OA
interpretation files and new OA versions: nothing is published, and each refusal states its reason."""
import hashlib
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.guides.models import ServiceGuidePage
from cms.policies.models import PolicyDocumentPage, PolicyLibraryPage
from cms.policies.services import publish_due_scheduled, upsert_policy
from cms.site import roles
from importers.content_loader import load_lines
from importers.models import ImportedDocument
from importers.services import import_file
from openness_catalog.models import CatalogueItem, Entry
from openness_catalog.services import publish_entry
from publishing import services, submissions
from publishing.gate import PublishRefused
from publishing.models import Organ, PublicationRecord, SensitiveWord
from tests.artifacts_log import current_test, record
from tests.factories import catalogue as cat
from tests.factories.accounts import PASSWORD, make_user
from tests.factories.guides import guide_obj, guide_site
from tests.factories.importers import publish_document
from cms.site.skeleton import default_home

pytestmark = pytest.mark.django_db

ID_NUMBER = "430102199001011238"  # valid GB 11643 check digit
MOBILE = "13812345678"
BANK_CARD = "6222020200112233446"  # passes Luhn

# kind -> (a line of forbidden content, a phrase the refusal must contain)
FORBIDDEN = {
    "secrecy": ("秘密★1年", "密级"),
    "not_disclosed": ("（此件不予公开）", "不予公开"),
    "on_request": ("（此件依申请公开）", "依申请公开"),
    "id_number": (f"申请人王某，身份证号{ID_NUMBER}。", "身份证号码"),
    "mobile": (f"联系人手机{MOBILE}。", "手机号码"),
    "bank_card": (f"补贴发放至银行卡{BANK_CARD}。", "银行卡号"),
}
KINDS = list(FORBIDDEN)
MARKERS = ["秘密★1年", "此件不予公开", "此件依申请公开", ID_NUMBER, MOBILE, BANK_CARD]


def public_text():
    """Everything the public can see, as one text: live pages' text fields, published entries, catalogue items."""
    parts = []
    for page in Page.objects.live().specific():
        for field in type(page)._meta.concrete_fields:
            value = field.value_from_object(page)
            if isinstance(value, str):
                parts.append(value)
        for material in getattr(page, "materials", None).all() if hasattr(page, "materials") else []:
            parts.append(material.name)
    for entry in Entry.objects.filter(status=Entry.PUBLISHED):
        parts += [entry.title, entry.body]
    for item in CatalogueItem.objects.all():
        parts += [item.level1, item.level2, item.content, item.basis, item.subject]
    return "\n".join(parts)


def assert_nothing_forbidden_is_public():
    text = public_text()
    found = [m for m in MARKERS if m in text]
    record(current_test(), {"forbidden_markers_public": len(found)}, artifact="gate")
    assert not found


def assert_refused(reasons, kind):
    phrase = FORBIDDEN[kind][1]
    assert any(phrase in r for r in reasons), (kind, reasons)


@pytest.fixture
def site():
    home, index = guide_site()
    library = PolicyLibraryPage.objects.descendant_of(default_home()).first()
    if library is None:
        library = services.add_draft(home, PolicyLibraryPage(title="政策文件库", slug="zcwjk"))
        services.publish(library, mode="demo")
    return home, library, index


@pytest.fixture
def officer(client, site):
    user = make_user("gate-officer", roles.OFFICER)
    client.login(username="gate-officer", password=PASSWORD)
    return user


@pytest.fixture
def superuser(client, site, django_user_model):
    user = django_user_model.objects.create_superuser("gate-admin", "gate-admin@example.gov.cn", PASSWORD)
    client.login(username="gate-admin", password=PASSWORD)
    return user


def notice(tmp_path, kind, number=1, formed_on=None):
    """A GB/T 9704-style notice with one forbidden line (the 附注 kinds replace its disclosure note); kind "clean"
    has none."""
    line = FORBIDDEN[kind][0] if kind != "clean" else ""
    formed_on = formed_on or timezone.localdate() - timedelta(days=3)
    note = line if kind in ("not_disclosed", "on_request") else "（此件公开发布）"
    body_line = "" if kind in ("not_disclosed", "on_request") else line
    text = (
        f"长沙市人民政府办公厅文件\n长政办发〔{formed_on.year}〕{number}号\n"
        f"长沙市人民政府办公厅关于做好第{number}批政务服务事项公开工作的通知\n"
        "各区县（市）人民政府，市直机关各单位：\n"
        "　　为进一步做好政务服务事项公开工作，现将有关事项通知如下。\n"
        f"{body_line}\n"
        "　　一、及时公开办事指南。\n"
        f"长沙市人民政府办公厅\n{formed_on.year}年{formed_on.month}月{formed_on.day}日\n{note}\n"
    )
    path = tmp_path / f"notice-{kind}-{number}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def imported(tmp_path, kind, **kwargs):
    return import_file(notice(tmp_path, kind), source=kwargs.pop("source", "upload"), **kwargs).document


# ------------------------------------------------------------------------------------------------ documents


@pytest.mark.parametrize("kind", KINDS)
def test_one_click_in_the_inbox(client, officer, tmp_path, kind):
    doc = imported(tmp_path, kind)
    response = client.post(reverse("publishing_publish_one", args=[doc.pk]), follow=True)
    html = response.content.decode()
    assert "未公开" in html and FORBIDDEN[kind][1] in html
    assert not PolicyDocumentPage.objects.exists() and not PublicationRecord.objects.exists()
    assert_nothing_forbidden_is_public()


def test_bulk_publication_in_the_inbox(client, officer, tmp_path):
    docs = [imported(tmp_path, kind) for kind in KINDS]
    response = client.post(reverse("publishing_publish_bulk"), {"ids": [d.pk for d in docs]}, follow=True)
    html = response.content.decode()
    assert html.count("未公开 ") == len(KINDS)
    for kind in KINDS:
        assert FORBIDDEN[kind][1] in html
    assert not PolicyDocumentPage.objects.exists()
    assert_nothing_forbidden_is_public()


@pytest.mark.parametrize("kind", KINDS)
def test_automatic_mode_on_arrival_from_the_oa_system(site, tmp_path, kind):
    Organ.objects.update_or_create(name="长沙市人民政府办公厅", defaults={"auto_publish": True})
    doc = imported(tmp_path, kind, source="oa", oa_meta={"id": f"OA-{kind}", "version": 1, "disclosure": "主动公开"})
    doc.refresh_from_db()
    assert doc.status == "blocked"
    assert_refused(submissions.refusals(doc.submission), kind)
    assert not PolicyDocumentPage.objects.exists()
    assert_nothing_forbidden_is_public()


@pytest.mark.parametrize("kind", KINDS)
def test_scheduling_is_refused_and_a_scheduled_document_is_checked_again_when_its_time_comes(site, tmp_path, kind, django_user_model):
    by = make_user("scheduler", roles.OFFICER)
    doc = imported(tmp_path, kind)
    with pytest.raises(PublishRefused) as refused:
        submissions.schedule(doc.submission, timezone.now() + timedelta(hours=1), by)
    assert_refused(refused.value.reasons, kind)
    # A clean document scheduled, then a word added to the dictionary as 禁止发布: checked again at its time.
    sub = import_file(notice(tmp_path, "clean", number=2), source="upload").document.submission
    assert sub.status == "ready"
    when = timezone.now() + timedelta(minutes=5)
    submissions.schedule(sub, when, by)
    SensitiveWord.objects.create(word="政务服务事项", severity="block")
    assert publish_due_scheduled(now=when + timedelta(seconds=1)) == (0, 1)
    sub.refresh_from_db()
    assert sub.status == "blocked" and sub.scheduled_at is None
    assert not PolicyDocumentPage.objects.exists()


def test_a_blocked_documents_stored_check_results_cannot_be_edited(client, officer, superuser, tmp_path):
    doc = imported(tmp_path, "secrecy")
    client.login(username="gate-admin", password=PASSWORD)  # not even a superuser
    edit = client.get(reverse("wagtailsnippets_importers_importeddocument:edit", args=[doc.pk]))
    assert edit.status_code in (302, 403)
    posted = client.post(reverse("wagtailsnippets_importers_importeddocument:edit", args=[doc.pk]),
                         {"checks": "[]", "status": "ready", "body_html": "<p>干净的正文</p>"})
    assert posted.status_code in (302, 403)
    doc.refresh_from_db()
    assert any(c["code"] == "secrecy_marking" for c in doc.checks)
    # and the stored results are not what decides: the gate reads the submission's text at publication
    ImportedDocument.objects.filter(pk=doc.pk).update(checks=[])
    with pytest.raises(PublishRefused) as refused:
        publish_document(doc)
    assert_refused(refused.value.reasons, "secrecy")


@pytest.mark.parametrize("kind", ["secrecy", "id_number"])
def test_an_interpretation_file_is_checked_with_its_document_in_automatic_mode_too(site, tmp_path, kind):
    Organ.objects.update_or_create(name="长沙市人民政府办公厅", defaults={"auto_publish": True})
    main = notice(tmp_path, "clean", number=3)
    interpretation = tmp_path / "jd.txt"
    interpretation.write_text(f"关于《通知》的政策解读\n一、起草背景\n{FORBIDDEN[kind][0]}\n二、主要内容\n", encoding="utf-8")
    extra = [{"path": str(interpretation), "name": "jd.txt", "role": "interpretation",
              "sha256": hashlib.sha256(interpretation.read_bytes()).hexdigest()}]
    doc = import_file(main, source="oa", oa_meta={"id": "OA-JD", "version": 1, "disclosure": "主动公开"}, extra_files=extra).document
    doc.refresh_from_db()
    assert doc.status == "blocked"
    assert_refused(submissions.refusals(doc.submission), kind)
    with pytest.raises(PublishRefused):
        publish_document(doc)
    assert not Page.objects.filter(live=True, title__contains="解读").exists()
    assert_nothing_forbidden_is_public()


@pytest.mark.parametrize("kind", KINDS)
def test_a_new_oa_version_of_a_live_policy(site, tmp_path, kind):
    v1 = import_file(notice(tmp_path, "clean", number=4), source="oa", oa_meta={"id": "OA-V", "version": 1, "disclosure": "主动公开"}).document
    page = publish_document(v1)
    v2 = import_file(notice(tmp_path, kind, number=4), source="oa",
                     oa_meta={"id": "OA-V", "version": 2, "disclosure": "主动公开",
                              "approved_at": timezone.now().isoformat()}).document
    with pytest.raises(PublishRefused) as refused:
        publish_document(v2)
    assert_refused(refused.value.reasons, kind)
    page.refresh_from_db()
    assert page.live and page.source_version == 1
    assert_nothing_forbidden_is_public()


# ------------------------------------------------------------------------------------------------ the editor


def policy_form(library, body_html, action="action-publish", title="编辑器直接创建的政策文件", slug="bianji"):
    return nested_form_data({
        "title": title, "slug": slug, "doc_number": "", "formed_on": "2024-03-05", "doc_type": "通知", "keywords": "",
        "disclosure": "主动公开", "validity": "有效", "body": rich_text(body_html), "comments": inline_formset([]),
        action: "1",
    })


@pytest.mark.parametrize("kind", KINDS)
def test_the_wagtail_editor_cannot_create_and_publish(client, superuser, site, kind):
    _, library, _ = site
    url = reverse("wagtailadmin_pages:add", args=["policies", "policydocumentpage", library.pk])
    response = client.post(url, policy_form(library, f"<p>正文第一段。</p><p>{FORBIDDEN[kind][0]}</p>"))
    assert response.status_code == 200  # the form comes back with the reasons, nothing lost
    html = response.content.decode()
    assert "不能发布" in html and FORBIDDEN[kind][1] in html
    assert not PolicyDocumentPage.objects.filter(live=True).exists()
    assert_nothing_forbidden_is_public()


@pytest.mark.parametrize("kind", KINDS)
def test_the_wagtail_editor_cannot_publish_a_change_to_a_live_policy(client, superuser, site, kind):
    _, library, _ = site
    page, _ = upsert_policy(
        title="已公开的政策文件", issuers=["长沙市人民政府"], formed_on=date(2024, 3, 5), body_html="<p>干净的正文。</p>")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = policy_form(library, f"<p>干净的正文。</p><p>{FORBIDDEN[kind][0]}</p>", title=page.title, slug=page.slug)
    response = client.post(url, data)
    assert response.status_code == 200 and "不能发布" in response.content.decode()
    page.refresh_from_db()
    assert page.live and FORBIDDEN[kind][0] not in page.body
    assert_nothing_forbidden_is_public()


@pytest.mark.parametrize("kind", KINDS)
def test_wagtails_own_publish_actions_are_refused_by_the_backstop(client, superuser, site, kind):
    """A draft saved by an editor (allowed: drafts are not public) cannot go live by revision.publish() — the call
    Wagtail's workflow approval, scheduled go-live and revert make — nor by the page listing's bulk 发布."""
    _, library, _ = site
    url = reverse("wagtailadmin_pages:add", args=["policies", "policydocumentpage", library.pk])
    client.post(url, policy_form(library, f"<p>{FORBIDDEN[kind][0]}</p>", action="action-draft", slug=f"draft-{kind}"))
    page = PolicyDocumentPage.objects.get(slug=f"draft-{kind}")
    assert not page.live
    with pytest.raises(PublishRefused) as refused:
        page.get_latest_revision().publish()
    assert_refused(refused.value.reasons, kind)
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}&next=/admin/"
    response = client.post(bulk, {"include_descendants": ""}, follow=True)
    assert "未发布" in response.content.decode()
    page.refresh_from_db()
    assert not page.live
    assert_nothing_forbidden_is_public()


# ------------------------------------------------------------------------------------------------ loaders


def policy_line(kind, n=1):
    return {"kind": "policy", "title": f"加载的政策文件{n}", "doc_number": f"长政办发〔2024〕{50 + n}号", "issuers": ["长沙市人民政府办公厅"],
            "formed_on": "2024-03-05", "published_on": "2024-03-08", "body": f"正文第一段。\n{FORBIDDEN[kind][0]}"}


def guide_line(kind, n=1):
    return guide_obj(code=f"430100-GA-GG-{9000 + n:04d}", name=f"加载的办事指南{n}", conditions=f"本市居民。\n{FORBIDDEN[kind][0]}")


def entry_line(kind, n=1):
    return {"kind": "catalogue_entry", "column": "芙蓉区", "domain": "就业", "item": "就业创业政策", "title": f"加载的公开信息{n}",
            "published_on": "2024-05-06", "body": f"正文。\n{FORBIDDEN[kind][0]}"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("make_line", [policy_line, guide_line, entry_line], ids=["policy", "guide", "catalogue_entry"])
def test_load_content_lines(site, kind, make_line):
    cat.column()
    cat.domain()
    report = load_lines([json.dumps(make_line(kind), ensure_ascii=False)])
    assert len(report.errors) == 1 and not report.loaded
    assert_refused([report.errors[0][1]], kind)
    assert_nothing_forbidden_is_public()


def test_load_content_command_exits_1_and_loads_the_good_lines(site, tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [policy_line("secrecy", 1), guide_obj(code="430100-GA-GG-8001", name="干净的办事指南"), guide_line("mobile", 2)]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        call_command("load_content", str(path))
    assert exited.value.code == 1
    assert ServiceGuidePage.objects.filter(code="430100-GA-GG-8001", live=True).exists()
    assert_nothing_forbidden_is_public()


def test_a_bundles_own_text_is_checked_too(site):
    load_lines([json.dumps(guide_obj(code="430100-GA-GG-7001"), ensure_ascii=False)])
    bundle = {"kind": "bundle", "code": "YJS-GATE", "name": "测试一件事", "guides": ["430100-GA-GG-7001"],
              "intro": f"咨询联系人手机{MOBILE}"}
    report = load_lines([json.dumps(bundle, ensure_ascii=False)])
    assert len(report.errors) == 1 and "手机号码" in report.errors[0][1]
    assert_nothing_forbidden_is_public()


@pytest.mark.parametrize("kind", KINDS)
def test_the_guide_list_in_excel(client, superuser, tmp_path, kind):
    from tests.factories.guides import excel_row, guide_workbook

    path = guide_workbook(tmp_path / "list.xlsx", [excel_row("430100-GA-GG-6001", "表格导入的办事指南", 受理条件=FORBIDDEN[kind][0])])
    with open(path, "rb") as fh:
        response = client.post("/admin/guides/import/", {"file": fh})
    html = response.content.decode()
    assert "第2行" in html and FORBIDDEN[kind][1] in html
    assert not ServiceGuidePage.objects.filter(code="430100-GA-GG-6001").exists()
    assert_nothing_forbidden_is_public()


# ------------------------------------------------------------------------------------------------ catalogue


@pytest.mark.parametrize("kind", KINDS)
def test_catalogue_entry_publication(site, kind):
    entry = cat.draft_entry(body=f"正文。\n{FORBIDDEN[kind][0]}")
    with pytest.raises(PublishRefused) as refused:
        publish_entry(entry)
    assert_refused(refused.value.reasons, kind)
    entry.refresh_from_db()
    assert entry.status == Entry.DRAFT
    assert_nothing_forbidden_is_public()


@pytest.mark.parametrize("kind", KINDS)
def test_editing_a_published_catalogue_entry_in_the_admin(client, superuser, kind):
    entry = cat.draft_entry()
    publish_entry(entry)
    url = reverse("wagtailsnippets_openness_catalog_entry:edit", args=[entry.pk])
    response = client.post(url, {"item": entry.item_id, "title": entry.title, "body": f"正文。\n{FORBIDDEN[kind][0]}",
                                 "formed_on": entry.formed_on.isoformat(), "unit": entry.unit})
    assert response.status_code == 200 and FORBIDDEN[kind][1] in response.content.decode()
    entry.refresh_from_db()
    assert FORBIDDEN[kind][0] not in entry.body
    # and saving it by other means is refused by the backstop
    entry.body = f"正文。\n{FORBIDDEN[kind][0]}"
    with pytest.raises(PublishRefused):
        entry.save()
    assert_nothing_forbidden_is_public()


@pytest.mark.parametrize("kind", KINDS)
def test_catalogue_items_in_the_admin_and_in_code(client, superuser, kind):
    column, domain = cat.column(), cat.domain()
    url = reverse("wagtailsnippets_openness_catalog_catalogueitem:add")
    response = client.post(url, {"column": column.pk, "domain": domain.pk, "serial": 1, "level1": "就业创业政策", "level2": "",
                                 "content": f"政策文件。\n{FORBIDDEN[kind][0]}", "basis": "",
                                 "time_limit_text": "信息形成（变更）之日起20个工作日内", "subject": "芙蓉区人力资源和社会保障局",
                                 "channels": "政府网站", "levels": "县级",
                                 "audience": "全社会", "mode": "主动"})
    assert response.status_code == 200 and FORBIDDEN[kind][1] in response.content.decode()
    assert not CatalogueItem.objects.exists()
    with pytest.raises(PublishRefused):
        CatalogueItem.objects.create(column=column, domain=domain, level1="就业", content=FORBIDDEN[kind][0])
    assert_nothing_forbidden_is_public()


@pytest.mark.parametrize("kind", KINDS)
def test_catalogue_items_in_excel(site, tmp_path, kind):
    from openpyxl import Workbook

    from openness_catalog import excel, standard

    cat.column()
    cat.domain()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(standard.EXCEL_HEADERS)
    row = dict.fromkeys(standard.EXCEL_HEADERS, "")
    row.update({"栏目": "芙蓉区", "领域": "就业", "一级事项": "就业创业政策", "公开内容（要素）": FORBIDDEN[kind][0],
                "公开时限": "信息形成（变更）之日起20个工作日内", "公开主体": "芙蓉区人力资源和社会保障局", "公开渠道和载体": "政府网站",
                "公开对象": "全社会", "公开方式": "主动", "公开层级": "县级"})
    sheet.append([row[h] for h in standard.EXCEL_HEADERS])
    path = tmp_path / "catalogue.xlsx"
    workbook.save(path)
    with open(path, "rb") as fh:
        report = excel.import_workbook(fh)
    assert report.errors and report.errors[0][0] == 2
    assert_refused([report.errors[0][1]], kind)
    assert not CatalogueItem.objects.exists()


# ------------------------------------------------------------------------------------------------ documents


@pytest.mark.parametrize("kind", KINDS)
def test_an_uploaded_document_is_read_before_it_is_served(client, superuser, kind):
    """Wagtail serves every document at /documents/<id>/<name> once it is saved (unless its collection is private)."""
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    Document = get_document_model()
    text = f"附件：申请人名单\n{FORBIDDEN[kind][0]}\n".encode("utf-8")
    response = client.post(reverse("wagtaildocs:add"), {
        "title": "附件名单", "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile("mingdan.txt", text, content_type="text/plain"),
    })
    assert response.status_code == 200 and FORBIDDEN[kind][1] in response.content.decode()
    assert not Document.objects.exists()
    document = Document(title="附件名单", collection=Collection.get_first_root_node())
    document.file.save("mingdan.txt", ContentFile(text), save=False)
    with pytest.raises(PublishRefused):
        document.save()
    assert not Document.objects.exists()


def test_a_clean_document_uploads(client, superuser):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    response = client.post(reverse("wagtaildocs:add"), {
        "title": "办事指南表格", "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile("biaoge.txt", "申请表\n咨询电话：0731-88888888\n".encode("utf-8"), content_type="text/plain"),
    })
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="办事指南表格").exists()
