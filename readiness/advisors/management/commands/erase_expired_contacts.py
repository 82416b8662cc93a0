from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from readiness.advisors.retention import erase_expired, months_before


class Command(BaseCommand):
    help = (
        "Erase contact details (and company names, advisors' notes and stored PDFs) older than "
        "CONTACT_RETENTION_MONTHS; the anonymous scores are kept. Safe to run again, e.g. daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be erased; erase nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        months = settings.CONTACT_RETENTION_MONTHS
        if months < 1:
            raise CommandError("CONTACT_RETENTION_MONTHS must be at least 1.")
        cutoff = months_before(timezone.localtime(), months)
        erasure = erase_expired(cutoff, dry_run=dry_run)
        since = f"before {cutoff:%Y-%m-%d %H:%M} ({months} months' retention)"
        if not erasure.anything:
            self.stdout.write(f"Nothing to erase: no personal data {since}.")
            return
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            f"{verb} {since}: contact details of {erasure.contacts} assessment(s), "
            f"{erasure.company_names} company name(s), {erasure.notes} advisor note(s) and "
            f"{erasure.reports} stored PDF report(s). "
            f"Kept the anonymous scores of {erasure.assessments_kept} assessment(s)."
        )
