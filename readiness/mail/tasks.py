from django.utils import timezone
from django_tasks import task

from readiness.mail.models import Delivery
from readiness.mail.outbox import retry_delay, send_now


@task()
def deliver(delivery_id: int) -> str:
    """Send one queued mail; on failure, queue the next attempt with a growing delay."""
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None or not delivery.pending:
        return "nothing to send"
    if send_now(delivery):
        return "sent"
    if not delivery.pending:
        return "failed"
    backend = deliver.get_backend()
    if not backend.supports_defer:
        # A backend that cannot wait (the immediate one) would retry at once, in a loop.
        return "waiting to retry"
    deliver.using(run_after=timezone.now() + retry_delay(delivery.attempts)).enqueue(delivery_id)
    return "waiting to retry"
