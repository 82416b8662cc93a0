"""Builders for the workspace tests: assessments with chosen dimension scores, team answers."""

from readiness.workspaces.models import Workspace
from tests.factory import make_assessment, questionnaire


def answers_with(base: int, **dimensions: tuple[int, ...]) -> dict[str, int]:
    """Every answer `base`, except the named dimensions' questions, answered in order."""
    answers = {key: base for key in questionnaire().questions}
    for key, values in dimensions.items():
        for question, value in zip(questionnaire().dimensions[key].questions, values, strict=True):
            answers[question.key] = value
    return answers


BEFORE = answers_with(3, leadership=(2, 2), use_cases=(1, 2), data_quality=(1, 1))
AFTER = answers_with(4, leadership=(5, 4), use_cases=(1, 2), data_quality=(1, 2))


def workspace_with(*answer_sets, **profile) -> Workspace:
    first, *rest = answer_sets
    workspace = Workspace.start_with(make_assessment(first, **profile))
    for answers in rest:
        workspace.add(make_assessment(answers, **profile))
    return workspace


def team_fields(answers: dict[str, int], role: str = "", share: bool = False) -> dict:
    data = {"respondent-role": role}
    if share:
        data["respondent-shares_own_result"] = "on"
    for pillar in questionnaire().pillars:
        for q in pillar.questions:
            data[f"{pillar.key}-{q.key}"] = str(answers[q.key])
    return data


# A round of three: the owner says 4 everywhere, the manager 2, IT 3 but for three dimensions.
OWNER = answers_with(4)
MANAGER = answers_with(2)
IT = answers_with(3, leadership=(1, 1), data_quality=(5, 5), ai_tools=(5, 4))
