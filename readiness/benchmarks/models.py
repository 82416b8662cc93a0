from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from readiness.assessments.models import Assessment

OVERALL = "overall"


class CohortCount(models.Model):
    """How many counted assessments of one business scope and size band scored `score` on one
    measure (the overall score or a pillar). Scores have one decimal, so a cohort's whole
    distribution is a few dozen of these rows whatever the number of assessments."""

    business_scope = models.CharField(max_length=40)
    employee_band = models.CharField(max_length=10)
    # "overall" or a pillar's key.
    measure = models.CharField(max_length=40)
    score = models.DecimalField(max_digits=2, decimal_places=1)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["business_scope", "employee_band", "measure", "score"],
                name="one_count_per_cohort_score",
            )
        ]
        indexes = [
            models.Index(fields=["employee_band", "measure", "score"], name="cohort_by_band"),
            models.Index(fields=["measure", "score"], name="cohort_by_measure"),
        ]

    def __str__(self):
        return (
            f"{self.business_scope}/{self.employee_band} {self.measure} {self.score}: {self.count}"
        )


class Exclusion(models.Model):
    """An assessment kept out of the firms' comparison, with who decided it and why: an advisor
    (a test run, a duplicate, a firm that is not a firm) or the rule against bursts from one
    address (excluded_by empty)."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="benchmark_exclusion"
    )
    reason = models.CharField(_("reason"), max_length=300)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("excluded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    excluded_at = models.DateTimeField(_("excluded"), default=timezone.now)

    class Meta:
        verbose_name = _("benchmark exclusion")
        verbose_name_plural = _("benchmark exclusions")
        ordering = ["-excluded_at"]

    def __str__(self):
        return str(self.assessment)


class AddressDay(models.Model):
    """How many completions one address made today, for the rule against bursts
    (membership.admit). The address is kept only as a keyed hash, and only for its day."""

    address_hash = models.CharField(max_length=24)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["address_hash", "day"], name="one_count_per_address_day"
            )
        ]
        indexes = [models.Index(fields=["day"], name="address_days")]

    def __str__(self):
        return f"{self.day} {self.count}"
