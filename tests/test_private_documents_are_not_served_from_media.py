"""Under `make run` (DEBUG) /media/ serves images only: a document — possibly in a private collection — is reachable
only through Wagtail's /documents/<id>/ view, which enforces the collection's restrictions."""
import importlib

import pytest
from django.urls import Resolver404, resolve


def debug_urlconf(settings):
    settings.DEBUG = True
    import cms.urls

    return importlib.reload(cms.urls)


def test_media_serves_images_but_not_documents(settings):
    urls = debug_urlconf(settings)
    try:
        image = resolve("/media/original_images/seal.png", urlconf=urls)
        with pytest.raises(Resolver404):
            resolve("/media/documents/secret_notice.pdf", urlconf=urls)
    finally:
        settings.DEBUG = False
        importlib.reload(urls)
    assert image.func.__name__ == "serve" and image.func.__module__ == "django.views.static"


def test_documents_are_served_through_the_privacy_checking_view(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
