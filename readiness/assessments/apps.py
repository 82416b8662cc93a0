from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "readiness.assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from django.utils import translation

        from readiness.assessments import questionnaire

        questionnaire.language_source = translation.get_language
