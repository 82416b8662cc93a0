"""Where Hong Kong's SMEs stand: the dashboard's figures as a handful of grouped SQL queries
(each one pass over the table, on SQLite and PostgreSQL alike). COUNT(*) rather than a column
lets PostgreSQL answer from an index alone."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from readiness.assessments.models import Assessment, DifficultyMention, PillarScore
from readiness.content.questionnaire import current_questionnaire

MONTHS_SHOWN = 12
TOP_DIFFICULTIES = 10


@dataclass
class Breakdown:
    """Tier counts for one group of firms (a business scope or a size band)."""

    key: str
    label: str
    tiers: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.tiers.values())


@dataclass
class Dashboard:
    total: int
    months: list[tuple[datetime.date, int]]
    tiers: dict[str, int]
    by_scope: list[Breakdown]
    by_band: list[Breakdown]
    pillar_averages: list[tuple[str, str, Decimal]]
    difficulties: list[tuple[str, str, int]]


def month_starts(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the last `count` months, oldest first, ending with today's month."""
    year, month = today.year, today.month
    starts = []
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def one_decimal(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def build(today: datetime.date | None = None) -> Dashboard:
    """All the dashboard's figures, for every assessment stored."""
    q = current_questionnaire()
    assessments = Assessment.objects.order_by()
    today = today or timezone.localdate()

    starts = month_starts(today, MONTHS_SHOWN)
    first = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time.min))
    monthly = (
        assessments.filter(created_at__gte=first)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("*"))
    )
    per_month = {timezone.localtime(row["month"]).date(): row["n"] for row in monthly}

    tiers = dict.fromkeys((t.key for t in q.tiers), 0)

    def breakdowns(choices):
        return {c.key: Breakdown(c.key, str(c.label), dict.fromkeys(tiers, 0)) for c in choices}

    scopes, bands = breakdowns(q.business_scopes), breakdowns(q.employee_bands)
    # One grouped query yields all three tier tables.
    grouped = assessments.values("business_scope", "employee_band", "tier").annotate(n=Count("*"))
    for row in grouped:
        tier, n = row["tier"], row["n"]
        tiers[tier] = tiers.get(tier, 0) + n
        for table, key in ((scopes, row["business_scope"]), (bands, row["employee_band"])):
            group = table.setdefault(key, Breakdown(key, key, dict.fromkeys(tiers, 0)))
            group.tiers[tier] = group.tiers.get(tier, 0) + n

    averages = {
        row["pillar"]: row["avg"]
        for row in PillarScore.objects.values("pillar").annotate(avg=Avg("score")).order_by()
    }
    labels = {c.key: str(c.label) for c in q.difficulties}
    counted = (
        DifficultyMention.objects.values("difficulty")
        .annotate(n=Count("*"))
        .order_by("-n", "difficulty")[:TOP_DIFFICULTIES]
    )
    difficulties = [
        (r["difficulty"], labels.get(r["difficulty"], r["difficulty"]), r["n"]) for r in counted
    ]

    return Dashboard(
        total=sum(tiers.values()),
        months=[(start, per_month.get(start, 0)) for start in starts],
        tiers=tiers,
        by_scope=[b for b in scopes.values() if b.total],
        by_band=list(bands.values()),
        pillar_averages=[
            (p.key, str(p.name), one_decimal(averages[p.key]))
            for p in q.pillars
            if averages.get(p.key) is not None
        ],
        difficulties=difficulties,
    )
