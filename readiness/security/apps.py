from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "readiness.security"
    label = "security"
    verbose_name = _("Security and privacy")

    def ready(self):
        from readiness.security import checks  # noqa: F401  (registers the system checks)
