import re

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from readiness.assessments.models import Assessment
from readiness.assessments.results import as_json, summarise, tier_bands
from readiness.assessments.wizard import LAST_RESULT_KEY, current_questionnaire
from readiness.security.headers import secret_address_page
from readiness.security.retention import delete_assessments


def _assessment_or_404(token: str) -> Assessment:
    # Tokens are URL-safe base64; anything else is not worth a query.
    if not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", token):
        raise Http404
    try:
        return Assessment.objects.get(token=token)
    except Assessment.DoesNotExist:
        raise Http404 from None


@require_GET
def home(request):
    q = current_questionnaire()
    return render(
        request,
        "assessments/home.html",
        {"questionnaire": q, "question_count": len(q.questions)},
    )


@require_GET
def how_we_score(request):
    q = current_questionnaire()
    bands = tier_bands()
    tier_rows = [{"tier": tier, "range": bands[tier.key]} for tier in q.tiers]
    return render(
        request,
        "assessments/how_we_score.html",
        {"questionnaire": q, "tier_rows": tier_rows},
    )


@require_GET
@secret_address_page
def result(request, token):
    assessment = _assessment_or_404(token)
    return render(
        request,
        "assessments/result.html",
        {"assessment": assessment, "summary": summarise(assessment)},
    )


@require_GET
@secret_address_page
def result_json(request, token):
    assessment = _assessment_or_404(token)
    response = JsonResponse(
        as_json(assessment, summarise(assessment)), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Language"] = request.LANGUAGE_CODE
    return response


@require_http_methods(["GET", "POST"])
@secret_address_page
def delete_result(request, token):
    """The holder of a result link deletes the assessment and everything stored with it."""
    assessment = _assessment_or_404(token)
    if request.method == "POST":
        delete_assessments(Assessment.objects.filter(pk=assessment.pk))
        if request.session.get(LAST_RESULT_KEY) == token:
            del request.session[LAST_RESULT_KEY]
        return redirect("assessments:deleted")
    return render(request, "assessments/delete_result.html", {"assessment": assessment})


@require_GET
def deleted(request):
    return render(request, "assessments/deleted.html")
