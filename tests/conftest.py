import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request):
    """Rate-limit counts live in the cache, the database's cache table: a test's rows go with
    its transaction, but a test that commits leaves them for the next one."""
    yield
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.core.cache import cache

        cache.clear()


@pytest.fixture
def catalogue(db):
    """The scheme catalogue loaded into the database, as `make run` does."""
    from readiness.content.questionnaire import current_questionnaire
    from readiness.schemes.models import Scheme
    from readiness.schemes.seed import load_seed

    load_seed(current_questionnaire())
    return Scheme.objects.all()
