"""Outgoing e-mail, kept only until it has gone: a request stores the message and queues its
delivery; the worker sends it, retrying while the SMTP server is away. Once a message is sent or
given up, its addresses and text are blanked: what stays is that a mail of that kind was
attempted, how often and, on failure, why."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RETRYING = "retrying", _("Waiting to retry")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    kind = models.CharField(_("kind"), max_length=30)
    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")

    def __str__(self):
        return f"{self.kind} {self.get_status_display()}"

    @property
    def pending(self) -> bool:
        return self.status in (DeliveryStatus.QUEUED, DeliveryStatus.RETRYING)

    def forget_message(self):
        """Addresses and text are needed only to send."""
        self.to = []
        self.subject = ""
        self.body = ""
        self.finished_at = timezone.now()
