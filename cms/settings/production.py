"""Production: HTTPS only by default, so `manage.py check --deploy` passes with just SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL set (tests/test_production_settings_pass_the_deploy_check.py).

Environment (all optional):
- HTTPS=0 serves plain HTTP (benchmarks on a laptop): no redirect, no HSTS, cookies not marked Secure.
- HSTS_SECONDS (default one year), HSTS_INCLUDE_SUBDOMAINS and HSTS_PRELOAD (default 1; turning either off
  makes `check --deploy` warn, which is the point: it is a deliberate choice for the organ's domain).
- SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO only behind a TLS-terminating proxy that always sets (overwrites)
  that header. Off by default: on a direct deployment a client could send the header and pass for HTTPS.
- CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR (or HTTP_X_REAL_IP) and TRUSTED_PROXY_COUNT (default 1): where login
  throttling finds the client's address behind those proxies (cms/site/client_ip.py); off by default, REMOTE_ADDR.
- LOGIN_FAILURE_LIMIT (5) and LOGIN_COOLOFF_MINUTES (15): login throttling (base.py). An administrator lifts a
  lockout early with `manage.py axes_reset_username <name>`.
"""
from .base import *  # noqa: F401,F403
from .base import env, env_bool

DEBUG = False
if SECRET_KEY.startswith("insecure"):  # noqa: F405
    raise RuntimeError("生产环境必须设置 SECRET_KEY 环境变量 (SECRET_KEY must be set in production)")
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

HTTPS = env_bool("HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load-balancer and local probes often speak plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
_proxy_ssl_header = env("SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None

CLIENT_IP_HEADER = env("CLIENT_IP_HEADER")
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1"))
