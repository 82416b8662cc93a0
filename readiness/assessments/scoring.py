"""Scoring: answers to dimension, pillar and overall scores and a tier. The scoring contract.

Exact arithmetic throughout (fractions); a score is rounded half-up to one decimal only for
display, and the tier is read from that displayed score (readiness.content.tiers) so the two
can never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from readiness.content import tiers
from readiness.content.questionnaire import Questionnaire

MIN_ANSWER, MAX_ANSWER = 1, 5


class ScoringError(ValueError):
    """The answers do not fit the questionnaire (missing, unknown or out-of-range)."""


def displayed(score: Fraction) -> Decimal:
    """The score as shown: one decimal, rounded half-up from the exact value."""
    tenths = math.floor(Fraction(score) * 10 + Fraction(1, 2))
    return Decimal(tenths).scaleb(-1)


def tier_for(score: Decimal | Fraction) -> str:
    """The tier key for a score, read from its displayed (one-decimal) value."""
    shown = score if isinstance(score, Decimal) else displayed(score)
    return tiers.tier_for(shown).key


def weakest(dimensions: Mapping[str, Decimal], count: int) -> list[str]:
    """The `count` lowest displayed dimension scores, lowest first; equal scores keep the
    questionnaire's order (the mapping's)."""
    return sorted(dimensions, key=lambda key: dimensions[key])[:count]


def mean(values) -> Fraction:
    values = [Fraction(v) for v in values]
    return sum(values, Fraction(0)) / len(values)


@dataclass(frozen=True)
class Result:
    dimensions: dict[str, Fraction]
    pillars: dict[str, Fraction]
    overall: Fraction

    @property
    def overall_displayed(self) -> Decimal:
        return displayed(self.overall)

    @property
    def tier(self) -> str:
        return tier_for(self.overall_displayed)

    def as_strings(self) -> dict:
        """Displayed scores as one-decimal strings, the form stored and published."""
        return {
            "overall": str(self.overall_displayed),
            "pillars": {k: str(displayed(v)) for k, v in self.pillars.items()},
            "dimensions": {k: str(displayed(v)) for k, v in self.dimensions.items()},
        }


def validate_answers(questionnaire: Questionnaire, answers: Mapping[str, int]) -> dict[str, int]:
    expected = set(questionnaire.questions)
    missing = expected - set(answers)
    unknown = set(answers) - expected
    if missing:
        raise ScoringError(f"missing answers: {', '.join(sorted(missing))}")
    if unknown:
        # Keys may be of any type, so they are sorted as text.
        raise ScoringError(f"unknown questions: {', '.join(sorted(map(str, unknown)))}")
    clean = {}
    for key, value in answers.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise ScoringError(f"answer to {key} must be a whole number, not {value!r}")
        if not MIN_ANSWER <= value <= MAX_ANSWER:
            raise ScoringError(f"answer to {key} must be {MIN_ANSWER} to {MAX_ANSWER}, not {value}")
        clean[key] = value
    return clean


def score(questionnaire: Questionnaire, answers: Mapping[str, int]) -> Result:
    """Dimension = mean of its answers; pillar = mean of its dimensions; overall = mean of all
    dimensions, each weighing the same."""
    answers = validate_answers(questionnaire, answers)
    dimensions: dict[str, Fraction] = {}
    pillars: dict[str, Fraction] = {}
    for pillar in questionnaire.pillars:
        for dimension in pillar.dimensions:
            dimensions[dimension.key] = mean(answers[q.key] for q in dimension.questions)
        pillars[pillar.key] = mean(dimensions[d.key] for d in pillar.dimensions)
    return Result(dimensions=dimensions, pillars=pillars, overall=mean(dimensions.values()))
