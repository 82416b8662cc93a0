"""What the workspace's pages show, built from stored rows: the history, the change since the
previous assessment, and a team round's result in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext

from readiness.advisors.retention import delete_assessments
from readiness.assessments.models import Assessment
from readiness.content.questionnaire import load
from readiness.workspaces import team
from readiness.workspaces.history import history_chart
from readiness.workspaces.models import MAX_RESPONSES, TeamRound, Workspace
from readiness.workspaces.progress import Progress, Taken, compare

NEW_WORKSPACE_KEY = "readiness_new_workspace"


def progress_between(previous: Assessment | None, current: Assessment) -> Progress | None:
    if previous is None:
        return None
    return compare(Taken.of(previous), Taken.of(current))


def on_result_page(assessment: Assessment) -> dict:
    """The result page's part: whether the assessment is kept in a workspace and, if so, what
    moved since the one before it."""
    # Read with the assessment when the view selects it (no query of its own).
    entry = getattr(assessment, "workspace_entry", None)
    if entry is None:
        return {"workspace_entry": None, "progress": None}
    previous = (
        Assessment.objects.filter(
            workspace_entry__workspace_id=entry.workspace_id, created_at__lt=assessment.created_at
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    return {
        "workspace_entry": entry,
        "progress": progress_between(previous, assessment),
        "previous_assessment": previous,
    }


@dataclass(frozen=True)
class HistoryRow:
    assessment: Assessment
    overall: Decimal
    tier_name: str
    pillars: list[tuple[str, str]]  # (name, score)


def history(assessments: list[Assessment]) -> list[HistoryRow]:
    rows = []
    for a in assessments:
        q = a.questionnaire
        rows.append(
            HistoryRow(
                assessment=a,
                overall=Decimal(a.scores["overall"]),
                tier_name=str(q.tier(a.tier).name),
                pillars=[(str(p.name), a.scores["pillars"].get(p.key, "")) for p in q.pillars],
            )
        )
    return rows


def workspace_page(workspace: Workspace) -> dict:
    assessments = list(workspace.assessments())
    rows = history(assessments)
    chart_rows = [
        (date_format(timezone.localtime(r.assessment.created_at), "SHORT_DATE_FORMAT"), r.overall)
        for r in rows
    ]
    progress = progress_between(assessments[-2], assessments[-1]) if len(assessments) > 1 else None
    versions = sorted({a.questionnaire_version for a in assessments})
    return {
        "workspace": workspace,
        "history": rows,
        "newest_first": list(reversed(rows)),
        "chart": history_chart(chart_rows) if rows else None,
        "chart_compact": history_chart(chart_rows, compact=True) if rows else None,
        "progress": progress,
        "versions": versions,
        "rounds": list(workspace.rounds_listed()),
    }


def workspace_json(workspace: Workspace) -> dict:
    page = workspace_page(workspace)
    return {
        "created_at": workspace.created_at.isoformat(),
        "assessments": [
            {
                "submitted_at": r.assessment.created_at.isoformat(),
                "questionnaire_version": r.assessment.questionnaire_version,
                "overall_score": str(r.overall),
                "tier": r.assessment.tier,
                "pillars": r.assessment.scores["pillars"],
                "dimensions": r.assessment.scores["dimensions"],
            }
            for r in page["history"]
        ],
        "change_since_previous": page["progress"].as_json() if page["progress"] else None,
        "team_rounds": [
            {
                "number": r.number,
                "questionnaire_version": r.questionnaire_version,
                "opened_at": r.opened_at.isoformat(),
                "closed_at": r.closed_at.isoformat() if r.closed_at else None,
                "responses": r.response_count,
                "team_result": _without_responses(r.team_result),
            }
            for r in page["rounds"]
        ],
    }


def _without_responses(result):
    if result is None:
        return None
    return {
        **{k: v for k, v in result.items() if k != "responses"},
        "responses": [
            {"role": r["role"], "scores": r["scores"] if r["shares_own_result"] else None}
            for r in result.get("responses", [])
        ],
    }


@dataclass(frozen=True)
class TeamDimension:
    key: str
    name: str
    pillar: str
    score: str
    lowest: str
    highest: str
    lowest_roles: str
    highest_roles: str

    @property
    def spread(self) -> Decimal:
        return Decimal(self.highest) - Decimal(self.lowest)


@dataclass(frozen=True)
class SharedResult:
    number: int
    role: str
    overall: str
    tier_name: str
    dimensions: list[tuple[str, str]]


def _roles(keys: list[str]) -> str:
    return pgettext("between the items of a list", ", ").join(team.role_label(k) for k in keys)


def round_page(round: TeamRound) -> dict:
    """A round as its owner sees it: the team result from two responses on, the talk-first
    dimensions, and the own results of those who agreed to show them."""
    responses = list(round.responses.all())
    result = round.current_result(responses)
    q = load(result["questionnaire_version"]) if result else round.questionnaire
    dimensions, talk_first, pillars = [], [], []
    if result and "dimensions" in result:
        pillar_of = {d.key: p for p in q.pillars for d in p.dimensions}
        for row in result["dimensions"]:
            dimensions.append(
                TeamDimension(
                    key=row["key"],
                    name=str(q.dimensions[row["key"]].name),
                    pillar=str(pillar_of[row["key"]].name),
                    score=row["score"],
                    lowest=row["lowest"],
                    highest=row["highest"],
                    lowest_roles=_roles(row["lowest_roles"]),
                    highest_roles=_roles(row["highest_roles"]),
                )
            )
        by_key = {d.key: d for d in dimensions}
        talk_first = [by_key[k] for k in result["talk_first"]]
        pillars = [(str(p.name), result["pillars"][p.key]) for p in q.pillars]
    stored = result.get("responses") if result and round.team_result else None
    shared_source = stored if stored is not None else [r.as_snapshot() for r in responses]
    shared = [
        SharedResult(
            number=index,
            role=team.role_label(r["role"]),
            overall=r["scores"]["overall"],
            tier_name=str(q.tier(r["tier"]).name),
            dimensions=[
                (str(d.name), r["scores"]["dimensions"][d.key]) for d in q.dimensions.values()
            ],
        )
        for index, r in enumerate(shared_source, start=1)
        if r["shares_own_result"]
    ]
    return {
        "round": round,
        "response_count": len(shared_source),
        "result": result if result and "dimensions" in result else None,
        "team_tier": str(q.tier(result["tier"]).name) if result and "tier" in result else "",
        "pillars": pillars,
        "dimensions": dimensions,
        "talk_first": talk_first,
        "shared": shared,
        "minimum": team.MINIMUM_RESPONSES,
        "maximum_responses": MAX_RESPONSES,
    }


def delete_assessment(assessment: Assessment) -> None:
    delete_assessments(Assessment.objects.filter(pk=assessment.pk))
