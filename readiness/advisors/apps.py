from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AdvisorsConfig(AppConfig):
    name = "readiness.advisors"
    verbose_name = _("Advisors' follow-up")

    def ready(self):
        from readiness.advisors.roles import sync_groups

        # Content editors' permissions belong to the schemes app, which may migrate after this
        # one; topping up after every migrate keeps the groups complete in any order.
        post_migrate.connect(sync_groups, dispatch_uid="readiness.advisors.sync_groups")
