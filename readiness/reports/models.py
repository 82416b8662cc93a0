from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from readiness.assessments.models import Assessment
from readiness.reports import rendering


class ReportFileQuerySet(models.QuerySet):
    def get_or_render(self, assessment: Assessment, language: str) -> bytes:
        """The stored PDF of this assessment in this language, rendered and stored on first use.

        Rendering runs outside any transaction (it takes a few hundred milliseconds and needs
        no lock); two first downloads at once both render and the second store is a no-op."""
        stored = (
            self.filter(
                assessment=assessment,
                language=language,
                template_version=rendering.TEMPLATE_VERSION,
            )
            .values_list("pdf", flat=True)
            .first()
        )
        if stored is not None:
            return bytes(stored)
        pdf = rendering.render_report(assessment, language)
        self.store(assessment, language, pdf)
        return pdf

    def store(self, assessment: Assessment, language: str, pdf: bytes) -> bool:
        """Keep a render, replacing older template versions; False if one was already kept."""
        try:
            with transaction.atomic():
                self.create(
                    assessment=assessment,
                    language=language,
                    template_version=rendering.TEMPLATE_VERSION,
                    pdf=pdf,
                )
                self.filter(assessment=assessment, language=language).exclude(
                    template_version=rendering.TEMPLATE_VERSION
                ).delete()
        except IntegrityError:
            return False
        return True


class ReportFile(models.Model):
    """A rendered PDF report, kept so that repeated downloads cost no rendering."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="report_files"
    )
    language = models.CharField(_("language"), max_length=10)
    template_version = models.PositiveIntegerField(_("report template version"))
    pdf = models.BinaryField(_("PDF"))
    created_at = models.DateTimeField(_("rendered"), default=timezone.now)

    objects = ReportFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF report")
        verbose_name_plural = _("PDF reports")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "language", "template_version"],
                name="one_report_per_language_and_version",
            )
        ]

    def __str__(self):
        return f"{self.assessment.short_token} {self.language} v{self.template_version}"
