import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo site, loaded the way `make run` loads it."""
    call_command("load_demo", stdout=open("/dev/null", "w"))
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(params=["database", "opensearch"])
def engine_name(request, settings):
    """The test runs once on each search engine (modules may define their own)."""
    from tests.factories.search import drop, use_engine

    use_engine(settings, request.param)
    yield request.param
    drop()
