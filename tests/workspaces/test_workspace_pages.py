"""The workspace by its private link: created from a result, shown once, listing the history
and rounds; deletion; "Assess again"; its JSON twin; tokens and query counts."""

import json
import re

import pytest

from readiness.assessments.models import Assessment, PillarScore
from readiness.workspaces.models import Entry, TeamResponse, TeamRound, Workspace
from tests.factory import complete_wizard, make_assessment, step_post
from tests.workspaces.helpers import AFTER, BEFORE, OWNER, team_fields, workspace_with

pytestmark = pytest.mark.django_db


def test_keep_track_creates_a_workspace_whose_link_is_shown_once(client):
    assessment = make_assessment(BEFORE)
    result = client.get(assessment.result_url()).content.decode()
    assert "Keep track of your progress" in result
    response = client.post(f"/result/{assessment.token}/workspace/")
    workspace = Workspace.objects.get()
    assert response["Location"] == f"/workspace/{workspace.token}/"
    assert len(workspace.token) >= 43  # 256 random bits, never an id
    first = client.get(response["Location"]).content.decode()
    assert "Bookmark this page now" in first
    assert f"http://testserver/workspace/{workspace.token}/" in first
    assert "Bookmark this page now" not in client.get(response["Location"]).content.decode()
    # Kept once: a second click neither makes another workspace nor reveals the link.
    again = client.post(f"/result/{assessment.token}/workspace/")
    assert again["Location"] == assessment.result_url() + "#workspace"
    assert Workspace.objects.count() == 1
    html = client.get(assessment.result_url()).content.decode()
    assert "This result is kept in your workspace." in html
    assert workspace.token not in html


def test_the_workspace_lists_assessments_with_history_and_rounds(client):
    workspace = workspace_with(BEFORE, AFTER)
    workspace.open_round()
    response = client.get(workspace.url())
    html = response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    assert '<polyline points="' in html  # the server-drawn history
    assert '<desc id="history-desc">' in html
    newest = html.index('history-overall">3.6</td>')
    assert newest < html.index('history-overall">2.6</td>')  # newest first
    assert "What moved since the assessment before" in html
    assert "Team round 1" in html and "0 responses" in html


@pytest.mark.parametrize(
    "token",
    ["x" * 43, "short", "a" * 65, "bad%20chars" + "a" * 40],
)
def test_unknown_or_tampered_workspace_links_are_404(client, token):
    workspace_with(BEFORE)
    assert client.get(f"/workspace/{token}/").status_code == 404
    assert client.get(f"/workspace/{token}.json").status_code == 404
    assert client.post(f"/workspace/{token}/delete/").status_code == 404


def test_a_tampered_link_is_404_and_a_respondent_link_cannot_open_the_workspace(client):
    workspace = workspace_with(BEFORE)
    team_round = workspace.open_round()
    tampered = workspace.token[:-1] + ("A" if workspace.token[-1] != "A" else "B")
    assert client.get(f"/workspace/{tampered}/").status_code == 404
    assert client.get(f"/workspace/{team_round.invitation}/").status_code == 404
    assert client.get(f"/workspace/{team_round.invitation}/rounds/1/").status_code == 404
    assert client.get(f"/team/{workspace.token}/").status_code == 404
    assert client.get(f"/team/{team_round.invitation[:-2]}/").status_code == 404
    assert client.get(f"/workspace/{workspace.token}/rounds/9/").status_code == 404
    # The invitation page never carries the workspace's link.
    assert workspace.token not in client.get(team_round.invitation_url()).content.decode()


def test_deleting_one_assessment_keeps_the_rest(client):
    workspace = workspace_with(BEFORE, AFTER)
    first, second = workspace.assessments()
    url = f"/workspace/{workspace.token}/assessments/{first.pk}/delete/"
    assert "Delete this assessment?" in client.get(url).content.decode()
    assert client.post(url)["Location"] == workspace.url() + "#history"
    assert list(workspace.assessments()) == [second]
    assert not PillarScore.objects.filter(assessment_id=first.pk).exists()
    # Another workspace's assessment is not found through this one.
    other = workspace_with(BEFORE).assessments().get()
    assert (
        client.post(f"/workspace/{workspace.token}/assessments/{other.pk}/delete/").status_code
        == 404
    )
    assert Assessment.objects.filter(pk=other.pk).exists()


def test_deleting_the_workspace_deletes_everything_in_it(client):
    workspace = workspace_with(BEFORE, AFTER)
    team_round = workspace.open_round()
    client.post(team_round.invitation_url(), team_fields(OWNER))
    kept = make_assessment(BEFORE)
    page = client.get(f"/workspace/{workspace.token}/delete/").content.decode()
    assert "2 assessments, with their answers" in page and "1 team round" in page
    response = client.post(f"/workspace/{workspace.token}/delete/")
    assert response["Location"] == "/workspace-deleted/"
    assert list(Assessment.objects.all()) == [kept]
    assert not (Workspace.objects.exists() or Entry.objects.exists())
    assert not (TeamRound.objects.exists() or TeamResponse.objects.exists())
    assert client.get(workspace.url()).status_code == 404
    assert client.get(team_round.invitation_url()).status_code == 404


def test_assess_again_prefills_the_profile_and_no_answers_and_joins_the_workspace(client):
    profile = {"company_name": "Harbour Print Ltd", "employee_band": "50-99", "listed": True}
    workspace = workspace_with(BEFORE, **profile)
    response = client.post(f"/workspace/{workspace.token}/assess-again/")
    assert response["Location"] == "/assessment/?reset&again"
    client.get(response["Location"])
    html = client.get("/assessment/profile/").content.decode()
    assert 'value="Harbour Print Ltd"' in html
    assert re.search(r'value="50-99" id="[^"]+" required checked>', html)
    assert re.search(r'name="profile-listed" value="yes" id="[^"]+" required checked>', html)
    assert re.search(r'value="food_beverage" selected', html)
    # The profile as it was; every answer chosen afresh.
    assert (
        client.post(
            "/assessment/profile/",
            step_post(
                "profile",
                {
                    "company_name": "Harbour Print Ltd",
                    "business_scope": "food_beverage",
                    "employee_band": "50-99",
                    "listed": "yes",
                },
            ),
        ).status_code
        == 302
    )
    pillar = client.get("/assessment/organisation/").content.decode()
    assert pillar.count('type="radio"') == 30 and " checked>" not in pillar
    new = complete_wizard(
        client,
        AFTER,
        profile={
            "company_name": "Harbour Print Ltd",
            "business_scope": "food_beverage",
            "employee_band": "50-99",
            "listed": "yes",
        },
    )
    assert list(workspace.assessments())[-1] == new
    assert "Your progress since" in client.get(new.result_url()).content.decode()


def test_a_plain_new_assessment_does_not_join_the_workspace(client):
    workspace = workspace_with(BEFORE)
    client.post(f"/workspace/{workspace.token}/assess-again/")
    client.get("/assessment/?reset")  # "Take the assessment again" instead
    new = complete_wizard(client, AFTER)
    assert not Entry.objects.filter(assessment=new).exists()
    assert workspace.assessments().count() == 1


def test_the_json_twin_carries_the_history_changes_and_rounds(client):
    workspace = workspace_with(BEFORE, AFTER)
    workspace.open_round().close()
    body = json.loads(client.get(f"/workspace/{workspace.token}.json").content)
    assert [a["overall_score"] for a in body["assessments"]] == ["2.6", "3.6"]
    change = body["change_since_previous"]
    assert change["overall"] == {
        "key": "overall",
        "before": "2.6",
        "after": "3.6",
        "change": "+1.0",
        "direction": "up",
    }
    assert change["tier"] == {"before": "aware", "after": "ready"}
    assert [p["improved"] for p in change["previous_priorities"]] == [True, False, True]
    assert body["team_rounds"][0]["responses"] == 0
    assert body["team_rounds"][0]["closed_at"] is not None
    assert workspace.token not in json.dumps(body)


def test_the_workspace_page_makes_the_same_queries_for_20_assessments_and_5_rounds(
    client, django_assert_num_queries
):
    small = workspace_with(BEFORE, AFTER)
    small.open_round()
    with django_assert_num_queries(3) as small_queries:
        assert client.get(small.url()).status_code == 200
    big = workspace_with(*([BEFORE, AFTER] * 10))
    for _ in range(5):
        team_round = big.open_round()
        TeamResponse.objects.create(
            round=team_round,
            role="",
            shares_own_result=False,
            answers=OWNER,
            scores={},
            tier="ready",
            browser="b",
        )
        team_round.close()
    assert big.assessments().count() == 20
    with django_assert_num_queries(len(small_queries)):
        html = client.get(big.url()).content.decode()
    assert html.count("Team round ") == 5


def test_keep_track_of_an_unknown_result_is_404_and_a_get_is_refused(client):
    assert client.post("/result/" + "x" * 43 + "/workspace/").status_code == 404
    assessment = make_assessment(BEFORE)
    assert client.get(f"/result/{assessment.token}/workspace/").status_code == 405
    assert not Workspace.objects.exists()
