"""The health endpoint reports how long the oldest task ready to run has waited."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from readiness.mail.outbox import queue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_with_nothing_waiting_the_age_is_zero(client, database_queue, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok", "oldest_task_waiting_seconds": 0}


def test_it_reports_the_oldest_task_ready_to_run(client, database_queue):
    queue("result", ["a@example.hk"], "S", "B")
    queue("result", ["b@example.hk"], "S", "B")
    older, newer = DBTaskResult.objects.order_by("enqueued_at")
    DBTaskResult.objects.filter(pk=older.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=90)
    )
    # A retry due in the future is not waiting yet.
    DBTaskResult.objects.filter(pk=newer.pk).update(
        enqueued_at=timezone.now() - timedelta(hours=1),
        run_after=timezone.now() + timedelta(minutes=5),
    )

    waited = client.get("/healthz").json()["oldest_task_waiting_seconds"]
    assert 90 <= waited < 100
