import logging

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from readiness.assessments.models import Assessment
from readiness.reports.models import ReportFile
from readiness.security.headers import secret_address

log = logging.getLogger(__name__)


def report_language(request) -> str:
    """`?lang=` when it names a language the site speaks, else the page's active language."""
    codes = {code for code, _name in settings.LANGUAGES}
    asked = request.GET.get("lang", "").lower()
    return asked if asked in codes else request.LANGUAGE_CODE


def report_filename(assessment: Assessment, language: str) -> str:
    # Built from a date and a known language code only, so always plain ASCII.
    day = timezone.localtime(assessment.created_at).date().isoformat()
    suffix = "" if language == settings.LANGUAGE_CODE else f"-{language}"
    return f"readiness-report-{day}{suffix}.pdf"


@require_GET
def report_pdf(request, token):
    assessment = Assessment.objects.with_token(token)
    if assessment is None:
        raise Http404
    try:
        return pdf_response(assessment, report_language(request))
    except OSError:
        # The disk the report is made on is full or read-only: explain, and point back to the
        # result page, which needs no file.
        log.exception("report: the PDF could not be made")
        response = render(
            request, "reports/unavailable.html", {"assessment": assessment}, status=503
        )
        response["Retry-After"] = "600"
        return secret_address(response)


def pdf_response(assessment: Assessment, language: str) -> HttpResponse:
    response = HttpResponse(
        ReportFile.objects.get_or_render(assessment, language), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{report_filename(assessment, language)}"'
    )
    response["Content-Language"] = language
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return secret_address(response)
