from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from readiness.assessments import questionnaire as content


class Command(BaseCommand):
    help = "Validate the questionnaire content and load the seed content into the database."

    def handle(self, *args, **options):
        try:
            q = content.load(settings.QUESTIONNAIRE_VERSION)
        except content.QuestionnaireError as exc:
            raise CommandError(f"Questionnaire content is invalid: {exc}") from None
        self.stdout.write(
            f"Questionnaire {q.version}: {len(q.pillars)} pillars, {len(q.dimensions)} dimensions, "
            f"{len(q.questions)} questions."
        )
