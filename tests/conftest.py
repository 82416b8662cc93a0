import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Tasks run where they are enqueued (django-tasks' immediate backend); the tests of the
    database queue and its worker switch back (tests/mail/test_worker.py)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request):
    """Rate-limit counts live in the cache, the database's cache table: a test's rows go with
    its transaction, but a test that commits leaves them for the next one."""
    yield
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.core.cache import cache

        cache.clear()
