"""Test settings: real PostgreSQL, Redis and OpenSearch (from scripts/services env).

Tasks run synchronously by default so tests are deterministic; tests that exercise the real worker
switch eagerness off explicitly (see tests/test_celery_worker_roundtrip.py).
"""
from .base import *  # noqa: F401,F403
from .base import BASE_DIR, CACHES, DATABASES, env

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client's login() calls authenticate() without a request, which django-axes refuses; the login-throttling
# tests switch it on themselves (tests/test_login_is_throttled_after_repeated_failures.py).
AXES_ENABLED = False
CELERY_TASK_ALWAYS_EAGER = True
# The Celery worker started by scripts/services connects to the same database the tests create,
# so pin the test database name instead of Django's default "test_" prefix.
_name = str(DATABASES["default"]["NAME"])
if not DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # `make test` points DATABASE_URL (tests and worker alike) at a database whose name ends in "_test".
    DATABASES["default"].setdefault("TEST", {})["NAME"] = _name if _name.endswith("_test") else f"{_name}_test"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"
# Parallel test runs (several checkouts, one OpenSearch node) keep apart by prefix.
OPENSEARCH_INDEX_PREFIX = env("OPENSEARCH_INDEX_PREFIX_TEST", "gongkai-test")
# pytest-xdist workers (scripts/test) each have a database of their own (pytest-django adds the worker id to its
# name); their OpenSearch indexes, cache keys and stored files keep apart the same way (a test that checks a dry
# run wrote no file must not see another worker's imports).
_xdist_worker = env("PYTEST_XDIST_WORKER")
if _xdist_worker:
    OPENSEARCH_INDEX_PREFIX = f"{OPENSEARCH_INDEX_PREFIX}-{_xdist_worker}"
    CACHES["default"]["KEY_PREFIX"] = f"{CACHES['default']['KEY_PREFIX']}:{_xdist_worker}"
    MEDIA_ROOT = MEDIA_ROOT / _xdist_worker
    PRIVATE_MEDIA_ROOT = PRIVATE_MEDIA_ROOT / _xdist_worker
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The page cache outlives test transactions, so tests that exercise it switch it on themselves (tests/test_portal_cache*.py).
PORTAL_PAGE_CACHE_SECONDS = 0
# Every name is embedded within the search that needs it, so what a test sees does not depend on a thread's timing
# (tests/test_search_finds_a_service_by_its_meaning.py sets it low to see the names embedded beside the searches).
SEARCH_DENSE_INLINE_NAMES = 1_000_000
SEARCH_CACHE_SECONDS = 0  # tests of the hot-answer cache switch it on (tests/test_repeated_searches_*.py)
