"""Ceiling pages for the load benchmarks: the questions of one wizard step inside the site's
page, without the wizard's session work, so the benchmark can tell what the framework costs from
what rendering the questions costs."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from readiness.content.questionnaire import current_questionnaire
from readiness.firms.forms import PillarForm

# How each page renders the step's questions.
RENDERERS = {
    "lean": "a plain template loop over the questionnaire, no form at all",
    "form": "the wizard's own PillarForm, unbound, through Django's form rendering",
}


@require_GET
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def step(request, renderer, pillar):
    questionnaire = current_questionnaire()
    if renderer not in RENDERERS or pillar not in questionnaire.pillar_map:
        raise Http404
    chosen = questionnaire.pillar_map[pillar]
    context = {"renderer": renderer, "pillar": chosen, "step_title": str(chosen.name)}
    if renderer == "form":
        context["form"] = PillarForm(pillar=chosen, version=questionnaire.version, prefix=pillar)
    return render(request, "bench/ceiling_step.html", context)


urlpatterns = [
    path("ok", bare, name="bench-ok"),
    path("<str:renderer>/<str:pillar>/", step, name="bench-step"),
]
