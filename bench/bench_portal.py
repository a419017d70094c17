"""Public portal throughput: wrk against gunicorn (2 workers) on PostgreSQL, cached vs uncached vs a static file.
Target: cached page ≥ 0.5× the static file's requests/s (same server, same run); uncached policy page (page cache off) p95 ≤ 200 ms at 20 clients, public APIs only, a fixed small query count per page.

Loads the demo into its own database (gongkai_bench_portal), collects static files, then starts gunicorn twice:
with the anonymous page cache (Redis when REDIS_URL is set) and without it. Each phase runs BENCH_PORTAL_ROUNDS rounds
(3); the median round is reported, with every round's ratio or p95 alongside. Also measures how long a published
change takes to appear on a cached page. Prints one JSON object.
"""
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchenv import ROOT, django_setup  # noqa: E402

DURATION = int(os.environ.get("BENCH_PORTAL_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_PORTAL_ROUNDS", "3"))  # each phase is measured in rounds; the median round is reported
CONNECTIONS = 20
TARGET_P95_MS = 200  # relaxed from 100 ms with the one-way house (docs/adr/0004-page-cache.md)
LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("GK requests=%d errors=%d non2xx=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d\\n",
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url}")


class Server:
    def __init__(self, env, cache_seconds):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        run_env = dict(env, PAGE_CACHE_SECONDS=str(cache_seconds))
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "cms.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{self.port}",
             "--log-level", "warning", "--access-logfile", "/dev/null"],
            cwd=ROOT, env=run_env, start_new_session=True,
        )
        wait_up(self.base + "/static/css/site.css")

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=30)


def wrk(url, duration=DURATION, connections=CONNECTIONS, script=LUA):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    subprocess.run(["wrk", "-t2", "-c", str(connections), "-d", "2s", "--timeout", "10s", "-s", f.name, url], capture_output=True, check=True)  # warm-up
    out = subprocess.run(["wrk", "-t2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s", "-s", f.name, url],
                         capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    m = dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", out.split("GK ", 1)[1]))
    return {
        "rps": round(m["requests"] / (m["duration_us"] / 1e6), 1),
        "p50_ms": round(m["p50_us"] / 1000, 2),
        "p95_ms": round(m["p95_us"] / 1000, 2),
        "p99_ms": round(m["p99_us"] / 1000, 2),
        "errors": m["errors"] + m["non2xx"],
    }


def median_round(rounds, key):
    """The round in the middle when ordered by key (for an even count, the lower middle)."""
    return sorted(rounds, key=key)[(len(rounds) - 1) // 2]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()


def query_counts(model):
    """Queries per uncached policy page (in-process, after one warm-up request), for the policy with the fewest and
    the one with the most versions, 解读 and citations: the count must not grow with what a page shows."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    pages = sorted(model.objects.live(), key=lambda p: p.versions.count() + p.interpretations.count() + p.cites.count()
                   + p.cited_by.count())
    client, counts = Client(), []
    with override_settings(PORTAL_PAGE_CACHE_SECONDS=0, PORTAL_FRAGMENT_CACHE_SECONDS=0, ALLOWED_HOSTS=["*"]):
        for page in (pages[0], pages[-1]):
            client.get(page.url)
            with CaptureQueriesContext(connection) as captured:
                client.get(page.url)
            counts.append(len(captured.captured_queries))
    return {"policy_uncached_queries_fewest_relations": counts[0], "policy_uncached_queries_most_relations": counts[1],
            "policy_uncached_queries_fixed": counts[0] == counts[1]}


def main():
    if subprocess.run(["which", "wrk"], capture_output=True).returncode != 0:
        raise SystemExit("需要 wrk：请运行 scripts/install-system-packages")
    django_setup("postgres", "portal")
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))
    from cms.policies.models import PolicyDocumentPage

    policy = PolicyDocumentPage.objects.live().order_by("pk").first()
    queries = query_counts(PolicyDocumentPage)
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY="bench-portal-not-secret",
               ALLOWED_HOSTS="127.0.0.1,localhost", HTTPS="0", DEBUG="0", DB_CONN_MAX_AGE="60", LOG_LEVEL="ERROR")
    subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    static_path = "/static/css/site.css"
    results = {}

    server = Server(env, cache_seconds=300)
    try:
        # The static file and the cached pages are measured back to back in each round, so a ratio never compares
        # a quiet moment of the machine with a busy one (services still starting, say).
        cached_rounds = [
            {"static_file": wrk(server.base + static_path), "home_cached": wrk(server.base + "/"),
             "policy_cached": wrk(server.base + policy.url)}
            for _ in range(ROUNDS)
        ]
        cached = median_round(cached_rounds, lambda r: r["policy_cached"]["rps"] / r["static_file"]["rps"])
        results.update(cached)
        # A published change on a cached page: publish a new revision here, poll the server until it shows.
        assert policy.title in fetch(server.base + policy.url)
        marker = f"（基准测试修订 {int(time.time())}）"
        policy.title = policy.title + marker
        started = time.monotonic()
        policy.save_revision().publish()
        while marker not in fetch(server.base + policy.url) and time.monotonic() - started < 30:
            time.sleep(0.05)
        visible_after = time.monotonic() - started
        home_has_it = marker in fetch(server.base + "/")
    finally:
        server.stop()

    server = Server(env, cache_seconds=0)
    try:
        uncached_rounds = [{"home_uncached": wrk(server.base + "/"), "policy_uncached": wrk(server.base + policy.url)} for _ in range(ROUNDS)]
        results.update(median_round(uncached_rounds, lambda r: r["policy_uncached"]["p95_ms"]))
    finally:
        server.stop()
    # Reported beside it, not judged: every request a full render, the fragment cache off too.
    server = Server(dict(env, FRAGMENT_CACHE_SECONDS="0"), cache_seconds=0)
    try:
        cold_rounds = [{"policy_cold": wrk(server.base + policy.url)} for _ in range(ROUNDS)]
        results.update(median_round(cold_rounds, lambda r: r["policy_cold"]["p95_ms"]))
    finally:
        server.stop()

    ratio = results["policy_cached"]["rps"] / results["static_file"]["rps"]
    home_ratio = results["home_cached"]["rps"] / results["static_file"]["rps"]
    print(json.dumps({
        "server": "gunicorn, 2 sync workers, cms.settings.production, PostgreSQL" + (", Redis cache" if os.environ.get("REDIS_URL") else ", local-memory cache"),
        "load": f"wrk -t2 -c{CONNECTIONS} -d{DURATION}s, {ROUNDS} rounds per phase, median round reported",
        **{f"{name}_{k}": v for name, r in results.items() for k, v in r.items()},
        "cached_policy_vs_static_ratio": round(ratio, 3),
        "cached_home_vs_static_ratio": round(home_ratio, 3),
        "ratio_target": 0.5,
        "ratio_met": ratio >= 0.5 and home_ratio >= 0.5 and results["static_file"]["errors"] == 0,
        "uncached_policy_p95_target_ms": TARGET_P95_MS,
        "uncached_policy_p95_met": results["policy_uncached"]["errors"] == 0 and 0 < results["policy_uncached"]["p95_ms"] <= TARGET_P95_MS,
        **queries,
        "cached_policy_vs_static_ratio_rounds": [round(r["policy_cached"]["rps"] / r["static_file"]["rps"], 3) for r in cached_rounds],
        "uncached_policy_p95_ms_rounds": [r["policy_uncached"]["p95_ms"] for r in uncached_rounds],
        "published_change_visible_after_s": round(visible_after, 3),
        "published_change_on_home": home_has_it,
        "cpu": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
