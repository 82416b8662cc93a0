import logging
import time
from datetime import timedelta

from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from readiness.assessments.models import Assessment
from readiness.reports import rendering

log = logging.getLogger(__name__)
# A render holds its lease this long at most: past it, a crashed render no longer blocks.
LEASE_SECONDS = 60
# How often a download that waits for another's render looks for the file.
WAIT_POLL_SECONDS = 0.05


class ReportFileQuerySet(models.QuerySet):
    def stored(self, assessment: Assessment, language: str, version: str) -> bytes | None:
        pdf = (
            self.filter(assessment=assessment, language=language, version=version)
            .values_list("pdf", flat=True)
            .first()
        )
        return None if pdf is None else bytes(pdf)

    def get_or_render(self, assessment: Assessment, language: str) -> bytes:
        """The stored PDF of this assessment in this language, rendered and stored on first use.

        One render at a time per report: whoever takes the lease renders (outside any
        transaction: it is slow), and whoever finds it taken waits for the file instead of
        rendering it a second time."""
        version = rendering.report_version(assessment)
        while True:
            pdf = self.stored(assessment, language, version)
            if pdf is not None:
                return pdf
            try:
                if RenderLease.objects.take(assessment, language, version):
                    break
            except DatabaseError:
                # The store refuses writes (read-only, disk full): the firm still gets a render,
                # made here and kept nowhere.
                log.exception("report store: no render lease could be written")
                return rendering.render_report(assessment, language)
            time.sleep(WAIT_POLL_SECONDS)
        try:
            pdf = rendering.render_report(assessment, language)
            self.store(assessment, language, version, pdf)
        finally:
            RenderLease.objects.filter(
                assessment=assessment, language=language, version=version
            ).delete()
        return pdf

    def store(self, assessment: Assessment, language: str, version: str, pdf: bytes) -> bool:
        """Keep a render, replacing renders of older versions; False if one was already kept."""
        try:
            with transaction.atomic():
                self.create(assessment=assessment, language=language, version=version, pdf=pdf)
                self.filter(assessment=assessment, language=language).exclude(
                    version=version
                ).delete()
        except IntegrityError:
            return False
        except DatabaseError:
            # The store refuses (read-only, disk full): the firm still gets this render, and the
            # next download renders again.
            log.exception("report store: a rendered PDF could not be kept")
            return False
        return True


class ReportFile(models.Model):
    """A rendered PDF report, kept so that repeated downloads cost no rendering."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="report_files"
    )
    language = models.CharField(_("language"), max_length=10)
    # rendering.report_version(): what the render was made from.
    version = models.CharField(_("report version"), max_length=16)
    pdf = models.BinaryField(_("PDF"))
    created_at = models.DateTimeField(_("rendered"), default=timezone.now)

    objects = ReportFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF report")
        verbose_name_plural = _("PDF reports")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "language", "version"], name="one_report_per_version"
            )
        ]

    def __str__(self):
        return f"{self.assessment.short_token} {self.language} {self.version}"


class RenderLeaseQuerySet(models.QuerySet):
    def take(self, assessment: Assessment, language: str, version: str) -> bool:
        """Claim the render of one report: True for the one caller whose row was created (the
        unique constraint decides, on SQLite and PostgreSQL alike). A lease older than
        LEASE_SECONDS belonged to a render that died, and is cleared first."""
        try:
            with transaction.atomic():
                self.filter(
                    assessment=assessment,
                    language=language,
                    version=version,
                    taken_at__lt=timezone.now() - timedelta(seconds=LEASE_SECONDS),
                ).delete()
                self.create(assessment=assessment, language=language, version=version)
        except IntegrityError:
            return False
        return True


class RenderLease(models.Model):
    """A render of one report in progress: while the row exists nobody else renders it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10)
    version = models.CharField(max_length=16)
    taken_at = models.DateTimeField(default=timezone.now)

    objects = RenderLeaseQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "language", "version"], name="one_render_at_a_time"
            )
        ]

    def __str__(self):
        return f"{self.assessment_id} {self.language} {self.version}"
