from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCount(models.Model):
    """How many requests one client made in one window of one rate limit. The client is a hash:
    the table holds how often, never who."""

    key = models.CharField(_("key"), max_length=100, primary_key=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        verbose_name = _("rate-limit count")
        verbose_name_plural = _("rate-limit counts")

    def __str__(self):
        return f"{self.key} {self.count}"
