"""Self-inspection: a full inspect_site run over 20,000 published pages with 100,000 internal links on PostgreSQL
target ≤ 300 s for the whole run (every indicator, links through Django's test client, no server); bounded memory (peak RSS reported); pages/s

    cd /work/main && eval "$(scripts/services env)" && .venv/bin/python bench/bench_inspection.py [--pages 20000] [--links 5]

Seeds its own database (gongkai_bench_inspection) through the publication gate in bulk (publishing.services.
publish_new_pages inside events.bulk(), as the loaders do): 20 columns of 工作动态/通知公告 under the home page, each
page a piece of information with `--links` internal links in its 正文 — Wagtail page links, paths to other pages,
a few paths to catalogue and search routes (answered through the test client) and one dead path in every 1,000
pages. The timed part is inspection.runner.run(), which also stores the run. Prints one JSON object.
"""
import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchenv import django_setup

TARGET_SECONDS = 300
COLUMNS = 20


def seed(pages, links):
    from cms.site.models import SectionPage
    from cms.site.skeleton import ensure_home
    from publishing import events, services
    from publishing.models import SensitiveWord

    SensitiveWord.objects.bulk_create([SensitiveWord(word=w, severity="warn") for w in ("某某旧提法", "过时表述", "错误称谓")])
    home = ensure_home(title="基准测试市人民政府")
    per_column = -(-pages // COLUMNS)
    columns = []
    with events.bulk():
        for c in range(COLUMNS):
            title = "工作动态" if c % 2 == 0 else "通知公告"
            column = services.add_draft(home, SectionPage(slug=f"col{c}", title=f"{title}{c}"))
            services.publish(column, mode="loader")
            columns.append(column)
        made = 0
        for c, column in enumerate(columns):
            batch = []
            for i in range(min(per_column, pages - made)):
                n = made + i
                hrefs = []
                for k in range(links):
                    target = (n * 7 + k * 131) % pages
                    tc, ti = target // per_column, target % per_column
                    if k == 0 and n % 1000 == 999:
                        hrefs.append(f'<a href="/missing-{n}/">已删除的专题</a>')
                    elif k == 1 and n % 50 == 0:
                        hrefs.append('<a href="/search/?q=居住证">站内搜索</a>')
                    else:
                        hrefs.append(f'<a href="/col{tc}/p{ti}/">相关信息{target}</a>')
                body = f"<p>第{n}条信息正文，介绍本地政务服务工作进展。</p><p>{'、'.join(hrefs)}</p>"
                batch.append(SectionPage(slug=f"p{i}", title=f"政务信息{n}", body=body))
            for start in range(0, len(batch), 1000):
                refused = services.publish_new_pages(column, batch[start:start + 1000], mode="loader", log_action=False)
                assert not any(refused), [r for r in refused if r][:3]
            made += len(batch)
    return made


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--links", type=int, default=5)
    args = parser.parse_args()
    django_setup("postgres", "inspection")
    from inspection import runner

    t0 = time.perf_counter()
    made = seed(args.pages, args.links)
    seed_s = round(time.perf_counter() - t0, 1)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    run = runner.run()
    seconds = time.perf_counter() - t0
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    dead = run.result("dead_links")
    print(json.dumps({
        "pages": run.pages_checked, "content_pages_seeded": made, "links": run.links_checked, "seed_seconds": seed_s,
        "seconds": round(seconds, 1), "pages_per_s": round(run.pages_checked / seconds, 1),
        "links_per_s": round(run.links_checked / seconds, 1), "dead_links_found": dead["count"],
        "dead_links_planted": args.pages // 1000, "peak_rss_mb": round(rss_peak / 1024), "rss_before_run_mb": round(rss_before / 1024),
        "target_seconds": TARGET_SECONDS, "meets_target": seconds <= TARGET_SECONDS and dead["count"] >= args.pages // 1000,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
