"""Guides: load 1,000 办事指南 from JSONL (publish + index), SQLite and PostgreSQL
target < 60 s per engine incl. publishing and indexing; ratio vs a bare bulk insert of the same rows in the same run

    cd /work/main && eval "$(scripts/services env)" && .venv/bin/python bench/bench_guides.py [--guides 1000]

Each engine runs in its own process (Django is set up once per process) on a fresh database from benchenv.
The timed load is `python manage.py load_content FILE.jsonl`: validation, page creation, publication, the
outbox rows and their draining into the search engines (the embedded table, plus OpenSearch when OPENSEARCH_URL
is set). The baseline inserts the same 1,000 rows (code, name, department, the JSON line) into a plain table
with one executemany in one transaction. Prints one JSON object.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DEPARTMENTS = ["长沙市公安局", "长沙市卫生健康委员会", "长沙市医疗保障局", "长沙市人力资源和社会保障局", "长沙市教育局", "长沙市民政局"]
MATERIALS = ["居民身份证", "户口簿", "结婚证", "出生医学证明", "申请表", "房屋产权证明", "社会保障卡", "委托书"]


def guide_lines(count):
    lines = []
    for i in range(1, count + 1):
        dept = DEPARTMENTS[i % len(DEPARTMENTS)]
        lines.append(json.dumps({
            "kind": "guide", "code": f"430100-BC-GG-{i:04d}", "name": f"基准测试事项{i}（{dept[3:]}）", "department": dept,
            "item_type": "公共服务", "basis": f"《某某条例》第{i % 50 + 1}条", "conditions": "本市户籍居民或持有居住证的人员。",
            "materials": [{"name": MATERIALS[(i + k) % len(MATERIALS)], "form": "原件", "copies": 1} for k in range(3)],
            "steps": ["申请", "受理", "审核", "办结"], "legal_limit_days": 20, "promised_limit_days": i % 10,
            "visits": 1, "fee": "不收费", "location": "长沙市政务服务中心", "hours": "工作日 9:00-17:00",
            "phone": "0731-12345678", "complaint_phone": "12345", "online_url": f"https://zwfw.example.gov.cn/{i}",
            "form_fields": ["申请人姓名", "公民身份号码", "联系电话"],
        }, ensure_ascii=False))
    return lines


def run_engine(engine, count):
    from benchenv import django_setup

    django_setup(engine, f"guides_{engine}" if engine == "postgres" else "guides")
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    sys.path.insert(0, str(HERE.parent))
    from tests.factories.guides import guide_site

    guide_site()
    lines = guide_lines(count)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
        path = fh.name

    # Baseline: a bare bulk insert of the same rows.
    rows = [(json.loads(line)["code"], json.loads(line)["name"], json.loads(line)["department"], line) for line in lines]
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_guide_rows (code varchar(60) PRIMARY KEY, name varchar(255), department varchar(100), payload text)")
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany("INSERT INTO bench_guide_rows (code, name, department, payload) VALUES (%s, %s, %s, %s)", rows)
    bulk = time.perf_counter() - start

    from io import StringIO

    out = StringIO()
    start = time.perf_counter()
    call_command("load_content", path, stdout=out)
    load = time.perf_counter() - start

    start = time.perf_counter()
    call_command("load_content", path, stdout=StringIO())
    reload_seconds = time.perf_counter() - start
    os.unlink(path)

    from cms.guides.models import ServiceGuidePage
    from search.models import SearchOutbox

    live = ServiceGuidePage.objects.live().count()
    pending = SearchOutbox.objects.count()
    searchable = None
    try:
        from search.engines import database_engine

        engine_db = database_engine()
        if hasattr(engine_db, "count"):
            searchable = engine_db.count()
    except Exception:  # noqa: BLE001 — the search app's API is optional for this bench
        searchable = None
    return {
        "engine": engine, "guides": count, "live": live, "outbox_pending": pending,
        "load_seconds": round(load, 2), "guides_per_second": round(count / load, 1),
        "reload_unchanged_seconds": round(reload_seconds, 2),
        "bulk_insert_seconds": round(bulk, 4), "ratio_vs_bulk_insert": round(load / bulk, 1),
        "opensearch": bool(settings.OPENSEARCH_URL), "searchable_documents": searchable,
        "under_60s": load < 60 and live == count, "errors": out.getvalue().count("第"),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--guides", type=int, default=1000)
    parser.add_argument("--engine", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(run_engine(args.engine, args.guides), ensure_ascii=False))
        return
    results = {}
    engines = ["sqlite"] + (["postgres"] if os.environ.get("DATABASE_URL", "").startswith("postgres") else [])
    for engine in engines:
        proc = subprocess.run([sys.executable, __file__, "--engine", engine, "--guides", str(args.guides)],
                              capture_output=True, text=True, env=os.environ.copy())
        if proc.returncode != 0:
            results[engine] = {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
            continue
        results[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
    summary = {
        "target": "< 60 s per engine for 1,000 guides incl. publishing and indexing",
        "guides": args.guides,
        **{f"{e}_load_seconds": r.get("load_seconds") for e, r in results.items()},
        **{f"{e}_ratio_vs_bulk_insert": r.get("ratio_vs_bulk_insert") for e, r in results.items()},
        "all_under_60s": all(r.get("under_60s") for r in results.values()) and bool(results),
        "engines": results,
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
