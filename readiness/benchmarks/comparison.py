"""Where a firm stands among firms like it, from the cohort counts: its percentile on the
overall score and on each pillar, the cohort's median and middle half, and the cohort's size.

Computed when the result is viewed, so it is always "as of today": a stored comparison would go
stale as firms join, and the earliest firms (whose cohorts were too small when they finished)
would never get one. Two queries, whatever the number of assessments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from readiness.benchmarks.membership import measures
from readiness.benchmarks.models import OVERALL, CohortCount
from readiness.benchmarks.suppression import suppressed


class Cohort:
    """The cohorts tried, narrowest first."""

    SCOPE_AND_SIZE = "scope_and_size"
    SCOPE = "scope"
    SIZE = "size"
    EVERYONE = "everyone"
    ORDER = (SCOPE_AND_SIZE, SCOPE, SIZE, EVERYONE)
    DESCRIPTIONS = {
        SCOPE_AND_SIZE: _("firms in your business scope and of your size"),
        SCOPE: _("firms in your business scope, of any size"),
        SIZE: _("firms of your size, in any business scope"),
        EVERYONE: _("all firms that took the assessment"),
    }


def quantile(counts: Mapping[Decimal, int], p: Fraction) -> Decimal:
    """The p-quantile of the scores in `counts` (score -> how many firms), by linear
    interpolation between the two nearest ranks: position (n - 1) * p in the sorted scores,
    counted from 0 (Hyndman and Fan's method 7: Excel's QUARTILE.INC, NumPy's default, Python's
    statistics.quantiles(method="inclusive")). Exact: at most three decimals for quartiles."""
    n = sum(counts.values())
    position = (n - 1) * Fraction(p)
    below = int(position)
    fraction = position - below

    def at(rank: int) -> Decimal:
        seen = 0
        for score in sorted(counts):
            seen += counts[score]
            if rank < seen:
                return score
        raise IndexError(rank)

    low = at(below)
    if fraction == 0:
        return low
    high = at(below + 1)
    return _decimal(Fraction(low) + (Fraction(high) - Fraction(low)) * fraction)


def _decimal(value: Fraction) -> Decimal:
    # Exact: the denominators here divide 40. At least one decimal, like the scores.
    exact = (Decimal(value.numerator) / Decimal(value.denominator)).normalize()
    return exact if exact.as_tuple().exponent <= -1 else exact.quantize(Decimal("0.1"))


def percentile(counts: Mapping[Decimal, int], score: Decimal) -> Fraction:
    """The share of the cohort scoring lower than `score` plus half the share scoring the
    same, as an exact fraction of 1."""
    n = sum(counts.values())
    lower = sum(c for s, c in counts.items() if s < score)
    same = counts.get(score, 0)
    return (Fraction(lower) + Fraction(same, 2)) / n


@dataclass(frozen=True)
class Standing:
    key: str
    name: object
    score: Decimal
    percentile: Fraction
    median: Decimal
    lower_quartile: Decimal
    upper_quartile: Decimal

    @property
    def percent(self) -> Decimal:
        """The percentile as a percentage, one decimal, rounded half up."""
        value = Decimal(self.percentile.numerator * 100) / Decimal(self.percentile.denominator)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "name": str(self.name),
            "score": str(self.score),
            "percentile": str(self.percent),
            "median": str(self.median),
            "middle_half": [str(self.lower_quartile), str(self.upper_quartile)],
        }


def standing(key, name, score: Decimal, counts: Mapping[Decimal, int]) -> Standing:
    return Standing(
        key=key,
        name=name,
        score=score,
        percentile=percentile(counts, score),
        median=quantile(counts, Fraction(1, 2)),
        lower_quartile=quantile(counts, Fraction(1, 4)),
        upper_quartile=quantile(counts, Fraction(3, 4)),
    )


@dataclass(frozen=True)
class Comparison:
    """The firm's standing, or why there is none (`cohort` None: under MINIMUM_FIRMS in all)."""

    as_of: object
    cohort: str | None
    size: int
    total: int
    standings: list[Standing]

    @property
    def shown(self) -> bool:
        return self.cohort is not None

    @property
    def widened(self) -> bool:
        return self.cohort not in (None, Cohort.SCOPE_AND_SIZE)

    @property
    def cohort_description(self):
        return Cohort.DESCRIPTIONS.get(self.cohort, "")

    @property
    def overall(self) -> Standing | None:
        return self.standings[0] if self.standings else None

    @property
    def pillars(self) -> list[Standing]:
        return self.standings[1:]

    def fingerprint(self) -> str:
        """The figures alone, in no language: what a stored PDF of them stays valid for."""
        return repr(
            (self.cohort, self.size)
            + tuple(
                (s.key, s.percent, s.median, s.lower_quartile, s.upper_quartile)
                for s in self.standings
            )
        )

    def as_json(self) -> dict:
        if not self.shown:
            return {
                "as_of": self.as_of.isoformat(),
                "cohort": None,
                "reason": "fewer than 10 firms have been counted so far",
            }
        return {
            "as_of": self.as_of.isoformat(),
            "cohort": self.cohort,
            "cohort_description": str(self.cohort_description),
            "cohort_size": self.size,
            "percentile_method": "share scoring lower plus half the share scoring the same",
            "quartile_method": "linear interpolation between nearest ranks (Hyndman-Fan 7)",
            "overall": self.overall.as_json(),
            "pillars": [s.as_json() for s in self.pillars],
        }


def _cohort_filter(cohort: str, assessment) -> Q:
    scope = Q(business_scope=assessment.business_scope)
    size = Q(employee_band=assessment.employee_band)
    return {
        Cohort.SCOPE_AND_SIZE: scope & size,
        Cohort.SCOPE: scope,
        Cohort.SIZE: size,
        Cohort.EVERYONE: Q(),
    }[cohort]


def compare(assessment) -> Comparison:
    """The assessment's comparison as of now: the narrowest cohort of at least MINIMUM_FIRMS
    counted firms (scope and size, then scope, then size, then everyone)."""
    today = timezone.localdate()
    # Query 1: the size of every cohort at once, from the overall-score counts.
    sizes = CohortCount.objects.filter(measure=OVERALL).aggregate(
        **{
            cohort: Sum("count", filter=_cohort_filter(cohort, assessment), default=0)
            for cohort in Cohort.ORDER
        }
    )
    chosen = next((c for c in Cohort.ORDER if not suppressed(sizes[c])), None)
    if chosen is None:
        return Comparison(
            as_of=today, cohort=None, size=0, total=sizes[Cohort.EVERYONE], standings=[]
        )
    # Query 2: the chosen cohort's counts by measure and score.
    counts: dict[str, dict[Decimal, int]] = {}
    rows = (
        CohortCount.objects.filter(_cohort_filter(chosen, assessment), count__gt=0)
        .values_list("measure", "score")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for measure, score, n in rows:
        counts.setdefault(measure, {})[score] = n
    names = {p.key: p.name for p in assessment.questionnaire.pillars}
    standings = [
        standing(key, names.get(key, _("Overall score")), score, counts[key])
        for key, score in measures(assessment).items()
        if counts.get(key)
    ]
    return Comparison(
        as_of=today,
        cohort=chosen,
        size=sizes[chosen],
        total=sizes[Cohort.EVERYONE],
        standings=standings,
    )
