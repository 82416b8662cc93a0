"""The workspace's pages: thin views over readiness.workspaces.pages and the models. Every page
is opened by the workspace's private link; an unknown or tampered link is a 404."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from readiness.assessments.models import Assessment
from readiness.security.headers import secret_address_page
from readiness.workspaces import pages
from readiness.workspaces.models import TeamRound, Workspace

# Set by "Assess again", read by the wizard: the workspace the next assessment goes into.
ASSESS_AGAIN_KEY = "readiness_assess_again"


def _workspace_or_404(token: str) -> Workspace:
    workspace = Workspace.objects.with_token(token)
    if workspace is None:
        raise Http404
    return workspace


@require_POST
@secret_address_page
def create(request, token):
    """ "Keep track of your progress" on a result page: a workspace holding that result."""
    assessment = Assessment.objects.with_token(token)
    if assessment is None:
        raise Http404
    workspace = Workspace.start_with(assessment)
    if workspace is None:
        return redirect(assessment.result_url() + "#workspace")
    request.session[pages.NEW_WORKSPACE_KEY] = workspace.token
    return redirect(workspace.url())


@require_GET
@secret_address_page
def workspace(request, token):
    workspace = _workspace_or_404(token)
    context = pages.workspace_page(workspace)
    just_created = request.session.get(pages.NEW_WORKSPACE_KEY) == workspace.token
    if just_created:
        del request.session[pages.NEW_WORKSPACE_KEY]
    context["just_created"] = just_created
    context["workspace_link"] = request.build_absolute_uri(workspace.url())
    return render(request, "workspaces/workspace.html", context)


@require_GET
@secret_address_page
def workspace_json(request, token):
    body = pages.workspace_json(_workspace_or_404(token))
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Language"] = request.LANGUAGE_CODE
    return response


@require_POST
@secret_address_page
def assess_again(request, token):
    """The wizard from the start, the profile filled in from the latest assessment."""
    workspace = _workspace_or_404(token)
    request.session[ASSESS_AGAIN_KEY] = workspace.token
    return redirect(reverse("firms:start") + "?reset&again")


def profile_for_next_assessment(request) -> dict | None:
    """The profile step's initial values after "Assess again", or None."""
    token = request.session.get(ASSESS_AGAIN_KEY)
    workspace = Workspace.objects.with_token(token) if token else None
    latest = workspace.latest_assessment() if workspace else None
    if latest is None:
        return None
    yes_no = {True: "yes", False: "no", None: None}
    return {
        "company_name": latest.company_name,
        "business_scope": latest.business_scope,
        "trade_type": latest.trade_type,
        "hk_production_line": yes_no[latest.hk_production_line],
        "employee_band": latest.employee_band,
        "listed": yes_no[latest.listed],
        "ai_functions": list(latest.ai_functions),
        "difficulties": list(latest.difficulties),
    }


def keep_in_workspace(request, assessment) -> None:
    """After "Assess again", the new assessment joins the workspace."""
    token = request.session.pop(ASSESS_AGAIN_KEY, None)
    workspace = Workspace.objects.with_token(token) if token else None
    if workspace is not None:
        workspace.add(assessment)


@require_http_methods(["GET", "POST"])
@secret_address_page
def remove_assessment(request, token, pk):
    """Delete one assessment of the workspace; the others stay."""
    workspace = _workspace_or_404(token)
    assessment = get_object_or_404(workspace.assessments(), pk=pk)
    if request.method == "POST":
        pages.delete_assessment(assessment)
        return redirect(workspace.url() + "#history")
    return render(
        request,
        "workspaces/remove_assessment.html",
        {"workspace": workspace, "assessment": assessment},
    )


@require_http_methods(["GET", "POST"])
@secret_address_page
def delete(request, token):
    workspace = _workspace_or_404(token)
    if request.method == "POST":
        workspace.delete_everything()
        return redirect("workspaces:deleted")
    return render(
        request,
        "workspaces/delete.html",
        {
            "workspace": workspace,
            "assessment_count": workspace.entries.count(),
            "round_count": workspace.rounds.count(),
        },
    )


@require_GET
def deleted(request):
    return render(request, "workspaces/deleted.html")


@require_POST
@secret_address_page
def open_round(request, token):
    workspace = _workspace_or_404(token)
    return redirect(workspace.open_round().url())


def _round_or_404(token: str, number: int) -> TeamRound:
    workspace = _workspace_or_404(token)
    return get_object_or_404(workspace.rounds.select_related("workspace"), number=number)


@require_GET
@secret_address_page
def round_page(request, token, number):
    team_round = _round_or_404(token, number)
    context = pages.round_page(team_round)
    context["invitation_link"] = request.build_absolute_uri(team_round.invitation_url())
    return render(request, "workspaces/round.html", context)


@require_POST
@secret_address_page
def close_round(request, token, number):
    team_round = _round_or_404(token, number).close()
    return redirect(team_round.url())
