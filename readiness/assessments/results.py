"""What a result's scores say, built once from a stored assessment and shared by the result
page, its JSON twin, the PDF report and the advisors' admin."""

from dataclasses import dataclass
from decimal import Decimal

from readiness.assessments import scoring
from readiness.assessments.charts import BarChart, bar_chart
from readiness.content.questionnaire import Dimension, TierText

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
        return self.dimension.reading(self.score)

    @property
    def next_step(self):
        return self.dimension.next_step(self.score)

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
    by_key = {d.key: d for d in order}
    weakest_keys = scoring.weakest({d.key: d.score for d in order}, WEAKEST_COUNT)
    weakest = [by_key[key] for key in weakest_keys]
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
    """The scores' part of the result's JSON twin: everything needed to re-check the score by
    hand."""
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
            {"question": key, "dimension": q.questions[key].dimension_key, "value": value}
            for key, value in assessment.answers.items()
        ],
    }
