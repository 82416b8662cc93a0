from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from readiness.firms.models import ContinueLink
from readiness.mail import outbox

# Finished deliveries are kept this long, so that "why did my mail not arrive" can be answered.
DELIVERIES_KEPT = timedelta(days=30)
# Finished task results (whose arguments are ids, never addresses) are kept this long.
TASK_RESULTS_KEPT_DAYS = 7


class Command(BaseCommand):
    help = (
        "Daily housekeeping, for a cron job: expired sessions, contact details past their "
        "retention period, spent or expired links to continue, finished e-mail deliveries and "
        "task results; then the advisors' digest of follow-up requests waiting too long."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("clearsessions", verbosity=verbosity)
        call_command("erase_expired_contacts", verbosity=verbosity, stdout=self.stdout)
        links = ContinueLink.objects.expired().delete()[0]
        deliveries = outbox.prune(DELIVERIES_KEPT)
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            call_command(
                "prune_db_task_results",
                min_age_days=TASK_RESULTS_KEPT_DAYS,
                verbosity=max(0, verbosity - 1),
                stdout=self.stdout,
            )
        self.stdout.write(
            f"Removed {links} spent or expired continue link(s) and {deliveries} finished "
            f"e-mail delivery record(s) older than {DELIVERIES_KEPT.days} days."
        )
        # Daily e-mails to staff come after the erasure, so that they never mention anything
        # just erased: the advisors' digest of waiting follow-up requests.
        call_command("send_follow_up_digest", verbosity=verbosity, stdout=self.stdout)
