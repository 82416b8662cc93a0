from django.core.management.base import BaseCommand

from readiness.benchmarks import membership


class Command(BaseCommand):
    help = (
        "Recount the firms' comparison from the assessments that count (a repair; the counts "
        "are kept in step on every change)."
    )

    def handle(self, **options):
        rows = membership.rebuild_counts()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {rows} cohort count rows."))
