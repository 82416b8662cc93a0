"""A team round's result: several colleagues' answers read as one firm's, and where they
disagree. Plain Python; the scoring contract (readiness.assessments.scoring) throughout.

Each dimension's team score is the mean of the respondents' exact dimension scores; pillars and
the overall score are means of those, as for one firm; the tier is read from the displayed
overall score. The spread of a dimension runs from the lowest to the highest displayed score a
respondent gave it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from readiness.assessments import scoring
from readiness.content.questionnaire import Questionnaire

TALK_FIRST_COUNT = 3
MINIMUM_RESPONSES = 2


class Role(models.TextChoices):
    OWNER = "owner", _("Owner or director")
    MANAGER = "manager", _("Manager")
    IT = "it", _("IT")
    OPERATIONS = "operations", _("Operations")
    STAFF = "staff", _("Other staff")


@dataclass(frozen=True)
class Answered:
    """One respondent: a role ("" when not said) and their answers."""

    role: str
    answers: dict


def role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else str(_("Role not given"))


def team_snapshot(questionnaire: Questionnaire, responses: list[Answered]) -> dict:
    """The team result as stored when a round closes (and shown while it is open): displayed
    scores as one-decimal strings, roles as keys, never a name."""
    results = [scoring.score(questionnaire, r.answers) for r in responses]
    dimensions = {}
    rows = []
    for key in questionnaire.dimensions:
        team = scoring.mean(result.dimensions[key] for result in results)
        dimensions[key] = team
        shown = [scoring.displayed(result.dimensions[key]) for result in results]
        lowest, highest = min(shown), max(shown)
        rows.append(
            {
                "key": key,
                "score": str(scoring.displayed(team)),
                "lowest": str(lowest),
                "highest": str(highest),
                "lowest_roles": _roles_at(responses, shown, lowest),
                "highest_roles": _roles_at(responses, shown, highest),
            }
        )
    pillars = {
        p.key: str(scoring.displayed(scoring.mean(dimensions[d.key] for d in p.dimensions)))
        for p in questionnaire.pillars
    }
    overall = scoring.displayed(scoring.mean(dimensions.values()))
    return {
        "questionnaire_version": questionnaire.version,
        "respondents": len(responses),
        "overall": str(overall),
        "tier": scoring.tier_for(overall),
        "pillars": pillars,
        "dimensions": rows,
        "talk_first": talk_first(rows),
    }


def _roles_at(responses: list[Answered], shown: list[Decimal], value: Decimal) -> list[str]:
    """The roles (each once, in the choices' order) of the respondents at `value`."""
    roles = {r.role for r, s in zip(responses, shown, strict=True) if s == value}
    return [role for role in [*Role.values, ""] if role in roles]


def talk_first(rows: list[dict]) -> list[str]:
    """The dimensions the team disagrees on most (widest spread first, the questionnaire's order
    between equals), at most three, and none the team agrees on."""
    spread = {row["key"]: Decimal(row["highest"]) - Decimal(row["lowest"]) for row in rows}
    disputed = [key for key in spread if spread[key] > 0]
    return sorted(disputed, key=lambda key: -spread[key])[:TALK_FIRST_COUNT]
