"""Queueing e-mail: what a request calls. The SMTP conversation happens in the worker
(tasks.deliver), so no page waits on a mail server or fails because one is down."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from readiness.mail.models import Delivery, DeliveryStatus

log = logging.getLogger(__name__)


def one_line(text: str) -> str:
    """A header value that no newline (or other line or paragraph separator) in what a firm
    typed can split: every run of whitespace becomes one space."""
    return " ".join(str(text).split())


def queue(kind: str, to: list[str], subject: str, body: str) -> Delivery:
    """Store a plain-text message and queue its delivery once the surrounding transaction has
    committed. Returns the stored delivery; the mail itself goes out from the worker."""
    from readiness.mail.tasks import deliver

    delivery = Delivery.objects.create(
        kind=kind, to=list(to), subject=one_line(subject)[:300], body=body
    )
    transaction.on_commit(lambda: deliver.enqueue(delivery.pk))
    return delivery


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8, ... times MAIL_RETRY_SECONDS after the first, second, third... failure."""
    return timedelta(seconds=settings.MAIL_RETRY_SECONDS * 2 ** max(0, attempts - 1))


def describe(exc: BaseException) -> str:
    """What to record of a failure: the error's kind and the SMTP code, never its text (a
    refused-recipients error quotes the addresses)."""
    code = getattr(exc, "smtp_code", None)
    return f"{type(exc).__name__}" + (f" (SMTP {code})" if code else "")


def send_now(delivery: Delivery) -> bool:
    """One attempt at sending; True when the mail server took it, else the failure is recorded
    and the delivery is left to be retried (or given up after MAIL_ATTEMPTS)."""
    message = EmailMessage(
        subject=delivery.subject,
        body=delivery.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=delivery.to,
    )
    delivery.attempts += 1
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as exc:
        delivery.last_error = describe(exc)
        if delivery.attempts >= settings.MAIL_ATTEMPTS:
            log.error(
                "mail %s (%s) given up after %s attempts",
                delivery.pk,
                delivery.kind,
                delivery.attempts,
            )
            delivery.status = DeliveryStatus.FAILED
            delivery.forget_message()
        else:
            log.warning(
                "mail %s (%s) failed: %s; will retry",
                delivery.pk,
                delivery.kind,
                delivery.last_error,
            )
            delivery.status = DeliveryStatus.RETRYING
        delivery.save()
        return False
    delivery.status = DeliveryStatus.SENT
    delivery.forget_message()
    delivery.save()
    return True


def prune(older_than: timedelta) -> int:
    """Forget finished deliveries older than `older_than`; returns how many."""
    cutoff = timezone.now() - older_than
    finished = Delivery.objects.filter(
        status__in=[DeliveryStatus.SENT, DeliveryStatus.FAILED], created_at__lt=cutoff
    )
    return finished.delete()[0]
