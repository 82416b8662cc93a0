"""Ceiling pages for the load benchmarks (bench/), mounted only when BENCHMARK_VIEWS is on.

Each renders the questions of one wizard step inside the site's page, without the wizard's
session work, so the benchmark can tell what the framework costs from what form rendering
costs."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from readiness.assessments.forms import PillarForm
from readiness.assessments.questionnaire import load

# How each page renders the step's questions.
RENDERERS = {
    "lean": "a plain template loop over the questionnaire, no form at all",
    "lean-form": "the wizard's own lean question template over an unbound PillarForm",
    "django-form": "Django's default form rendering ({{ form.as_div }})",
    "crispy": "crispy-forms with the bootstrap5 pack ({{ form|crispy }})",
}


@require_GET
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def step(request, renderer, pillar):
    questionnaire = load(settings.QUESTIONNAIRE_VERSION)
    if renderer not in RENDERERS or pillar not in questionnaire.pillar_map:
        raise Http404
    chosen = questionnaire.pillar_map[pillar]
    context = {"renderer": renderer, "pillar": chosen, "step_title": str(chosen.name)}
    if renderer != "lean":
        form = PillarForm(pillar=chosen, prefix=pillar)
        for field in form.fields.values():
            # Django's label_tag() slices the label, which a bilingual Text does not support.
            field.label = str(field.label)
        context["form"] = form
    return render(request, "bench/ceiling_step.html", context)


urlpatterns = [
    path("ok", bare, name="bench-ok"),
    path("<str:renderer>/<str:pillar>/", step, name="bench-step"),
]
