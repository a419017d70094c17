"""Guides: load 1,135 办事指南, 6 一件事 and 46 policies from one JSONL (publish + index), SQLite and PostgreSQL
target ≤ 15 s per engine incl. the gate, publishing and indexing; ratio ≤ 50× vs a bare bulk insert of the same rows in the same run

    cd /work/main && eval "$(scripts/services env)" && .venv/bin/python bench/bench_guides.py [--guides 1135]

Real-shaped national data: every guide carries a national 实施编码 (GB/T 39554.1-2020) such as
511Z07001006-511602000000-000-11511301008778183N-1-00 — 12-character 基本编码, 12-digit 区划代码 from real
GB/T 2260 county codes, a 3-digit segment, the 实施机构's 统一社会信用代码 with its GB 32100 check character
(publishing.uscc.check_character) and 业务办理项 1-00 —, 6 一件事 group them, 46 policies carry 发文字号 and issuers.

Each engine runs in its own process (Django is set up once per process) on a fresh database from benchenv.
The timed load is `python manage.py load_content FILE.jsonl`: validation, the publication gate for every line,
page creation, publication, 索引号, the outbox rows and their draining into the search engines (the embedded
table, plus OpenSearch when OPENSEARCH_URL is set). Two loads per engine, each on a fresh database: `bulk` (the
loader as shipped: new guides in batches through publishing.services.publish_new_pages) and `per_line` (the same
file with every line through publish() on its own, the path before batching) — before/after in the same run.
The baseline inserts the same rows (key, kind, name, the JSON line) into a plain table with one executemany in
one transaction, five times on the emptied table; the median counts. Prints one JSON object.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from publishing.uscc import ALPHABET, check_character, organisation_check_character

# Real GB/T 2260 county-level codes (public knowledge) with the 实施机构 the guides are published by.
AREAS = [
    ("430102", "长沙市芙蓉区"), ("430103", "长沙市天心区"), ("430104", "长沙市岳麓区"), ("430105", "长沙市开福区"),
    ("430111", "长沙市雨花区"), ("430112", "长沙市望城区"), ("430121", "长沙县"), ("430181", "浏阳市"),
    ("430182", "宁乡市"), ("511602", "广安市广安区"), ("511603", "广安市前锋区"), ("511621", "岳池县"),
    ("110101", "北京市东城区"), ("310104", "上海市徐汇区"), ("440305", "深圳市南山区"), ("500103", "重庆市渝中区"),
]
BASELINE_ROUNDS = 5
OFFICES = ["公安局", "卫生健康局", "医疗保障局", "人力资源和社会保障局", "教育局", "民政局", "市场监督管理局", "住房和城乡建设局"]
MATERIALS = ["居民身份证", "户口簿", "结婚证", "出生医学证明", "申请表", "房屋产权证明", "社会保障卡", "委托书"]
LIFE_EVENTS = ["出生", "入学", "就业", "婚育", "置业", "退休"]
GUIDES, BUNDLES, POLICIES = 1135, 6, 46


def organisation_code(n):
    """A 9-character 组织机构代码 (GB 11714): 8 digits and its check character."""
    body = f"{n:08d}"
    return body + organisation_check_character(body)


def uscc(area6, n):
    """The 统一社会信用代码 of a 机关 (登记管理部门 1, 机构类别 1) registered in area6, with its check character."""
    first17 = "11" + area6 + organisation_code(n)
    assert all(c in ALPHABET for c in first17)
    return first17 + check_character(first17)


def guide_code(i):
    """A national 实施编码: 基本编码 (12) - 区划代码 (12) - 3 digits - 实施机构 USCC (18) - 业务办理项 1-00."""
    area6, _ = AREAS[i % len(AREAS)]
    office = i % len(OFFICES)
    basic = f"{area6[:3]}Z{office:02d}{i:06d}"
    return f"{basic}-{area6}000000-000-{uscc(area6, 10000000 + office * 1000 + int(area6) % 997)}-1-00"


def guide_lines(count=GUIDES):
    lines = []
    for i in range(1, count + 1):
        area = AREAS[i % len(AREAS)][1]
        dept = area + OFFICES[i % len(OFFICES)]
        lines.append(json.dumps({
            "kind": "guide", "code": guide_code(i), "name": f"{OFFICES[i % len(OFFICES)][:-1]}服务事项{i}（{area}）", "department": dept,
            "item_type": "公共服务", "basis": f"《某某条例》第{i % 50 + 1}条", "conditions": "本市户籍居民或持有居住证的人员。",
            "materials": [{"name": MATERIALS[(i + k) % len(MATERIALS)], "form": "原件", "copies": 1} for k in range(3)],
            "steps": ["申请", "受理", "审核", "办结"], "legal_limit_days": 20, "promised_limit_days": i % 10,
            "visits": 1, "fee": "不收费", "location": f"{area}政务服务中心", "hours": "工作日 9:00-17:00",
            "phone": "0731-12345678", "complaint_phone": "12345", "online_url": f"https://zwfw.example.gov.cn/{i}",
            "form_fields": ["申请人姓名", "公民身份号码", "联系电话"],
        }, ensure_ascii=False))
    return lines


def bundle_lines(guides=GUIDES, count=BUNDLES):
    lines = []
    for b in range(count):
        members = [guide_code(i) for i in range(1 + b * 7, 1 + b * 7 + 5) if i <= guides]
        lines.append(json.dumps({
            "kind": "bundle", "code": f"YJS-{b + 1:03d}", "name": f"{LIFE_EVENTS[b % len(LIFE_EVENTS)]}一件事（第{b + 1}批）",
            "lead_department": AREAS[b][1] + "政务服务中心", "guides": members, "promised_limit_days": 5, "visits": 1,
        }, ensure_ascii=False))
    return lines


def policy_lines(count=POLICIES):
    lines = []
    for p in range(1, count + 1):
        year = 2015 + p % 10
        issuer = ["长沙市人民政府", "长沙市人民政府办公厅", "长沙市人力资源和社会保障局", "长沙市医疗保障局"][p % 4]
        prefix = ["长政发", "长政办发", "长人社发", "长医保发"][p % 4]
        lines.append(json.dumps({
            "kind": "policy", "title": f"{issuer}关于做好第{p}项政务服务工作的通知", "doc_number": f"{prefix}〔{year}〕{p}号",
            "issuers": [issuer], "formed_on": f"{year}-03-{p % 27 + 1:02d}", "published_on": f"{year}-04-{p % 27 + 1:02d}",
            "validity": "有效", "topic": "政务服务\\一件事一次办",
            "body": f"各区县（市）人民政府，市直各单位：\n为深化政务服务改革，现就第{p}项工作通知如下。\n一、提高办事效率。\n二、推进一网通办。",
        }, ensure_ascii=False))
    return lines


def content_lines(guides=GUIDES):
    """One exchange file: the guides, then the bundles that group them, then the policies."""
    return guide_lines(guides) + bundle_lines(guides) + policy_lines()


def run_engine(engine, count, variant):
    from benchenv import django_setup

    name = f"guides_{variant}"
    django_setup(engine, f"{name}_{engine}" if engine == "postgres" else name)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    from cms.guides.item_codes import parse_item_code
    from cms.policies.models import PolicyLibraryPage
    from tests.factories.guides import guide_site

    home, _ = guide_site()
    if not PolicyLibraryPage.objects.exists():
        library = PolicyLibraryPage(title="政策文件库", slug="zcwjk")
        home.add_child(instance=library)
        library.save_revision().publish()
    lines = content_lines(count)
    national = parse_item_code(json.loads(lines[0])["code"]).kind
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
        path = fh.name

    # Baseline: a bare bulk insert of the same rows.
    rows = []
    for line in lines:
        obj = json.loads(line)
        rows.append((obj.get("code") or obj.get("doc_number"), obj["kind"], obj.get("name") or obj.get("title"), line))
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_content_rows (key varchar(80) PRIMARY KEY, kind varchar(20), name varchar(255), payload text)")
    rounds = []  # the median of five: one cold insert alone has read 0.04 s and 0.24 s on the same PostgreSQL
    for _ in range(BASELINE_ROUNDS):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM bench_content_rows")
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_content_rows (key, kind, name, payload) VALUES (%s, %s, %s, %s)", rows)
        rounds.append(time.perf_counter() - start)
    bulk = statistics.median(rounds)

    if variant == "per_line":
        from importers import content_loader

        content_loader._new_guides = lambda chunk: {}  # every line through publish() on its own: the path before batching

    from io import StringIO

    out = StringIO()
    start = time.perf_counter()
    try:
        call_command("load_content", path, stdout=out)
    except SystemExit:
        pass
    load = time.perf_counter() - start

    start = time.perf_counter()
    try:
        call_command("load_content", path, stdout=StringIO())
    except SystemExit:
        pass
    reload_seconds = time.perf_counter() - start
    os.unlink(path)

    from wagtail.models import Page

    from cms.guides.models import BundlePage, ServiceGuidePage
    from cms.policies.models import PolicyDocumentPage
    from search.engines import database_engine, get_engine
    from search.models import SearchOutbox

    problems = Page.find_problems()
    searchable = database_engine().count()
    opensearch_documents = get_engine().count() if settings.OPENSEARCH_URL else None
    live = ServiceGuidePage.objects.live().count()
    policies = PolicyDocumentPage.objects.live()
    items = count + BUNDLES + POLICIES
    return {
        "engine": engine, "variant": variant, "code_kind": national, "lines": len(lines), "guides": count,
        "live_guides": live, "live_bundles": BundlePage.objects.live().count(), "live_policies": policies.count(),
        "policies_with_index_number": policies.exclude(index_number="").exclude(index_number=None).count(),
        "outbox_pending": SearchOutbox.objects.count(), "tree_problems": sum(len(p) for p in problems),
        "load_seconds": round(load, 2), "guides_per_second": round(count / load, 1), "items_per_second": round(items / load, 1),
        "reload_unchanged_seconds": round(reload_seconds, 2),
        "bulk_insert_seconds": round(bulk, 4), "bulk_insert_rounds": [round(r, 4) for r in rounds],
        "ratio_vs_bulk_insert": round(load / bulk, 1),
        "opensearch": bool(settings.OPENSEARCH_URL), "searchable_documents": searchable, "opensearch_documents": opensearch_documents,
        "all_live_and_searchable": live == count and searchable >= items and (opensearch_documents is None or opensearch_documents >= items),
        "under_15s": load <= 15, "errors": out.getvalue().count("第"),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--guides", type=int, default=GUIDES)
    parser.add_argument("--engine", choices=["sqlite", "postgres"])
    parser.add_argument("--variant", choices=["bulk", "per_line"], default="bulk")
    parser.add_argument("--skip-per-line", action="store_true", help="measure only the shipped (bulk) loader")
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(run_engine(args.engine, args.guides, args.variant), ensure_ascii=False))
        return
    results = {}
    engines = ["sqlite"] + (["postgres"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else [])
    variants = ["bulk"] + ([] if args.skip_per_line else ["per_line"])
    for engine in engines:
        for variant in variants:
            proc = subprocess.run([sys.executable, __file__, "--engine", engine, "--guides", str(args.guides), "--variant", variant],
                                  capture_output=True, text=True, env=os.environ.copy())
            key = engine if variant == "bulk" else f"{engine}_per_line"
            if proc.returncode != 0:
                results[key] = {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
                continue
            results[key] = json.loads(proc.stdout.strip().splitlines()[-1])
    shipped = {e: results.get(e, {}) for e in engines}
    summary = {
        "target": "≤ 15 s per engine for 1,135 guides + 6 bundles + 46 policies incl. gate, publishing and indexing; ratio ≤ 50×",
        "guides": args.guides, "bundles": BUNDLES, "policies": POLICIES,
        **{f"{e}_load_seconds": r.get("load_seconds") for e, r in results.items()},
        **{f"{e}_ratio_vs_bulk_insert": r.get("ratio_vs_bulk_insert") for e, r in shipped.items()},
        **{f"{e}_speedup_vs_per_line": round(results[f"{e}_per_line"]["load_seconds"] / r["load_seconds"], 2)
           for e, r in shipped.items() if r.get("load_seconds") and results.get(f"{e}_per_line", {}).get("load_seconds")},
        "all_under_15s": all(r.get("under_15s") for r in shipped.values()) and bool(shipped),
        "all_ratios_under_50": all((r.get("ratio_vs_bulk_insert") or 1e9) <= 50 for r in shipped.values()) and bool(shipped),
        "all_live_and_searchable": all(r.get("all_live_and_searchable") for r in shipped.values()) and bool(shipped),
        "every_policy_has_index_number": all(r.get("policies_with_index_number") == POLICIES for r in shipped.values()) and bool(shipped),
        "engines": results,
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
