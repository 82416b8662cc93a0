"""Advisors see a workspace's assessments in order, its rounds and their team results, read
only, and never a private link."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from readiness.advisors.retention import erase_expired
from readiness.advisors.roles import ADVISOR
from readiness.workspaces.models import TeamRound
from tests.workspaces.helpers import AFTER, BEFORE, IT, MANAGER, OWNER, workspace_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor_client(settings):
    settings.AXES_ENABLED = False  # force_login carries no address (see tests/advisors)
    user = User.objects.create_user("mei", is_staff=True)
    user.groups.add(Group.objects.get(name=ADVISOR))
    client = Client()
    client.force_login(user)
    return client


def a_round_of_three(workspace):
    team_round = workspace.open_round()
    for browser, (answers, role) in enumerate(((OWNER, "owner"), (MANAGER, "manager"), (IT, "it"))):
        team_round.answer(browser=str(browser), role=role, shares_own_result=False, answers=answers)
    return team_round.close()


def test_an_advisor_sees_the_assessments_in_order_the_rounds_and_the_team_result(advisor_client):
    workspace = workspace_with(BEFORE, AFTER, company_name="Harbour Print Ltd")
    team_round = a_round_of_three(workspace)
    listing = advisor_client.get(reverse("admin:workspaces_workspace_changelist"))
    assert listing.status_code == 200
    page = advisor_client.get(reverse("admin:workspaces_workspace_change", args=[workspace.pk]))
    html = page.content.decode()
    first, second = workspace.assessments()
    assert html.index(f"/assessments/assessment/{first.pk}/change/") < html.index(
        f"/assessments/assessment/{second.pk}/change/"
    )
    assert "2.6" in html and "3.6" in html
    assert reverse("admin:workspaces_teamround_change", args=[team_round.pk]) in html
    round_page = advisor_client.get(
        reverse("admin:workspaces_teamround_change", args=[team_round.pk])
    ).content.decode()
    assert "Talk about these first: Management support and AI strategy, Data quality" in round_page
    for secret in (workspace.token, team_round.invitation, first.token):
        assert secret not in html and secret not in round_page


def test_advisors_cannot_change_or_delete_workspaces(advisor_client):
    workspace = workspace_with(BEFORE)
    url = reverse("admin:workspaces_workspace_delete", args=[workspace.pk])
    assert advisor_client.post(url, {"post": "yes"}).status_code == 403
    assert workspace.assessments().count() == 1


def test_retention_erases_the_company_name_of_a_workspace_s_assessments_and_keeps_the_history():
    workspace = workspace_with(BEFORE, AFTER, company_name="Harbour Print Ltd")
    team_round = a_round_of_three(workspace)
    latest = workspace.assessments().last()
    erase_expired(latest.created_at.replace(year=latest.created_at.year + 1))
    assert [a.company_name for a in workspace.assessments()] == ["", ""]
    assert workspace.assessments().count() == 2
    assert TeamRound.objects.get(pk=team_round.pk).team_result["respondents"] == 3
