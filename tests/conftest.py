import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counts live in the cache, which outlives a test; each test starts from zero.
    from django.core.cache import cache

    cache.clear()
