"""A colleague answers a team round from its invitation link: every pillar on one page, an
optional role, and whether the workspace owner may see their own result. The link only
answers; it never opens the workspace."""

import secrets

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from readiness.firms.forms import ChoiceList, PillarForm
from readiness.security.headers import secret_address_page
from readiness.workspaces.models import MAX_RESPONSES, TeamRound
from readiness.workspaces.team import Role

# A random key of this browser, kept in its session: one response per browser a round.
BROWSER_KEY = "readiness_respondent"


class RespondentForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Your role (optional)"),
        help_text=_("Only your role is shown with your answers, never your name."),
        choices=Role.choices,
        required=False,
        widget=ChoiceList,
    )
    shares_own_result = forms.BooleanField(
        label=_(
            "Show my own result to the person who invited me. Without this, they see only the "
            "team's combined result."
        ),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


def browser_key(request) -> str:
    key = request.session.get(BROWSER_KEY)
    if not key:
        key = request.session[BROWSER_KEY] = secrets.token_urlsafe(24)
    return key


def _round_or_404(invitation: str) -> TeamRound:
    team_round = TeamRound.objects.select_related("workspace").with_invitation(invitation)
    if team_round is None:
        raise Http404
    return team_round


def _unavailable(request, problem: str):
    status = {"closed": 410, "full": 409, "answered": 200}[problem]
    return render(request, "firms/team_unavailable.html", {"problem": problem}, status=status)


@require_http_methods(["GET", "POST"])
@secret_address_page
def answer(request, invitation):
    team_round = _round_or_404(invitation)
    if not team_round.is_open:
        return _unavailable(request, "closed")
    key = request.session.get(BROWSER_KEY)
    if key and team_round.responses.filter(browser=key).exists():
        return redirect("firms:team_answered", invitation=invitation)
    q = team_round.questionnaire
    data = request.POST if request.method == "POST" else None
    respondent = RespondentForm(data, prefix="respondent")
    pillar_forms = [
        PillarForm(data, pillar=pillar, version=q.version, prefix=pillar.key)
        for pillar in q.pillars
    ]
    if data is not None and respondent.is_valid() and all(f.is_valid() for f in pillar_forms):
        answers = {}
        for form in pillar_forms:
            answers.update(form.cleaned_data)
        _response, problem = team_round.answer(
            browser=browser_key(request),
            role=respondent.cleaned_data["role"],
            shares_own_result=respondent.cleaned_data["shares_own_result"],
            answers=answers,
        )
        if problem and problem != "answered":
            return _unavailable(request, problem)
        return redirect("firms:team_answered", invitation=invitation)
    if data is None and team_round.responses.count() >= MAX_RESPONSES:
        return _unavailable(request, "full")
    missing = sum(len(f.errors) for f in pillar_forms) if data is not None else 0
    return render(
        request,
        "firms/team_answer.html",
        {
            "team_round": team_round,
            "questionnaire": q,
            "respondent": respondent,
            "pillar_forms": pillar_forms,
            "missing": missing,
        },
    )


@require_GET
@secret_address_page
def answered(request, invitation):
    """Thanks, and the respondent's own result."""
    team_round = _round_or_404(invitation)
    key = request.session.get(BROWSER_KEY)
    response = team_round.responses.filter(browser=key).first() if key else None
    if response is None:
        if not team_round.is_open:
            return _unavailable(request, "closed")
        return redirect("firms:team_answer", invitation=invitation)
    q = team_round.questionnaire
    return render(
        request,
        "firms/team_answered.html",
        {
            "response": response,
            "tier": q.tier(response.tier),
            "dimensions": [
                (d.name, response.scores["dimensions"][d.key]) for d in q.dimensions.values()
            ],
        },
    )
