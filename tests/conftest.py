import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Tasks run where they are enqueued (django-tasks' immediate backend); the tests of the
    database queue and its worker switch back (tests/mail/test_worker.py)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def catalogue(db):
    """The scheme catalogue loaded into the database, as `make run` does."""
    from readiness.content.questionnaire import current_questionnaire
    from readiness.schemes.models import Scheme
    from readiness.schemes.seed import load_seed

    load_seed(current_questionnaire())
    return Scheme.objects.all()
