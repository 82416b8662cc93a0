from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    name = "readiness.schemes"
    verbose_name = _("Funding schemes and training")
