from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FirmsConfig(AppConfig):
    """The firm's side of the product: the questionnaire wizard, the result and its plan, the
    firm's follow-up request. It sits on top: it uses every other app, none uses it."""

    name = "readiness.firms"
    verbose_name = _("Firms' pages")

    def ready(self):
        from readiness.firms import checks  # noqa: F401  (registers the system check)
