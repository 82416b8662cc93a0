"""What moved between two assessments of one firm: overall, each pillar and each dimension,
the tier, and the previous plan's priorities. Plain Python over stored assessments.

Only dimensions present in both questionnaire versions are compared; the overall and pillar
scores compared are the scoring contract's means over those dimensions, so a dimension that
one version lacks never moves them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from readiness.assessments import scoring
from readiness.content import tiers
from readiness.content.questionnaire import Questionnaire


@dataclass(frozen=True)
class Taken:
    """One assessment as the comparison needs it."""

    questionnaire: Questionnaire
    answers: dict
    tier: str
    plan: tuple[str, ...]  # the dimensions of the plan the firm was shown

    @classmethod
    def of(cls, assessment) -> Taken:
        plan = (assessment.advice or {}).get("plan") or []
        return cls(
            questionnaire=assessment.questionnaire,
            answers=assessment.answers,
            tier=assessment.tier,
            plan=tuple(item["dimension"] for item in plan if isinstance(item, dict)),
        )

    def dimensions(self) -> dict[str, Fraction]:
        return scoring.score(self.questionnaire, self.answers).dimensions


@dataclass(frozen=True)
class Change:
    key: str
    name: object
    before: Decimal
    after: Decimal

    @property
    def delta(self) -> Decimal:
        return self.after - self.before

    @property
    def direction(self) -> str:
        """ "up", "down" or "same", read from the displayed scores."""
        if self.delta > 0:
            return "up"
        return "down" if self.delta < 0 else "same"

    @property
    def by(self) -> Decimal:
        return abs(self.delta)

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "before": str(self.before),
            "after": str(self.after),
            "change": f"{self.delta:+}",
            "direction": self.direction,
        }


@dataclass(frozen=True)
class Progress:
    before_version: str
    after_version: str
    overall: Change
    tier_before: str
    tier_after: str
    pillars: list[Change]
    dimensions: list[Change]
    # Each compared pillar with its compared dimensions, for display.
    groups: list[tuple[Change, list[Change]]]
    # Dimension names of either version that the other lacks: not compared.
    left_out: list
    # The previous plan's priorities, compared.
    priorities: list[Change]

    @property
    def versions_differ(self) -> bool:
        return self.before_version != self.after_version

    @property
    def tier_changed(self) -> bool:
        return self.tier_before != self.tier_after

    @property
    def tier_before_name(self):
        return tiers.BY_KEY[self.tier_before].name

    @property
    def tier_after_name(self):
        return tiers.BY_KEY[self.tier_after].name

    @property
    def tier_direction(self) -> str:
        before, after = tiers.rank(self.tier_before), tiers.rank(self.tier_after)
        if after > before:
            return "up"
        return "down" if after < before else "same"

    @property
    def improved_priorities(self) -> list[Change]:
        return [c for c in self.priorities if c.direction == "up"]

    def as_json(self) -> dict:
        return {
            "questionnaire_versions": [self.before_version, self.after_version],
            "overall": self.overall.as_json(),
            "tier": {"before": self.tier_before, "after": self.tier_after},
            "pillars": [c.as_json() for c in self.pillars],
            "dimensions": [c.as_json() for c in self.dimensions],
            "not_compared": sorted(self.left_out_keys),
            "previous_priorities": [
                {**c.as_json(), "improved": c.direction == "up"} for c in self.priorities
            ],
        }

    left_out_keys: tuple[str, ...] = ()


def compare(before: Taken, after: Taken) -> Progress | None:
    """The change from `before` to `after`, over the dimensions both questionnaires have, in
    the later questionnaire's order; None when they share none."""
    old_dims, new_dims = before.dimensions(), after.dimensions()
    names = after.questionnaire.dimensions
    common = [key for key in new_dims if key in old_dims]
    if not common:
        return None
    left_out_keys = [k for k in new_dims if k not in old_dims] + [
        k for k in old_dims if k not in new_dims
    ]
    every_name = {**before.questionnaire.dimensions, **names}

    def change(key, name, old: Fraction, new: Fraction) -> Change:
        return Change(key, name, scoring.displayed(old), scoring.displayed(new))

    dimensions = [change(k, names[k].name, old_dims[k], new_dims[k]) for k in common]
    by_key = {c.key: c for c in dimensions}
    pillars, groups = [], []
    for pillar in after.questionnaire.pillars:
        keys = [d.key for d in pillar.dimensions if d.key in old_dims]
        if keys:
            pillar_change = change(
                pillar.key,
                pillar.name,
                scoring.mean(old_dims[k] for k in keys),
                scoring.mean(new_dims[k] for k in keys),
            )
            pillars.append(pillar_change)
            groups.append((pillar_change, [by_key[k] for k in keys]))
    overall = change(
        "overall",
        "",
        scoring.mean(old_dims[k] for k in common),
        scoring.mean(new_dims[k] for k in common),
    )
    return Progress(
        before_version=before.questionnaire.version,
        after_version=after.questionnaire.version,
        overall=overall,
        tier_before=before.tier,
        tier_after=after.tier,
        pillars=pillars,
        dimensions=dimensions,
        groups=groups,
        left_out=[every_name[k].name for k in left_out_keys],
        priorities=[by_key[k] for k in before.plan if k in by_key],
        left_out_keys=tuple(left_out_keys),
    )
