from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from readiness.advisors import synthetic
from readiness.advisors.roles import ADVISOR
from readiness.assessments.models import Assessment


class Command(BaseCommand):
    help = (
        "Store N realistic synthetic assessments (for load tests and demos; refuses when "
        "DEBUG is off). Their submission keys start with 'synthetic-'."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=None, help="For a repeatable data set.")
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier synthetic assessments first."
        )

    def handle(self, count, seed, batch_size, replace, **options):
        if not synthetic.allowed():
            raise CommandError("Refusing to add synthetic assessments with DEBUG off.")
        if count < 0 or batch_size < 1:
            raise CommandError("COUNT must be 0 or more and --batch-size at least 1.")
        if replace:
            with transaction.atomic():
                deleted, _ = Assessment.objects.filter(
                    submission_key__startswith=synthetic.KEY_PREFIX
                ).delete()
            self.stdout.write(f"Deleted {deleted} synthetic rows.")
        advisors = get_user_model().objects.filter(groups__name=ADVISOR, is_active=True)
        stored = synthetic.generate(count, seed=seed, batch_size=batch_size, advisors=advisors)
        self.stdout.write(self.style.SUCCESS(f"Stored {stored} synthetic assessments."))
