from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "readiness.reports"
    verbose_name = _("PDF reports")

    def ready(self):
        from readiness.reports import checks  # noqa: F401  (registers the system check)
