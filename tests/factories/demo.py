"""The demo, loaded once per test process and put back for every later test that asks for it.

`load_demo` takes 10–25 s; a hundred tests ask for it. The first load in a process runs the real command and keeps
what it wrote: the full contents of every table it changed (PostgreSQL COPY) and the on-commit work it left. A later
test whose database starts exactly as the first one's did (every table's contents compared) gets those tables back
by COPY, the same on-commit work re-registered, and the process and cache state the load would have moved: a
fraction of a second. Anything else — another database, a transactional test, a different starting state, a
different day or search engine — runs the real command.
"""
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone


@dataclass
class _Snapshot:
    before: dict  # table -> fingerprint of its contents before the load
    tables: dict = field(default_factory=dict)  # table -> COPY text of its contents after the load
    on_commit: list = field(default_factory=list)  # (func, robust) the load registered


_snapshots = {}


def load(*args):
    """`call_command("load_demo", *args)`, or the same result put back from this process's first load."""
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        _run(args)  # SQLite, or a transactional test whose load commits: the real thing
        return
    key = (args, timezone.localdate(), bool(settings.OPENSEARCH_URL), settings.OPENSEARCH_INDEX_PREFIX)
    before = _fingerprints()
    snapshot = _snapshots.get(key)
    if snapshot is not None and snapshot.before == before:
        _restore(snapshot)
        return
    stats = _write_counts()
    pending = len(connection.run_on_commit)
    _run(args)
    after = _write_counts()
    changed = sorted(t for t, n in after.items() if n != stats.get(t, (0, 0, 0)))
    snapshot = _Snapshot(before=before)
    with connection.cursor() as cursor:
        for table in changed:
            with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                snapshot.tables[table] = b"".join(bytes(block) for block in copy)
    snapshot.on_commit = [(func, robust) for _, func, robust in connection.run_on_commit[pending:]]
    _snapshots[key] = snapshot


def _run(args):
    with open("/dev/null", "w") as out:
        call_command("load_demo", *args, stdout=out)


def _restore(snapshot):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Site

    from portal.cache import purge_all
    from search import dense, names, sites, vocabulary

    with connection.cursor() as cursor:
        for table in snapshot.tables:
            cursor.execute(f'DELETE FROM "{table}"')  # foreign keys are checked at commit (deferred)
        for table, data in snapshot.tables.items():
            with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                copy.write(data)
        for table in snapshot.tables:
            _sequence_past_rows(cursor, table)
    for func, robust in snapshot.on_commit:
        connection.on_commit(func, robust=robust)
    # What the load's signals did outside the database.
    ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()
    purge_all()
    vocabulary.bump()
    dense.invalidate()
    names.invalidate()
    sites.invalidate()


def _sequence_past_rows(cursor, table):
    """A test that reset the sequences must not hand out the restored rows' ids again."""
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id') FROM information_schema.columns "
                   "WHERE table_schema = current_schema() AND table_name = %s AND column_name = 'id'", [table, table])
    row = cursor.fetchone()
    if row and row[0]:
        cursor.execute(f'SELECT setval(%s, GREATEST((SELECT MAX(id) FROM "{table}"), (SELECT last_value FROM {row[0]})))',
                       [row[0]])


def _write_counts():
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables "
                       "WHERE schemaname = current_schema()")
        return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


def _fingerprints():
    """Every table's row count and contents hash, in one round trip."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        tables = [r[0] for r in cursor.fetchall()]
        parts = [f"""SELECT '{t}', (SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '')
                     FROM "{t}" x)""" for t in tables]
        cursor.execute(" UNION ALL ".join(parts))
        return dict(cursor.fetchall())
