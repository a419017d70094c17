"""Content exchange (design §2.7): JSON lines of guides, bundles, policies and catalogue entries.

This module reads and validates lines; the content apps' services write them, and every line goes live through the
publication gate (publishing.services.publish) like a one-click publication. A bad line — malformed, or refused by
the gate — is reported with its number and skipped; the other lines still load. Loading is idempotent: guides and
bundles on `code`, policies on 发文字号 (or title), entries on (item, title, published_on).

HTML bodies pass the one allow-list (publishing.html) before anything is stored. A `published_on` may not lie in the
future or before the policy's `formed_on`: the line is refused.

The whole load is one bulk publication (publishing.events.bulk): search indexing and page-cache purges happen once
at the end, in batches.
"""
import html
import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from treebeard.exceptions import PathOverflow
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.guides.guide_elements import LIFE_EVENTS, MATERIAL_FORMS, faq_text
from cms.guides.item_codes import InvalidItemCode, parse_item_code, type_contradiction
from cms.guides.models import SERVICE_OBJECT_CHOICES, ServiceGuidePage
from cms.guides.services import create_guides, upsert_bundle, upsert_guide
from cms.guides.tongban import parse as parse_tongban
from cms.policies.models import VALIDITY_CHOICES
from cms.policies.services import upsert_policy
from openness_catalog.services import load_entry
from publishing import events
from publishing.gate import PublishRefused, one_dictionary
from publishing.html import sanitise_html
from search import outbox, vocabulary


class LineError(Exception):
    pass


@dataclass
class LoadReport:
    loaded: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # [(line number, message)]: loaded, but please check
    outcomes: dict = field(default_factory=dict)  # "created" | "updated" | "unchanged" → count

    def count(self, kind, outcome=None):
        self.loaded[kind] = self.loaded.get(kind, 0) + 1
        if outcome:
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def validation_message(exc):
    """A Django ValidationError as one Chinese line: “字段：消息；…”."""
    if hasattr(exc, "message_dict"):
        return "；".join(f"{'' if k == '__all__' else k + '：'}{'、'.join(v)}" for k, v in exc.message_dict.items())
    return "；".join(exc.messages)


def _req(obj, key, kind=str):
    value = obj.get(key)
    if value in (None, "") or not isinstance(value, kind):
        raise LineError(f"缺少或无效的字段“{key}”")
    return value


def _date(value, key):
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise LineError(f"字段“{key}”不是有效日期（应为 YYYY-MM-DD）：{value}") from exc


def _published_on(obj, formed_on=None):
    """The day the source already published it: never in the future (the system stamps publications as they happen,
    nobody pre-dates one) and never before the document was formed."""
    published_on = _date(obj.get("published_on"), "published_on")
    if published_on is None:
        return None
    today = timezone.localdate()
    if published_on > today:
        raise LineError(f"发布日期晚于今天：published_on 为 {published_on:%Y-%m-%d}（今天是 {today:%Y-%m-%d}），"
                        "发布日期由系统在公开时记录，不能预先填写")
    if formed_on and published_on < formed_on:
        raise LineError(f"发布日期早于成文日期：published_on 为 {published_on:%Y-%m-%d}，formed_on 为 {formed_on:%Y-%m-%d}，"
                        "文件不能在成文之前发布")
    return published_on


def _body(obj):
    body = obj.get("body")
    if body is None:
        return ""
    if not isinstance(body, str):
        raise LineError("字段“body”应为文本")
    return body


def _int(obj, key):
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LineError(f"字段“{key}”应为非负整数：{value}")
    return value


def _text(obj, key, max_length=None, label=None):
    """An optional string field: a list of strings is joined one per line; numbers are accepted as text."""
    value = obj.get(key)
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n".join(v.strip() for v in value if v.strip())
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise LineError(f"字段“{key}”应为文本")
    value = value.strip()
    if max_length and len(value) > max_length:
        raise LineError(f"字段“{key}”{('（' + label + '）') if label else ''}过长：最多 {max_length} 个字符，实际 {len(value)} 个")
    return value


def _bool(value, key, default):
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip() in ("是", "需要", "可以", "true", "True", "1", "Y", "y"):
        return True
    if isinstance(value, str) and value.strip() in ("否", "不需要", "不可以", "false", "False", "0", "N", "n"):
        return False
    raise LineError(f"字段“{key}”应为 是/否：{value}")


def _materials(obj):
    raw = obj.get("materials") or []
    if not isinstance(raw, list):
        raise LineError("字段“materials”应为材料列表")
    materials = []
    for number, item in enumerate(raw, start=1):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise LineError(f"第{number}项材料缺少名称（name）")
        form = (item.get("form") or "").strip()
        if form == "电子版":
            form = "电子"
        if form and form not in MATERIAL_FORMS:
            raise LineError(f"第{number}项材料“{item['name']}”的形式应为 原件/复印件/电子：{form}")
        copies = item.get("copies")
        if copies is not None and (not isinstance(copies, int) or isinstance(copies, bool) or copies < 0):
            raise LineError(f"第{number}项材料“{item['name']}”的份数应为非负整数：{copies}")
        materials.append(dict(
            name=item["name"].strip()[:200], form=form, copies=copies, source=_text(item, "source", 100, "来源"),
            paper_required=_bool(item.get("paper_required"), "paper_required", True),
            deferrable=_bool(item.get("deferrable"), "deferrable", False),
        ))
    return materials


def guide_values(obj, warnings=None):
    """Validate one guide object (design §2.7, extended) and return (code, page fields, materials).
    What the code parser could not confirm, and a stated 事项类型 contradicting the code, go to `warnings`."""
    _req(obj, "code")
    try:
        parsed = parse_item_code(obj.get("code"))
        code = parsed.code
    except InvalidItemCode as exc:
        raise LineError(str(exc)) from exc
    name = _req(obj, "name").strip()
    if len(name) > 255:
        raise LineError(f"事项名称过长：最多 255 个字符，实际 {len(name)} 个")
    faq = obj.get("faq")
    if isinstance(faq, list) and all(isinstance(i, dict) for i in faq):
        faq = faq_text(faq)
        obj = {**obj, "faq": faq}
    life_event = _text(obj, "life_event")
    if life_event and life_event not in LIFE_EVENTS:
        raise LineError(f"生命周期阶段应为 {'、'.join(LIFE_EVENTS)} 之一：{life_event}")
    service_object = _text(obj, "service_object")
    if service_object and service_object not in dict(SERVICE_OBJECT_CHOICES):
        raise LineError(f"服务对象应为 个人/法人/个人和法人：{service_object}")
    online_url = _text(obj, "online_url", 200, "网上办理地址")
    if online_url and not online_url.startswith(("http://", "https://")):
        raise LineError(f"网上办理地址应以 http:// 或 https:// 开头：{online_url}")
    fields = dict(
        title=name, department=_text(obj, "department", 100, "实施主体"), item_type=_text(obj, "item_type", 30, "事项类型"),
        service_object=service_object, life_event=life_event,
        basis=_text(obj, "basis"), conditions=_text(obj, "conditions"), steps=_text(obj, "steps"),
        legal_limit_days=_int(obj, "legal_limit_days"), promised_limit_days=_int(obj, "promised_limit_days"),
        visits=_int(obj, "visits"), fee=_text(obj, "fee", 200, "收费") or "不收费",
        location=_text(obj, "location", 200, "办理地点"), hours=_text(obj, "hours", 200, "办理时间"),
        phone=_text(obj, "phone", 60, "咨询电话"), complaint_phone=_text(obj, "complaint_phone", 60, "监督投诉电话"),
        online_url=online_url, form_fields=_text(obj, "form_fields"), faq=_text(obj, "faq"),
    )
    for key in ("legal_limit_days", "promised_limit_days", "visits"):
        if fields[key] is not None and fields[key] > 32767:
            raise LineError(f"字段“{key}”过大：{fields[key]}")
    fields["item_type"] = fields["item_type"] or parsed.item_type
    if warnings is not None:
        warnings.extend(guide_code_warnings(code, fields))
    if "tongban" in obj:  # absent: an existing guide keeps its 通办 flags
        flags = parse_tongban(obj["tongban"])
        fields.update(flags.fields())
        if warnings is not None:
            warnings.extend(flags.warnings)
    return code, fields, _materials(obj)


def guide_code_warnings(code, fields):
    """What the code parser could not confirm, and a stated 事项类型 contradicting the code (Chinese; not refusals)."""
    conflict = type_contradiction(code, fields.get("item_type"))
    return list(parse_item_code(code).warnings) + ([conflict] if conflict else [])


def load_guide(obj, warnings=None):
    """Create or update a guide by 事项编码 and publish it. Returns "created", "updated" or "unchanged".
    Warnings about the code (Chinese) are appended to `warnings` when given."""
    code, fields, materials = guide_values(obj, warnings)
    return upsert_guide(code, fields, materials)[1]


def _merges(obj, key):
    raw = obj.get(key) or []
    if not isinstance(raw, list) or any(
        not isinstance(m, dict) or not isinstance(m.get("name"), str) or not isinstance(m.get("merged_into"), str) for m in raw
    ):
        raise LineError(f"字段“{key}”应为列表，每项须有 name 和 merged_into")
    return [(m["name"].strip(), m["merged_into"].strip()) for m in raw if m["name"].strip() and m["merged_into"].strip()]


def load_bundle(obj):
    """Create or update a 一件事 by code with its ordered guides and confirmed merges, and publish it."""
    code, name = _req(obj, "code").strip(), _req(obj, "name").strip()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,59}", code):
        raise LineError(f"一件事编码只能包含字母、数字、“-”和“_”，最长 60 个字符：{code}")
    codes = _req(obj, "guides", list)
    if any(not isinstance(c, str) for c in codes):
        raise LineError("字段“guides”应为办事指南编码列表")
    life_event = _text(obj, "life_event")
    if life_event and life_event not in LIFE_EVENTS:
        raise LineError(f"生命周期阶段应为 {'、'.join(LIFE_EVENTS)} 之一：{life_event}")
    fields = dict(title=name, lead_department=_text(obj, "lead_department", 100, "牵头部门"),
                  promised_limit_days=_int(obj, "promised_limit_days"), visits=_int(obj, "visits"),
                  life_event=life_event, intro=_text(obj, "intro"))
    return upsert_bundle(code, fields, [c.strip().upper() for c in codes], _merges(obj, "material_merges"),
                         _merges(obj, "field_merges"))[1]


def load_policy(obj):
    title = _req(obj, "title")
    issuers = _req(obj, "issuers", list)
    formed_on = _date(_req(obj, "formed_on"), "formed_on")
    published_on = _published_on(obj, formed_on)
    validity = obj.get("validity") or "有效"
    if validity not in dict(VALIDITY_CHOICES):
        raise LineError(f"有效性应为 有效/失效/废止：{validity}")
    body = _body(obj)
    body_html = sanitise_html(body) if body.lstrip().startswith("<") else \
        "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in body.splitlines() if p.strip())
    return upsert_policy(title=title, doc_number=obj.get("doc_number") or "", issuers=issuers, formed_on=formed_on,
                         body_html=body_html, validity=validity, topic=obj.get("topic"), published_on=published_on)[1]


def load_catalogue_entry(obj):
    """A catalogue entry, published through the catalogue publication service (record, deadline, search). Its body is
    plain text; an HTML body keeps only its visible text (openness_catalog.services.load_entry)."""
    _req(obj, "published_on")
    published_on = _published_on(obj)
    try:
        return load_entry(column=_req(obj, "column"), domain=_req(obj, "domain"), item=_req(obj, "item"),
                          title=_req(obj, "title"), published_on=published_on, body=_body(obj))
    except LookupError as exc:
        raise LineError(str(exc)) from exc


LOADERS = {"guide": load_guide, "bundle": load_bundle, "policy": load_policy, "catalogue_entry": load_catalogue_entry}


CHUNK = 100  # lines per transaction; each line has its own savepoint, so a bad line never takes others with it


def refresh_reference_index(keys):
    """Wagtail's reference index (usage counts) for the pages a bulk load touched, once each."""
    ids = [int(k[5:]) for k in keys if k.startswith("page-") and k[5:].isdigit()]
    types = Page.objects.filter(pk__in=ids).values_list("content_type", flat=True).distinct()
    with transaction.atomic():  # one transaction, not one per page
        for content_type in ContentType.objects.filter(pk__in=list(types)):
            model = content_type.model_class()
            if model is None:
                continue
            children = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
            pages = model.objects.filter(pk__in=ids).prefetch_related(*children)  # the references read every child row
            for page in pages.iterator(chunk_size=200):
                ReferenceIndex.create_or_update_for_object(page)


def _load_one(number, line, report):
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise LineError("每行应为一个 JSON 对象")
        kind = obj.get("kind")
        if kind not in LOADERS:
            raise LineError(f"未知的 kind：{kind!r}（应为 {'、'.join(LOADERS)}）")
        line_warnings = []
        with transaction.atomic():
            outcome = load_guide(obj, line_warnings) if kind == "guide" else LOADERS[kind](obj)
        report.count(kind, outcome)
        report.warnings.extend((number, w) for w in line_warnings)
    except json.JSONDecodeError as exc:
        report.errors.append((number, f"不是有效的 JSON：{exc.msg}（第{exc.colno}列）"))
    except (LineError, LookupError) as exc:
        report.errors.append((number, str(exc)))
    except PublishRefused as exc:
        report.errors.append((number, "不能发布：" + "；".join(exc.reasons)))
    except ValidationError as exc:
        report.errors.append((number, validation_message(exc)))
    except DatabaseError as exc:
        report.errors.append((number, f"数据库拒绝保存此行：{str(exc).splitlines()[0][:200]}"))


def _new_guides(chunk):
    """{line number: (code, fields, materials, warnings)} for the chunk's valid guide lines whose code is not in the
    site yet (lines that fail validation are left to _load_one, which reports them)."""
    found = {}
    for number, line in chunk:
        try:
            obj = json.loads(line)
            if isinstance(obj, dict) and obj.get("kind") == "guide":
                warnings = []
                found[number] = (*guide_values(obj, warnings), warnings)
        except (ValueError, LineError, LookupError, ValidationError):
            continue
    existing = set(ServiceGuidePage.objects.filter(code__in={item[0] for item in found.values()}).values_list("code", flat=True))
    return {number: item for number, item in found.items() if item[0] not in existing}


def _flush_guides(pending, report):
    """Create the pending new guides in one batch (create_guides: each through the gate, batched writes). A batch
    that validation or the database refuses as a whole is loaded line by line instead, so each line gets its own
    savepoint and its own message."""
    batch = list(pending)
    pending.clear()
    if not batch:
        return
    try:
        with transaction.atomic():
            outcome = create_guides([item[:3] for _, item, _ in batch])
    except (ValidationError, DatabaseError, LookupError, PathOverflow):
        for number, _, line in batch:
            _load_one(number, line, report)
        return
    for (number, item, _), (_, reasons) in zip(batch, outcome, strict=True):
        if reasons:
            report.errors.append((number, "不能发布：" + "；".join(reasons)))
        else:
            report.count("guide")
            report.warnings.extend((number, w) for w in item[3])  # the code's and the 通办 flags' warnings


def _load_chunk(chunk, report):
    """New guides are gathered and created in batches; every other line (and a guide that already exists, or
    appears twice) loads on its own, after the guides before it, so the file's order is kept."""
    new = _new_guides(chunk)
    pending, codes = [], set()
    for number, line in chunk:
        item = new.get(number)
        if item is not None and item[0] not in codes:
            pending.append((number, item, line))
            codes.add(item[0])
            continue
        _flush_guides(pending, report)
        _load_one(number, line, report)
    _flush_guides(pending, report)


def load_lines(lines):
    """Load JSON lines as one bulk publication; CHUNK lines share a transaction, each line (or batch of new guides)
    its own savepoint."""
    report = LoadReport()
    vocabulary.warm_up()  # the search analyzer is built while the first lines go through the gate
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    with disable_reference_index_auto_update(), events.bulk() as touched, one_dictionary():
        while True:
            chunk = list(itertools.islice(numbered, CHUNK))
            if not chunk:
                break
            with transaction.atomic():
                _load_chunk(chunk, report)
    refresh_reference_index(touched["published"])
    # Outside a transaction the index was written when the bulk publication ended: a document the search engines
    # refused is live but not searchable, so the load is not complete (it stays in the outbox for the retry).
    for title, error in outbox.failures(touched["published"]):
        report.errors.append((f"《{title}》", f"未能写入搜索索引（已留待自动重试）：{error}"))
    return report
