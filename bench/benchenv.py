"""Shared set-up for benchmarks that need Django: a fresh, migrated database of their own.

    from benchenv import django_setup
    django_setup("postgres", "catalogue")   # database gongkai_bench_catalogue on the project's PostgreSQL
    django_setup("sqlite", "guides")        # /tmp/gongkai-bench-guides.sqlite3

`make bench` (scripts/bench) starts the services and exports their URLs first. Tasks run in-process
(eager) so a benchmark measures the work, not the broker; OpenSearch indices use the prefix gongkai-bench-<name>.
"""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _recreate_postgres(url, name):
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def django_setup(engine="postgres", name="bench", migrate=True, keep_opensearch=True, broker=None):
    """Point Django at a new empty database for this benchmark, migrate it, and return the settings module."""
    if engine == "postgres":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            raise SystemExit("此基准需要 PostgreSQL：请用 `make bench` 运行（会启动服务并导出 DATABASE_URL）")
        os.environ["DATABASE_URL"] = _recreate_postgres(url, f"gongkai_bench_{name}")
    elif engine == "sqlite":
        path = Path(f"/tmp/gongkai-bench-{name}.sqlite3")
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        raise ValueError(engine)
    if not keep_opensearch:
        os.environ.pop("OPENSEARCH_URL", None)
    os.environ["OPENSEARCH_INDEX_PREFIX"] = f"gongkai-bench-{name}"
    os.environ["DB_CONN_MAX_AGE"] = "60"
    os.environ["DEBUG"] = "0"
    if broker:  # a benchmark that measures the real worker path brings its own broker database and worker
        os.environ["CELERY_BROKER_URL"] = os.environ["CELERY_RESULT_BACKEND"] = broker
    else:
        os.environ.pop("CELERY_BROKER_URL", None)  # tasks in-process
        os.environ.pop("CELERY_RESULT_BACKEND", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.CELERY_TASK_ALWAYS_EAGER = not broker
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        _fresh_generation()
    return settings


def _fresh_generation():
    """Start the search index generation at the clock: the database is made again under the same name for every run,
    and answers the previous run left in Redis (keyed by generation, search.hot_cache) must not be served to this one."""
    import time

    from search.models import IndexGeneration

    IndexGeneration.objects.update_or_create(pk=1, defaults={"value": time.time_ns() // 1000})
