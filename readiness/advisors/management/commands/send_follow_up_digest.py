from django.conf import settings
from django.core.management.base import BaseCommand

from readiness.advisors.digest import recipients, send_digest


class Command(BaseCommand):
    help = (
        "E-mail the Advisor group the requests for follow-up that have waited more than "
        "FOLLOW_UP_TARGET_DAYS working days for a first contact. Meant to run once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            default="",
            help="The site's address (e.g. https://readiness.example.hk) to put before links.",
        )

    def handle(self, *args, site="", **options):
        listed = send_digest(site=site or settings.SITE_URL)
        if not listed:
            self.stdout.write("No request waits too long: nothing sent.")
        elif not recipients():
            self.stdout.write(
                f"{listed} requests wait too long, but no advisor has an e-mail address."
            )
        else:
            self.stdout.write(
                f"Sent the digest of {listed} requests to {len(recipients())} advisors."
            )
