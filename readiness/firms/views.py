import datetime

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from readiness.advisors.retention import delete_assessments
from readiness.assessments.models import Assessment
from readiness.assessments.results import as_json, summarise
from readiness.benchmarks.comparison import compare
from readiness.benchmarks.context import comparison_context, study_json
from readiness.content import tiers
from readiness.content.questionnaire import content_language, current_questionnaire
from readiness.firms.forms import FollowUpForm
from readiness.firms.submission import submit_follow_up
from readiness.firms.wizard import LAST_RESULT_KEY
from readiness.schemes.advice import Advice, priorities
from readiness.security.headers import secret_address_page
from readiness.workspaces.pages import on_result_page


def _assessment_or_404(token: str) -> Assessment:
    assessment = Assessment.objects.select_related(
        "followup", "contact", "workspace_entry"
    ).with_token(token)
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


# Who runs the service, its privacy statement and its accessibility: a template per language
# (templates/firms/pages/), the operator's contacts filled in from settings.
PAGES = {
    "about": (_("About this service"), datetime.date(2026, 12, 2)),
    "privacy": (_("Privacy"), datetime.date(2026, 12, 2)),
    "accessibility": (_("Accessibility"), datetime.date(2026, 12, 2)),
}


@require_GET
def page(request, name):
    title, updated = PAGES[name]
    language = content_language(get_language())
    return render(
        request,
        "firms/page.html",
        {
            "title": title,
            "updated": updated,
            "page_template": f"firms/pages/{name}.{language}.html",
        },
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


def result_page(request, assessment, follow_up_form=None, status=200, extra_context=None):
    advice = Advice.of(assessment)
    follow_up = getattr(assessment, "followup", None)
    if follow_up_form is None:
        follow_up_form = FollowUpForm(initial={"company_name": assessment.company_name})
    return render(
        request,
        "firms/result.html",
        {
            "assessment": assessment,
            "summary": summarise(assessment),
            "advice": advice,
            "priorities": priorities(advice, assessment.questionnaire),
            "follow_up": follow_up,
            "contact": getattr(assessment, "contact", None),
            "follow_up_form": follow_up_form,
            **on_result_page(assessment),
            **comparison_context(assessment),
            **(extra_context or {}),
        },
        status=status,
    )


@require_GET
@secret_address_page
def result(request, token):
    return result_page(request, _assessment_or_404(token))


@require_POST
@secret_address_page
def follow_up(request, token):
    """The result page's request for an HKPC advisor: one per assessment, only with consent."""
    assessment = _assessment_or_404(token)
    form = FollowUpForm(request.POST, prefix=None)
    if not form.is_valid():
        return result_page(request, assessment, follow_up_form=form, status=200)
    submit_follow_up(assessment, form.contact_details())
    return redirect(reverse("firms:result", kwargs={"token": token}) + "#advisor")


@require_GET
@secret_address_page
def result_json(request, token):
    assessment = _assessment_or_404(token)
    body = {
        **as_json(assessment, summarise(assessment)),
        **Advice.of(assessment).as_json(),
        "comparison": compare(assessment).as_json(),
        "study_figures": study_json(assessment),
    }
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
