"""What a result says, built once from a stored assessment and shared by the result page,
its JSON twin and the PDF report."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from readiness.assessments.charts import BarChart, bar_chart
from readiness.assessments.questionnaire import Dimension, TierText
from readiness.assessments.scoring import TIER_FLOORS

WEAKEST_COUNT = 3


@dataclass(frozen=True)
class DimensionResult:
    dimension: Dimension
    score: Decimal

    @property
    def key(self) -> str:
        return self.dimension.key

    @property
    def name(self):
        return self.dimension.name

    @property
    def reading(self):
        d = self.dimension
        if self.score < Decimal("2.5"):
            return d.reading_low
        if self.score < Decimal("3.5"):
            return d.reading_mid
        return d.reading_high

    @property
    def next_step(self):
        return self.dimension.next_step

    @property
    def percent(self) -> int:
        return round(float(self.score) / 5 * 100)


@dataclass(frozen=True)
class PillarResult:
    key: str
    name: object
    score: Decimal
    dimensions: list[DimensionResult]


@dataclass(frozen=True)
class ResultSummary:
    overall: Decimal
    tier: TierText
    pillars: list[PillarResult]
    weakest: list[DimensionResult]
    chart: BarChart
    # The same chart laid out for a phone's width, labels above the bars.
    chart_compact: BarChart


def summarise(assessment) -> ResultSummary:
    q = assessment.questionnaire
    scores = assessment.scores
    pillars = []
    order = []
    for pillar in q.pillars:
        dims = [
            DimensionResult(dimension=d, score=Decimal(scores["dimensions"][d.key]))
            for d in pillar.dimensions
        ]
        order.extend(dims)
        pillars.append(
            PillarResult(
                key=pillar.key,
                name=pillar.name,
                score=Decimal(scores["pillars"][pillar.key]),
                dimensions=dims,
            )
        )
    # Lowest first; equal scores keep questionnaire order (sorted is stable).
    weakest = sorted(order, key=lambda d: d.score)[:WEAKEST_COUNT]
    rows = [(str(p.name), p.score) for p in pillars]
    return ResultSummary(
        overall=Decimal(scores["overall"]),
        tier=q.tier(assessment.tier),
        pillars=pillars,
        weakest=weakest,
        chart=bar_chart(rows),
        chart_compact=bar_chart(rows, compact=True),
    )


def as_json(assessment, summary: ResultSummary) -> dict:
    """The result's JSON twin: everything needed to re-check the score by hand."""
    q = assessment.questionnaire
    return {
        "questionnaire_version": assessment.questionnaire_version,
        "submitted_at": assessment.created_at.isoformat(),
        "overall_score": str(summary.overall),
        "tier": {"key": assessment.tier, "name": str(summary.tier.name)},
        "profile": {
            "business_scope": assessment.business_scope,
            "employee_band": assessment.employee_band,
            "listed": assessment.listed,
            "ai_functions": assessment.ai_functions,
            "difficulties": assessment.difficulties,
        },
        "pillars": [
            {
                "key": p.key,
                "name": str(p.name),
                "score": str(p.score),
                "dimensions": [
                    {"key": d.key, "name": str(d.name), "score": str(d.score)} for d in p.dimensions
                ],
            }
            for p in summary.pillars
        ],
        "weakest_dimensions": [d.key for d in summary.weakest],
        "answers": [
            {
                "question": key,
                "dimension": q.questions[key].dimension_key,
                "value": value,
            }
            for key, value in assessment.answers.items()
        ],
        "recommendations": assessment.recommendations,
        "dimension_advice": assessment.dimension_advice,
    }


def tier_bands() -> dict[str, str]:
    """Each tier's overall-score band in words, derived from scoring.TIER_FLOORS alone."""
    floors = sorted(TIER_FLOORS)
    bands = {}
    for i, (floor, key) in enumerate(floors):
        if i == 0:
            bands[key] = gettext("below %(a)s") % {"a": floors[1][0]}
        elif i == len(floors) - 1:
            bands[key] = gettext("%(a)s and above") % {"a": floor}
        else:
            upper = floors[i + 1][0] - Decimal("0.1")
            bands[key] = gettext("%(a)s to %(b)s") % {"a": floor, "b": upper}
    return bands
