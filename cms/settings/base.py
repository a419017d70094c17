"""Settings shared by every environment. Everything deployment-specific comes from the environment (design §2.2)."""
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("SECRET_KEY", "insecure-dev-key-change-me-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "cms.site",
    "cms.policies",
    "cms.guides",
    "cms.demo",
    "cms.setup",
    "publishing",
    "importers",
    "openness_catalog",
    "search",
    "timeliness",
    "portal",
    "inspection",
    "ratings",
    "sitegroup",
    "reporting",
    "cms.dashboard",  # the admin home per role, menus per role (after the apps whose hooks it trims)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.content_security.SiteCSPMiddleware",  # above the page cache, so cached pages carry the policy too
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.middleware.RejectControlCharactersMiddleware",  # NUL and other control characters: a Chinese 400, before any cache or view
    "portal.cache.AnonymousPageCacheMiddleware",  # anonymous public pages; purged on publish (portal/signals.py)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.policies.middleware.WithdrawnNoticeMiddleware",
    "publishing.middleware.GateRefusalMiddleware",
    "axes.middleware.AxesMiddleware",  # keep last: turns a lockout into the Chinese lockout page
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# --- Database: DATABASE_URL, default an embedded SQLite file ---
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=int(env("DB_CONN_MAX_AGE", "60"))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL: readers never wait for a writer, and a commit costs no fsync of the whole journal (make run under load).
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE",
                                            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Content-Security-Policy (django-csp 4, cms/content_security.py). Public pages run no inline script and no plugin;
# rich text is sanitised as well (publishing/html.py). Inline styles stay allowed: templates still carry style
# attributes and <style> blocks, and the sanitiser strips style attributes from content.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
    },
}
# Wagtail 8's admin writes inline scripts and event handlers (date choosers, inline panels), and shows image previews
# from blob: URLs: only its pages, for signed-in staff, get these in place of the public directives.
CSP_RELAXED_PATHS = ["/admin/", "/django-admin/"]
CSP_RELAXED_DIRECTIVES = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}

# Login throttling (django-axes): the lockout check comes first; Django's ModelBackend still authenticates.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # one user from one address; others keep logging in
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_COOLOFF_MESSAGE = "登录失败次数过多，账户已暂时锁定，请稍后再试或联系管理员"
AXES_PERMALOCK_MESSAGE = "登录失败次数过多，账户已锁定，请联系管理员"
# The client address: REMOTE_ADDR, unless production names the header its own reverse proxy sets (cms/site/client_ip.py).
AXES_CLIENT_IP_CALLABLE = "cms.site.client_ip.client_ip"
CLIENT_IP_HEADER = None
TRUSTED_PROXY_COUNT = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# --- Language and time: zh-hans, China Standard Time ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Chinese for the admin strings Wagtail's own zh_Hans catalogue lacks (compiled .mo committed; see its .po header).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
SERVE_MEDIA_IMAGES = False  # cms.settings.dev: Django serves uploaded images itself (cms/urls.py)
# Archived originals of imported documents (secret ones too): outside MEDIA_ROOT, served only by an officer-only view.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "importers.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail ---
WAGTAIL_SITE_NAME = env("SITE_NAME", "长沙市人民政府")
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
# The admin is ours, not Wagtail's: no avatars fetched from gravatar.com (blocked by the CSP, unreachable on
# government networks), no upgrade check or "what's new" banner pointing at wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # every download passes Wagtail's privacy check; never a direct /media/ link
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "txt", "xlsx", "xls", "ofd", "zip", "wps"]
# Documents are public once uploaded: the publication gate reads them in the upload form (and on every save).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "publishing.forms.GatedDocumentForm"

# --- Search (design §2.8): OpenSearch when OPENSEARCH_URL is set, else the embedded database engine ---
OPENSEARCH_URL = env("OPENSEARCH_URL")
OPENSEARCH_INDEX_PREFIX = env("OPENSEARCH_INDEX_PREFIX", "gongkai")
OPENSEARCH_TIMEOUT = float(env("OPENSEARCH_TIMEOUT", "5"))

# --- Tasks: Celery with Redis when CELERY_BROKER_URL is set, else in-process ---
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3}
REDIS_URL = env("REDIS_URL")

# --- Cache: Redis when REDIS_URL is set; keys prefixed by database name so installations sharing a Redis stay apart ---
_cache_prefix = "gk:" + str(DATABASES["default"]["NAME"]).rsplit("/", 1)[-1]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "cms.redis_cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": _cache_prefix}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": _cache_prefix}}
# Anonymous public pages are cached this long at most (portal/cache.py); publishing purges them at once. 0 turns it off.
PORTAL_PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
# A search answer is kept this long at most (search/hot_cache.py); any index change makes it stale at once. 0 turns it off.
SEARCH_CACHE_SECONDS = int(env("SEARCH_CACHE_SECONDS", "120"))
# Meaning beside words (search/semantic.py, docs/search.md): service names found by a bundled sentence model. 0 turns it off.
SEARCH_DENSE = env_bool("SEARCH_DENSE", True)
# A search embeds at most this many new names itself (about 20 ms each); more are embedded beside the searches, in a
# thread, while the words alone answer (a big load on a site without a Celery worker).
SEARCH_DENSE_INLINE_NAMES = int(env("SEARCH_DENSE_INLINE_NAMES", "32"))
# Rendered fragments (site header and footer, a policy's metadata and content) are kept at most this long; their
# keys carry the versions the page cache purges, so a change shows at once. 0 turns them off.
PORTAL_FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "86400"))

# Timeliness ranking: departments with fewer published documents are listed apart (样本不足), not ranked.
TIMELINESS_MIN_RANKING_SAMPLE = int(env("TIMELINESS_MIN_RANKING_SAMPLE", "5"))
# 依申请公开 (timeliness.request_*): applicants' personal data is erased this many days after the request is closed;
# the public form and the tracking API are rate-limited per client address.
REQUEST_PERSONAL_DATA_RETENTION_DAYS = int(env("REQUEST_PERSONAL_DATA_RETENTION_DAYS", "1095"))
REQUEST_FORM_LIMIT_PER_HOUR = int(env("REQUEST_FORM_LIMIT_PER_HOUR", "10"))
REQUEST_API_LIMIT_PER_MINUTE = int(env("REQUEST_API_LIMIT_PER_MINUTE", "60"))

# --- 好差评 (ratings/, docs/ratings.md) ---
RATING_FORM_LIMIT_PER_HOUR = int(env("RATING_FORM_LIMIT_PER_HOUR", "30"))  # per client, form and API alike
RATING_API_LIMIT_PER_MINUTE = int(env("RATING_API_LIMIT_PER_MINUTE", "60"))
# 差评 follow-up: working days allowed for each step, on the official calendar (publishing/workdays.py)
RATING_VERIFY_WORKING_DAYS = int(env("RATING_VERIFY_WORKING_DAYS", "1"))  # 核实
RATING_RECTIFY_WORKING_DAYS = int(env("RATING_RECTIFY_WORKING_DAYS", "15"))  # 整改
RATING_EXPLAIN_WORKING_DAYS = int(env("RATING_EXPLAIN_WORKING_DAYS", "5"))  # 解释
RATING_REVISIT_WORKING_DAYS = int(env("RATING_REVISIT_WORKING_DAYS", "5"))  # 回访

# --- Importers (design §2.5, §2.6) ---
IMPORT_SOURCE_URL = env("IMPORT_SOURCE_URL")
IMPORT_INBOX_DIR = env("IMPORT_INBOX_DIR")
IMPORT_MAX_FILE_BYTES = 50 * 1024 * 1024

# --- E-mail: console by default; EMAIL_URL (smtp://user:pass@host:port) or the Django settings ---
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "gongkai@localhost")
_email_url = env("EMAIL_URL")
if _email_url:
    from urllib.parse import unquote, urlparse

    _u = urlparse(_email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _u.hostname
    EMAIL_PORT = _u.port or 25
    EMAIL_HOST_USER = unquote(_u.username or "")
    EMAIL_HOST_PASSWORD = unquote(_u.password or "")
    EMAIL_USE_TLS = _u.scheme in {"smtp+tls", "submission"}
    EMAIL_USE_SSL = _u.scheme == "smtps"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "gongkai": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO"), "propagate": False},
        # Unhandled errors (django.request) reach stderr once, through the root handler: Django's own DEBUG-only
        # console handler would print them a second time.
        "django": {"handlers": [], "level": env("LOG_LEVEL", "WARNING"), "propagate": True},
    },
}

from celery.schedules import crontab  # noqa: E402

# --- Celery beat: periodic work (design §1). Each task is small and idempotent. ---
CELERY_BEAT_SCHEDULE = {
    "search-outbox-retry": {"task": "search.tasks.process_outbox", "schedule": 30.0},
    "recompute-provisional-deadlines": {"task": "publishing.tasks.recompute_deadlines", "schedule": 6 * 3600.0},
    "scheduled-publication": {"task": "cms.policies.tasks.publish_scheduled", "schedule": 30.0},
    "deadline-reminders": {"task": "publishing.tasks.send_deadline_reminders", "schedule": crontab(hour=8, minute=30)},
    "request-reminders": {"task": "timeliness.tasks.daily_requests", "schedule": crontab(hour=8, minute=35)},
    "rating-case-reminders": {"task": "ratings.tasks.daily_cases", "schedule": crontab(hour=8, minute=40)},
    "nightly-self-inspection": {"task": "inspection.tasks.nightly_inspection", "schedule": crontab(hour=2, minute=15)},
}
if IMPORT_SOURCE_URL:
    CELERY_BEAT_SCHEDULE["oa-pull"] = {"task": "importers.tasks.pull_documents_task", "schedule": 300.0}
if IMPORT_INBOX_DIR:
    CELERY_BEAT_SCHEDULE["inbox-scan"] = {"task": "importers.tasks.scan_inbox_task", "schedule": 60.0}

# --- Website self-inspection (inspection/, docs/inspection.md) ---
INSPECT_BASE_URL = env("INSPECT_BASE_URL")  # a served copy to probe instead of Django's test client
INSPECT_OFFLINE = env_bool("INSPECT_OFFLINE", False)  # the nightly task then skips external links
INSPECTION_HOMEPAGE_DAYS = 14
INSPECTION_COLUMN_RULES = [  # matched on the column's title, first match wins (国办秘函〔2019〕19号)
    {"kind": "动态/要闻", "keywords": ["动态", "要闻", "新闻", "快讯", "播报"], "days": 14, "label": "2周"},
    {"kind": "通知公告/政策文件", "keywords": ["通知公告", "公告", "公示", "政策文件", "文件库", "政策"], "days": 183, "label": "6个月"},
]
INSPECTION_STALE_COLUMNS_VETO = 5
INSPECTION_EMPTY_COLUMNS_VETO = 5
INSPECTION_UNANSWERED_DAYS = 90
INSPECTION_EXTERNAL_LIMIT = int(env("INSPECTION_EXTERNAL_LIMIT", "500"))
INSPECTION_HTTP_TIMEOUT = float(env("INSPECTION_HTTP_TIMEOUT", "15"))

# --- OA exchange client (importers/oa_client.py) ---
IMPORT_SOURCE_TIMEOUT = float(env("IMPORT_SOURCE_TIMEOUT", "30"))
IMPORT_SOURCE_RETRY_ATTEMPTS = int(env("IMPORT_SOURCE_RETRY_ATTEMPTS", "4"))
IMPORT_SOURCE_RETRY_BACKOFF = float(env("IMPORT_SOURCE_RETRY_BACKOFF", "0.5"))
