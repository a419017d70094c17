"""Click-to-live: publish(document) until the page is served and /api/search finds it — 200 documents, PostgreSQL + OpenSearch + Redis + a Celery worker
target p95 ≤ 2 s; ratio against Wagtail's bare revision.publish() of the same page in the same run"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchenv import ROOT, django_setup

N = int(os.environ.get("BENCH_PUBLISH_N", "200"))
TIMEOUT = 30.0


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def start_worker(env):
    worker = subprocess.Popen(
        [str(ROOT / ".venv/bin/celery"), "-A", "cms", "worker", "-l", "warning", "--concurrency", "2",
         "-n", f"bench-publish-{os.getpid()}@%h", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open("/tmp/gongkai-bench-publish-worker.log", "w"),
    )
    from cms.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1.0):
            return worker
        if worker.poll() is not None:
            raise SystemExit("Celery worker 未能启动，见 /tmp/gongkai-bench-publish-worker.log")
    worker.terminate()
    raise SystemExit("Celery worker 60 秒内未响应")


def main():
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:56379/1").rsplit("/", 1)[0]
    if not os.environ.get("OPENSEARCH_URL"):
        raise SystemExit("此基准需要 OpenSearch：请用 `make bench` 运行")
    django_setup("postgres", "publish", broker=f"{redis}/2")  # own broker database: the shared worker never sees these tasks
    from django.core.management import call_command
    from django.test import Client

    call_command("load_demo", stdout=open(os.devnull, "w"))
    worker = start_worker(dict(os.environ))
    try:
        return measure(Client())
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def make_documents(tmp):
    from importers.services import import_file
    from tests.factories.documents import clean_notice

    formed = date.today() - timedelta(days=3)
    docs = []
    for n in range(1, N + 1):
        path = clean_notice(tmp, formed_on=formed, number=1000 + n, body_extra=f"本批编号{1000 + n}。")
        result = import_file(path, source="cli")
        if result.error or result.document.status != "ready":
            raise SystemExit(f"基准文件 {n} 未通过检查：{result.error or result.document.checks}")
        docs.append(result.document)
    return docs


def wait_until(check):
    deadline = time.monotonic() + TIMEOUT
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit("超时：文件在 30 秒内未上线或未可检索")
        time.sleep(0.005)
    return time.perf_counter()


def measure(client):
    from django.contrib.auth import get_user_model

    from cms.policies.services import publish_submission

    officer = get_user_model().objects.get(username="officer")
    with tempfile.TemporaryDirectory() as tmp:
        docs = make_documents(Path(tmp))
    live, served_after, searchable_after, service_only, bare = [], [], [], [], []
    for doc in docs:
        t0 = time.perf_counter()
        page = publish_submission(doc.submission, by=officer, mode="one_click")
        t1 = time.perf_counter()
        url = page.url
        t2 = wait_until(lambda: client.get(url).status_code == 200)
        t3 = wait_until(lambda: any(r["url"].endswith(url) or r["url"] == url
                                    for r in client.get("/api/search", {"q": page.title, "size": 50}).json()["results"]))
        service_only.append(t1 - t0)
        served_after.append(t2 - t0)
        searchable_after.append(t3 - t0)
        live.append(max(t2, t3) - t0)
        revision = page.save_revision()
        b0 = time.perf_counter()
        revision.publish()
        bare.append(time.perf_counter() - b0)
    ms = lambda v: round(v * 1000, 1)  # noqa: E731
    return {
        "documents": N,
        "click_to_live_ms": {"p50": ms(statistics.median(live)), "p95": ms(pct(live, 95)), "max": ms(max(live))},
        "publish_service_ms": {"p50": ms(statistics.median(service_only)), "p95": ms(pct(service_only, 95))},
        "page_served_after_ms": {"p50": ms(statistics.median(served_after)), "p95": ms(pct(served_after, 95))},
        "searchable_after_ms": {"p50": ms(statistics.median(searchable_after)), "p95": ms(pct(searchable_after, 95))},
        "bare_revision_publish_ms": {"p50": ms(statistics.median(bare)), "p95": ms(pct(bare, 95))},
        "ratio_p50_vs_bare_revision_publish": round(statistics.median(live) / statistics.median(bare), 1),
        "target_p95_le_2000ms": pct(live, 95) <= 2.0,
        "path": "一键公开 (publish_submission → the gate → publishing.services.publish) in a transaction → publishing event → outbox row → Celery task via Redis → worker indexes into OpenSearch; page checked with Django's test client, search through /api/search",
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(json.dumps(main(), ensure_ascii=False))
