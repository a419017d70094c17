from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from openness_catalog.admin_history import site_history_urls

urlpatterns = [
    path("healthz", cms_views.healthz, name="healthz"),
    # No Django admin: everything is administered in Wagtail (/admin/), where roles and column rules apply.
    *site_history_urls(),  # Wagtail's site-history report, with the catalogue column rule
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Each app owns its public routes (search, catalogue matrix, timeliness, portal feeds/API).
    path("", include("search.urls")),
    path("", include("openness_catalog.urls")),
    path("", include("timeliness.urls")),
    path("", include("ratings.urls")),  # 好差评
    path("", include("portal.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if (settings.DEBUG or settings.SERVE_MEDIA_IMAGES) and "://" not in settings.MEDIA_URL:  # make run, with or without DEBUG
    import re

    from django.urls import re_path
    from django.views.static import serve

    # Only images are served straight from MEDIA_ROOT; documents go through Wagtail's view (/documents/<id>/…), which
    # checks a private collection's restrictions, and archived originals live outside MEDIA_ROOT (importers.storage).
    for folder in ("images/", "original_images/"):
        prefix = (settings.MEDIA_URL + folder).lstrip("/")
        urlpatterns.append(re_path(rf"^{re.escape(prefix)}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT / folder}))

urlpatterns += [path("", include(wagtail_urls))]

# Chinese error pages, JSON under /api/ (cms.views)
handler400 = cms_views.bad_request
handler403 = cms_views.permission_denied
handler404 = cms_views.page_not_found
handler500 = cms_views.server_error
