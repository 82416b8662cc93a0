"""Where Hong Kong's SMEs stand: the dashboard's figures as a handful of grouped SQL queries
(each one pass over the table, on SQLite and PostgreSQL alike). COUNT(*) rather than a column
lets PostgreSQL answer from an index alone."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import (
    Cast,
    Concat,
    Lower,
    RowNumber,
    TruncMonth,
)
from django.utils import timezone

from readiness.advisors.models import FollowUp
from readiness.assessments.models import Assessment, DifficultyMention, PillarScore
from readiness.content.questionnaire import current_questionnaire

MONTHS_SHOWN = 12
TOP_DIFFICULTIES = 10
# Fewer firms than this in a cell of a breakdown are not shown: a small count of a named
# sector and size could point at one firm.
SUPPRESS_BELOW = 10


def shown(count: int) -> int | None:
    """The count as published: None (shown as "fewer than 10") for 1 to 9 firms."""
    return None if 0 < count < SUPPRESS_BELOW else count


@dataclass
class Breakdown:
    """Tier counts for one group of firms (a business scope or a size band)."""

    key: str
    label: str
    tiers: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.tiers.values())

    @property
    def published(self) -> dict[str, int | None]:
        """The tier counts with the small cells suppressed."""
        return {key: shown(n) for key, n in self.tiers.items()}

    @property
    def shown_total(self) -> int | None:
        return shown(self.total)


@dataclass(frozen=True)
class Step:
    """One step of the follow-up funnel: how many requests reached it, and the median of the
    days they took from the step before."""

    key: str
    count: int
    median_days: Decimal | None


@dataclass(frozen=True)
class Movement:
    """Firms that assessed again: how many moved from one tier to another (first assessment
    to latest, in the date range)."""

    counts: dict[tuple[str, str], int]
    up: int
    same: int
    down: int

    @property
    def firms(self) -> int:
        return self.up + self.same + self.down


@dataclass
class Dashboard:
    total: int
    months: list[tuple[datetime.date, int]]
    tiers: dict[str, int]
    by_scope: list[Breakdown]
    by_band: list[Breakdown]
    pillar_averages: list[tuple[str, str, Decimal]]
    difficulties: list[tuple[str, str, int]]
    funnel: list[Step] = field(default_factory=list)
    movement: Movement | None = None


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


def start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def in_range(queryset, start: datetime.date | None, end: datetime.date | None, field="created_at"):
    """Rows whose `field` falls on the days from `start` to `end`, both included."""
    if start:
        queryset = queryset.filter(**{f"{field}__gte": start_of(start)})
    if end:
        queryset = queryset.filter(**{f"{field}__lt": start_of(end + datetime.timedelta(days=1))})
    return queryset


def median_days(queryset, since: str, until: str, count: int) -> Decimal | None:
    """The median of the days from `since` to `until` over `count` rows: sorted in the
    database, only the middle one or two rows are read (one query, even for none)."""
    gap = ExpressionWrapper(F(until) - F(since), output_field=DurationField())
    middle = (
        queryset.filter(**{f"{until}__isnull": False})
        .annotate(gap=gap)
        .order_by("gap")
        .values_list("gap", flat=True)
    )
    middle = list(middle[max(count - 1, 0) // 2 : count // 2 + 1])
    if not middle:
        return None
    seconds = sum(g.total_seconds() for g in middle) / len(middle)
    return one_decimal(max(seconds, 0) / 86400)


def funnel(start=None, end=None) -> list[Step]:
    """Requests made in the range: how many were requested, contacted and supported, and
    the median days from request to contact and from contact to support. Three queries,
    however many requests."""
    requests = in_range(
        FollowUp.objects.filter(requested_at__isnull=False), start, end, "requested_at"
    ).order_by()
    counts = requests.aggregate(
        requested=Count("*"),
        contacted=Count("contacted_at"),
        supported=Count("supported_at", filter=Q(contacted_at__isnull=False)),
    )
    return [
        Step("requested", counts["requested"], None),
        Step(
            "contacted",
            counts["contacted"],
            median_days(requests, "requested_at", "contacted_at", counts["contacted"]),
        ),
        Step(
            "supported",
            counts["supported"],
            median_days(
                requests.filter(contacted_at__isnull=False),
                "contacted_at",
                "supported_at",
                counts["supported"],
            ),
        ),
    ]


def assessed_again(start=None, end=None) -> list[tuple[str, str]]:
    """(first tier, latest tier) for each firm with two or more assessments in the range.

    A firm is known again by its workspace (the assessments it keeps together; the workspaces
    app's Entry, reached through its reverse name) or, without one, by its contact e-mail
    address. Firms with neither cannot be followed. One query."""
    firm = Case(
        When(
            workspace_entry__isnull=False,
            then=Concat(Value("w"), Cast("workspace_entry__workspace_id", CharField())),
        ),
        When(contact__email__gt="", then=Concat(Value("e"), Lower("contact__email"))),
        default=None,
        output_field=CharField(),
    )
    known = in_range(Assessment.objects.annotate(firm=firm), start, end).exclude(firm=None)
    repeated = known.values("firm").annotate(n=Count("*")).filter(n__gt=1).values("firm")
    rows = (
        known.filter(firm__in=repeated)
        .annotate(
            first=Window(RowNumber(), partition_by=[firm], order_by=F("created_at").asc()),
            last=Window(RowNumber(), partition_by=[firm], order_by=F("created_at").desc()),
        )
        .values_list("firm", "tier", "first", "last")
    )
    firsts, lasts = {}, {}
    for key, tier, first, last in rows:
        if first == 1:
            firsts[key] = tier
        if last == 1 and first > 1:
            lasts[key] = tier
    return [(firsts[key], tier) for key, tier in lasts.items() if key in firsts]


def movement(pairs, tier_keys: list[str]) -> Movement:
    order = {key: i for i, key in enumerate(tier_keys)}
    counts = Counter(pairs)
    up = sum(n for (a, b), n in counts.items() if order.get(b, 0) > order.get(a, 0))
    down = sum(n for (a, b), n in counts.items() if order.get(b, 0) < order.get(a, 0))
    return Movement(dict(counts), up=up, same=sum(counts.values()) - up - down, down=down)


def build(
    today: datetime.date | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    reassessments=assessed_again,
) -> Dashboard:
    """All the dashboard's figures, for the assessments submitted from `start` to `end`
    (either open). `reassessments(start, end)` gives the (first tier, latest tier) pairs of
    firms that assessed again."""
    q = current_questionnaire()
    assessments = in_range(Assessment.objects.order_by(), start, end)
    today = today or timezone.localdate()

    starts = month_starts(end or today, MONTHS_SHOWN)
    first = start_of(starts[0])
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
        for row in in_range(PillarScore.objects, start, end, "assessment__created_at")
        .values("pillar")
        .annotate(avg=Avg("score"))
        .order_by()
    }
    labels = {c.key: str(c.label) for c in q.difficulties}
    counted = (
        in_range(DifficultyMention.objects, start, end, "assessment__created_at")
        .values("difficulty")
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
        funnel=funnel(start, end),
        movement=movement(reassessments(start, end), list(tiers)),
    )
