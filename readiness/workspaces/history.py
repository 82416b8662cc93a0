"""The workspace's history drawn server-side as SVG geometry: the overall score of each
assessment, oldest first, on the 1 to 5 scale with the tier floors marked."""

from dataclasses import dataclass
from decimal import Decimal

from readiness.content import tiers

HEIGHT, TOP, BOTTOM, LEFT = 240, 18, 40, 40


@dataclass(frozen=True)
class Size:
    width: int
    right: int  # the margin the tier names sit in, clear of the line
    font_size: int


WIDE = Size(width=640, right=96, font_size=12)
# Drawn about as wide as a phone's screen, so that its text stays at its nominal size there.
COMPACT = Size(width=340, right=84, font_size=12)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: Decimal
    label: str
    # Dates under the axis for a few points only, so that many never overlap.
    show_label: bool
    anchor: str  # of the date under the axis: the first and last stay inside the drawing


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
    font_size: int

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def y_of(score: Decimal) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (5 - float(score)) / 4


def _anchor(index: int, count: int) -> str:
    if count > 1 and index == 0:
        return "start"
    if count > 1 and index == count - 1:
        return "end"
    return "middle"


def history_chart(rows: list[tuple[str, Decimal]], compact: bool = False) -> HistoryChart:
    """rows: (date label, overall score), oldest first."""
    size = COMPACT if compact else WIDE
    inner = size.width - LEFT - size.right
    step = inner / (len(rows) - 1) if len(rows) > 1 else 0
    points = [
        Point(
            x=LEFT + (index * step if len(rows) > 1 else inner / 2),
            y=y_of(value),
            value=value,
            label=label,
            show_label=len(rows) <= (3 if compact else 6) or index in (0, len(rows) - 1),
            anchor=_anchor(index, len(rows)),
        )
        for index, (label, value) in enumerate(rows)
    ]
    grid = [Line(y=y_of(Decimal(v)), label=str(v)) for v in range(1, 6)]
    floors = [Line(y=y_of(t.floor), label=str(t.name)) for t in tiers.TIERS[1:]]
    return HistoryChart(
        width=size.width,
        height=HEIGHT,
        points=points,
        grid=grid,
        floors=floors,
        left=LEFT,
        right=size.width - size.right,
        font_size=size.font_size,
    )
