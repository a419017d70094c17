from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
if SECRET_KEY.startswith("insecure"):  # noqa: F405
    raise RuntimeError("生产环境必须设置 SECRET_KEY 环境变量 (SECRET_KEY must be set in production)")
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env("HTTPS", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
