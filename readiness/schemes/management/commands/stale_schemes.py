from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from readiness.schemes.models import Scheme, stale_cutoff
from readiness.schemes.notifications import mail_stale_list


class Command(BaseCommand):
    help = "List the schemes whose facts were last verified more than a given number of days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Age limit in days (default: SCHEME_STALE_AFTER_DAYS, now "
            f"{settings.SCHEME_STALE_AFTER_DAYS}).",
        )
        parser.add_argument(
            "--email",
            action="store_true",
            help="Also e-mail the list to the Content editor group (nothing is sent when no "
            "scheme is stale). For a weekly cron job.",
        )

    def handle(self, *args, days=None, email=False, **options):
        days = settings.SCHEME_STALE_AFTER_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days cannot be negative.")
        today = timezone.localdate()
        stale = Scheme.objects.stale(days, today).order_by("last_verified", "key")
        if not stale:
            self.stdout.write(f"No scheme was last verified before {stale_cutoff(days, today)}.")
            return
        if email:
            delivery = mail_stale_list(stale, days, today)
            self.stdout.write(
                "Queued the list for the Content editor group."
                if delivery
                else "Nobody in the Content editor group has an e-mail address: nothing sent."
            )
        self.stdout.write(
            f"{len(stale)} scheme(s) last verified more than {days} days ago "
            f"(before {stale_cutoff(days, today)}):"
        )
        for scheme in stale:
            age = (today - scheme.last_verified).days
            self.stdout.write(
                f"  {scheme.key:<22} {scheme.last_verified}  {age:>4} days  {scheme.name_en}"
            )
