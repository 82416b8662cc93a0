from django.core.management.base import BaseCommand, CommandError

from readiness.content.questionnaire import QuestionnaireError, current_questionnaire
from readiness.schemes import seed


class Command(BaseCommand):
    help = "Validate the questionnaire content and load the seed content into the database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite schemes already in the database with the seed's facts "
            "(editors' changes to them are lost). Without it, only missing schemes are created.",
        )

    def handle(self, *args, update=False, **options):
        try:
            q = current_questionnaire()
        except QuestionnaireError as exc:
            raise CommandError(f"Questionnaire content is invalid: {exc}") from None
        self.stdout.write(
            f"Questionnaire {q.version}: {len(q.pillars)} pillars, {len(q.dimensions)} dimensions, "
            f"{len(q.questions)} questions."
        )
        try:
            report = seed.load_seed(q, update=update)
        except seed.SeedError as exc:
            raise CommandError(f"Scheme seed is invalid: {exc}") from None
        self.stdout.write(
            f"Schemes ({report.version}): {report.created} created, {report.updated} updated, "
            f"{report.kept} already present, left as they are."
        )
