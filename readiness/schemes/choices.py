"""A scheme's kind and status: what the catalogue, the matcher and the stored advice agree on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FUNDING = "funding", _("Funding")
    TRAINING = "training", _("Training")
    ADVISORY = "advisory", _("Free advice")
    GUIDE = "guide", _("Free guidance")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    UPCOMING = "upcoming", _("Coming soon")
    CLOSED = "closed", _("No longer available")
