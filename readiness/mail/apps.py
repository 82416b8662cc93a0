from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class MailConfig(AppConfig):
    default = True
    name = "readiness.mail"
    verbose_name = _("Outgoing e-mail")


class TaskQueueConfig(TasksAppConfig):
    """django-tasks-db, with an app name the admin can show in both languages."""

    default = False
    verbose_name = _("Background tasks")
