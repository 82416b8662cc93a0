from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class WorkspacesConfig(AppConfig):
    name = "readiness.workspaces"
    verbose_name = _("Workspaces and team rounds")

    def ready(self):
        from readiness.workspaces.models import Entry

        # However an assessment leaves its workspace (the firm's delete link, the workspace
        # page, an admin, the retention erase), the one before it may be the latest again.
        post_delete.connect(_recount, sender=Entry, dispatch_uid="workspaces-recount")


def _recount(sender, instance, **kwargs):
    from readiness.workspaces.models import Workspace

    workspace = Workspace.objects.filter(pk=instance.workspace_id).first()
    if workspace is not None:
        workspace.recount()
