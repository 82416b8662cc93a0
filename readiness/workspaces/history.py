"""The workspace's history drawn server-side as SVG geometry: the overall score of each
assessment, oldest first, on the 1 to 5 scale with the tier floors marked."""

from dataclasses import dataclass
from decimal import Decimal

from readiness.content import tiers

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 24, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: Decimal
    label: str
    # Dates under the axis for a few points only, so that many never overlap.
    show_label: bool


@dataclass(frozen=True)
class Line:
    y: float
    label: str


@dataclass(frozen=True)
class HistoryChart:
    width: int
    height: int
    points: list[Point]
    grid: list[Line]
    floors: list[Line]
    left: int
    right: float

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def y_of(score: Decimal) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (5 - float(score)) / 4


def history_chart(rows: list[tuple[str, Decimal]]) -> HistoryChart:
    """rows: (date label, overall score), oldest first."""
    inner = WIDTH - LEFT - RIGHT
    step = inner / (len(rows) - 1) if len(rows) > 1 else 0
    points = [
        Point(
            x=LEFT + (index * step if len(rows) > 1 else inner / 2),
            y=y_of(value),
            value=value,
            label=label,
            show_label=len(rows) <= 6 or index in (0, len(rows) - 1),
        )
        for index, (label, value) in enumerate(rows)
    ]
    grid = [Line(y=y_of(Decimal(v)), label=str(v)) for v in range(1, 6)]
    floors = [Line(y=y_of(t.floor), label=str(t.name)) for t in tiers.TIERS[1:]]
    return HistoryChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        grid=grid,
        floors=floors,
        left=LEFT,
        right=WIDTH - RIGHT,
    )
