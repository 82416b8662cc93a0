from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from readiness.advisors.retention import delete_assessments
from readiness.assessments.models import Assessment
from readiness.assessments.results import as_json, summarise
from readiness.content import tiers
from readiness.content.questionnaire import current_questionnaire
from readiness.firms.wizard import LAST_RESULT_KEY
from readiness.schemes.advice import Advice
from readiness.security.headers import secret_address_page


def _assessment_or_404(token: str) -> Assessment:
    assessment = Assessment.objects.with_token(token)
    if assessment is None:
        raise Http404
    return assessment


@require_GET
def home(request):
    q = current_questionnaire()
    return render(
        request,
        "firms/home.html",
        {"questionnaire": q, "question_count": len(q.questions)},
    )


@require_GET
def how_we_score(request):
    q = current_questionnaire()
    tier_rows = [{"tier": tier, "range": tiers.band(tier.key)} for tier in q.tiers]
    return render(
        request,
        "firms/how_we_score.html",
        {"questionnaire": q, "tier_rows": tier_rows},
    )


@require_GET
@secret_address_page
def result(request, token):
    assessment = _assessment_or_404(token)
    return render(
        request,
        "firms/result.html",
        {
            "assessment": assessment,
            "summary": summarise(assessment),
            "advice": Advice.of(assessment),
        },
    )


@require_GET
@secret_address_page
def result_json(request, token):
    assessment = _assessment_or_404(token)
    body = {**as_json(assessment, summarise(assessment)), **Advice.of(assessment).as_json()}
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
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
        return redirect("firms:deleted")
    return render(request, "firms/delete_result.html", {"assessment": assessment})


@require_GET
def deleted(request):
    return render(request, "firms/deleted.html")
