import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo site, loaded the way `make run` loads it."""
    call_command("load_demo", stdout=open("/dev/null", "w"))
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific
