import logging

from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from readiness.assessments.models import Assessment
from readiness.reports import rendering

log = logging.getLogger(__name__)


class ReportFileQuerySet(models.QuerySet):
    def get_or_render(self, assessment: Assessment, language: str) -> bytes:
        """The stored PDF of this assessment in this language, rendered and stored on first use.

        Rendering runs outside any transaction (it is slow and needs
        no lock); two first downloads at once both render and the second store is a no-op."""
        version = rendering.report_version(assessment)
        stored = (
            self.filter(assessment=assessment, language=language, version=version)
            .values_list("pdf", flat=True)
            .first()
        )
        if stored is not None:
            return bytes(stored)
        pdf = rendering.render_report(assessment, language)
        self.store(assessment, language, version, pdf)
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
