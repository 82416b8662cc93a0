"""The real database queue and `manage.py db_worker`: a queued mail goes out from the worker,
and with the SMTP server down it is retried with a growing delay, then recorded as failed."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from readiness.mail.models import Delivery, DeliveryStatus
from readiness.mail.outbox import queue
from tests.mail.conftest import body

pytestmark = pytest.mark.django_db(transaction=True)


def work_the_queue():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_a_queued_mail_waits_for_the_worker_and_goes_out_from_it(database_queue, smtp_server):
    queue("result", ["owner@example.hk"], "Subject", "Hello from the worker.\n")

    [task] = DBTaskResult.objects.all()
    assert task.status == "READY"
    assert task.task_path == "readiness.mail.tasks.deliver"
    assert "owner@example.hk" not in str(task.args_kwargs)
    assert smtp_server.envelopes == []

    work_the_queue()

    [message] = smtp_server.messages
    assert body(message).strip() == "Hello from the worker."
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_with_smtp_down_the_worker_retries_with_back_off_then_records_the_failure(
    settings, database_queue, smtp_down
):
    settings.MAIL_ATTEMPTS = 3
    settings.MAIL_RETRY_SECONDS = 60
    queue("result", ["owner@example.hk"], "Subject", "Text\n")
    delays = []
    for _attempt in range(3):
        started = timezone.now()
        work_the_queue()
        waiting = DBTaskResult.objects.filter(status="READY")
        if waiting.exists():
            delays.append(round((waiting.get().run_after - started).total_seconds() / 60))
            # Time passes: the retry is due.
            waiting.update(run_after=timezone.now() - timedelta(seconds=1))

    assert delays == [1, 2]
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    assert delivery.last_error == "ConnectionRefusedError"
    assert (delivery.to, delivery.body) == ([], "")
    assert not DBTaskResult.objects.filter(status="READY").exists()
