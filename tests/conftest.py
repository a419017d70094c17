import pytest


@pytest.fixture(autouse=True)
def _content_type_cache_matches_the_restored_rows(request):
    """After a transactional test (they restore the migrated rows: serialized_rollback), fill the content-type cache
    while its ids still match those rows. A test that synced the roles (load_demo) emptied it; the next restore
    would then re-create content types under new ids and collide with the rows it restores."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or \
        {"transactional_db", "live_server"} & set(request.fixturenames)
    if transactional:
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


@pytest.fixture(autouse=True)
def _process_caches_follow_the_test_database():
    """Each test's database starts afresh; what a process keeps of the rows for a few seconds (names by meaning, guide
    and bundle names, the site group, best bets, the analyzer's version check) must not outlive the last test's rows,
    which a rollback removes without a write that would tell them."""
    from search import dense, names, service, sites, vocabulary

    dense.invalidate()
    names.invalidate()
    sites.invalidate()
    service.invalidate_best_bets()
    vocabulary.recheck()
    yield


@pytest.fixture
def demo(db):
    """The demo's city site, loaded the way `make run` loads it but without the district sites (fast); returns its home.
    Loaded once per test process and put back for later tests (tests.factories.demo)."""
    from wagtail.models import Site

    from tests.factories import demo as demo_factory

    demo_factory.load("--city-only")
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def group_demo(db):
    """The whole demo as `make run` loads it: the city and its nine district sites (站群); returns the city's home."""
    from wagtail.models import Site

    from tests.factories import demo as demo_factory

    demo_factory.load()
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(params=["database", "opensearch"])
def engine_name(request, settings):
    """The test runs once on each search engine (modules may define their own)."""
    from tests.factories.search import drop, use_engine

    use_engine(settings, request.param)
    yield request.param
    drop()
