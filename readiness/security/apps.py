from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "readiness.security"
    label = "security"
    verbose_name = _("Security and privacy")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from readiness.security import checks  # noqa: F401  (registers the system checks)
        from readiness.security.sessions import limit_staff_session

        user_logged_in.connect(limit_staff_session, dispatch_uid="readiness.staff_session")
