from django_tasks import task

from readiness.assessments.models import Assessment
from readiness.reports.models import ReportFile


@task()
def prerender_report(assessment_id: int, language: str) -> str:
    """Render and store an assessment's PDF before anyone asks for it. A download that came
    first has already stored it (or is rendering it: then this waits and finds the file)."""
    assessment = Assessment.objects.filter(pk=assessment_id).first()
    if assessment is None:
        return "deleted"
    ReportFile.objects.get_or_render(assessment, language)
    return "ready"
