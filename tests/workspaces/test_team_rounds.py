"""A team round: colleagues answer from an invitation link; the owner sees the team result, the
spread and what to talk about first; a closed round never changes."""

import pytest

from readiness.firms.team import BROWSER_KEY
from readiness.workspaces.models import MAX_RESPONSES, TeamResponse, TeamRound
from readiness.workspaces.team import Answered, team_snapshot
from tests.factory import questionnaire
from tests.workspaces.helpers import IT, MANAGER, OWNER, answers_with, team_fields, workspace_with

pytestmark = pytest.mark.django_db


def open_round():
    workspace = workspace_with(answers_with(3))
    return workspace, workspace.open_round()


def answer(client_class, team_round, answers, role="", share=False):
    """A colleague in a browser of their own."""
    client = client_class()
    response = client.post(team_round.invitation_url(), team_fields(answers, role, share))
    assert response.status_code == 302, response.content.decode()[-3000:]
    return client


def test_three_respondents_give_the_expected_team_scores_spreads_and_talk_first():
    result = team_snapshot(
        questionnaire(),
        [Answered("owner", OWNER), Answered("manager", MANAGER), Answered("it", IT)],
    )
    assert result["respondents"] == 3
    # 9 dimensions at 3.0, leadership 7/3, data quality 11/3, AI tools 3.5: 36.5 / 12.
    assert (result["overall"], result["tier"]) == ("3.0", "aware")
    assert result["pillars"] == {
        "organisation": "2.8",
        "business_value": "3.0",
        "data": "3.2",
        "infrastructure": "3.3",
        "governance": "3.0",
    }
    rows = {row["key"]: row for row in result["dimensions"]}
    assert rows["leadership"] == {
        "key": "leadership",
        "score": "2.3",
        "lowest": "1.0",
        "highest": "4.0",
        "lowest_roles": ["it"],
        "highest_roles": ["owner"],
    }
    assert rows["data_quality"] | {} == {
        "key": "data_quality",
        "score": "3.7",
        "lowest": "2.0",
        "highest": "5.0",
        "lowest_roles": ["manager"],
        "highest_roles": ["it"],
    }
    assert (rows["ai_tools"]["score"], rows["ai_tools"]["highest"]) == ("3.5", "4.5")
    assert (rows["culture"]["lowest"], rows["culture"]["highest"]) == ("2.0", "4.0")
    assert rows["culture"]["lowest_roles"] == ["manager"]
    # Spread 3.0 (questionnaire order between them), then 2.5.
    assert result["talk_first"] == ["leadership", "data_quality", "ai_tools"]


def test_a_team_that_agrees_has_nothing_to_talk_about_first():
    result = team_snapshot(questionnaire(), [Answered("", OWNER), Answered("staff", OWNER)])
    assert result["talk_first"] == []
    assert result["dimensions"][0]["lowest_roles"] == ["staff", ""]


def test_the_owner_sees_the_team_result_and_only_the_results_shared_with_them(client_factory):
    workspace, team_round = open_round()
    answer(client_factory, team_round, OWNER, "owner", share=True)
    page = lambda: client_factory().get(team_round.url()).content.decode()  # noqa: E731
    assert "The team result appears from 2 responses on." in page()
    answer(client_factory, team_round, MANAGER, "manager", share=False)
    answer(client_factory, team_round, IT, "it", share=True)
    html = page()
    assert "Talk about these first" in html
    assert '<span class="score-big">3.0</span>' in html
    leadership = questionnaire().dimensions["leadership"].name
    assert (
        f"<strong>{leadership}</strong>: from 1.0 to 4.0 (lowest: IT; highest: Owner or director)"
    ) in html
    assert "Respondent 1 (Owner or director)" in html
    assert "Respondent 3 (IT)" in html
    assert "Respondent 2" not in html


def test_a_respondent_sees_their_own_result_and_answers_once_per_browser(client):
    _, team_round = open_round()
    response = client.post(team_round.invitation_url(), team_fields(MANAGER, "manager"))
    assert response["Location"] == f"/team/{team_round.invitation}/thanks/"
    thanks = client.get(response["Location"]).content.decode()
    assert '<span class="score-big">2.0</span>' in thanks
    # The same browser again: sent to its thanks page, nothing stored twice.
    again = client.post(team_round.invitation_url(), team_fields(OWNER, "owner"))
    assert again.status_code == 302
    assert client.get(team_round.invitation_url())["Location"].endswith("/thanks/")
    assert team_round.responses.count() == 1
    assert team_round.responses.get().role == "manager"


def test_unanswered_questions_are_named_and_nothing_is_stored(client):
    _, team_round = open_round()
    fields = team_fields(OWNER)
    del fields["data-data_accuracy"]
    response = client.post(team_round.invitation_url(), fields)
    assert response.status_code == 200
    assert "1 question still needs an answer." in response.content.decode()
    assert TeamResponse.objects.count() == 0


def test_an_unknown_role_is_refused(client):
    _, team_round = open_round()
    response = client.post(team_round.invitation_url(), team_fields(OWNER, role="ceo"))
    assert response.status_code == 200
    assert TeamResponse.objects.count() == 0


def test_a_closed_round_keeps_its_result_and_takes_no_more_answers(client_factory):
    _, team_round = open_round()
    answer(client_factory, team_round, OWNER, "owner", share=True)
    answer(client_factory, team_round, MANAGER, "manager")
    closed = team_round.close()
    stored = TeamRound.objects.get(pk=team_round.pk).team_result
    assert stored["overall"] == "3.0" and stored["questionnaire_version"] == "2026.2"
    assert [(r["role"], r["scores"]["overall"]) for r in stored["responses"]] == [
        ("owner", "4.0"),
        ("manager", "2.0"),
    ]
    # A link used after closing: a friendly page, nothing stored.
    late = client_factory()
    page = late.get(team_round.invitation_url())
    assert page.status_code == 410
    assert "This team round has closed" in page.content.decode()
    assert late.post(team_round.invitation_url(), team_fields(IT)).status_code == 410
    assert team_round.responses.count() == 2
    # Closing again, or a response appearing afterwards, never changes the stored result.
    closed.close()
    TeamResponse.objects.create(
        round=closed, role="it", shares_own_result=True, answers=IT, scores={}, tier="", browser="x"
    )
    assert TeamRound.objects.get(pk=team_round.pk).team_result == stored


def test_a_round_takes_at_most_fifty_responses(client):
    _, team_round = open_round()
    TeamResponse.objects.bulk_create(
        TeamResponse(
            round=team_round,
            role="staff",
            shares_own_result=False,
            answers=OWNER,
            scores={"overall": "4.0"},
            tier="ready",
            browser=f"b{i}",
        )
        for i in range(MAX_RESPONSES)
    )
    assert client.get(team_round.invitation_url()).status_code == 409
    assert client.post(team_round.invitation_url(), team_fields(OWNER)).status_code == 409
    assert team_round.responses.count() == MAX_RESPONSES


def test_the_browser_key_is_kept_in_the_session(client):
    _, team_round = open_round()
    client.post(team_round.invitation_url(), team_fields(OWNER))
    assert team_round.responses.get().browser == client.session[BROWSER_KEY]


def test_opening_a_round_while_one_is_open_goes_to_the_open_one(client):
    workspace, team_round = open_round()
    response = client.post(f"/workspace/{workspace.token}/rounds/")
    assert response["Location"] == team_round.url()
    team_round.close()
    response = client.post(f"/workspace/{workspace.token}/rounds/")
    assert response["Location"] == f"/workspace/{workspace.token}/rounds/2/"
