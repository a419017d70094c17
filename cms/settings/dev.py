from .base import *  # noqa: F401,F403
from .base import env_bool

# `make run` shows what a visitor sees, Chinese error pages included; DJANGO_DEBUG=1 brings back Django's debug pages
# (docs/adr/0007-make-run-shows-the-chinese-error-pages.md).
DEBUG = env_bool("DJANGO_DEBUG", env_bool("DEBUG", False))
# Without DEBUG, runserver serves no static files: WhiteNoise (already in MIDDLEWARE) serves them from the apps and
# static/ through the finders, re-reading changed files, so no collectstatic is needed; images as under DEBUG.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA_IMAGES = True
ALLOWED_HOSTS = ["*"]
