"""Bar charts drawn server-side as SVG geometry: readable without JavaScript, same on the web
page and in the PDF."""

from dataclasses import dataclass
from decimal import Decimal

LABEL_WIDTH = 230
BAR_AREA = 330
ROW_HEIGHT = 34
BAR_HEIGHT = 20
TOP = 28


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    y: int
    width: float
    text_y: int


@dataclass(frozen=True)
class Tick:
    value: int
    x: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    ticks: list[Tick]
    width: int
    height: int
    label_width: int
    bar_area: int
    maximum: int

    @property
    def axis_bottom(self) -> int:
        return self.height - 6


def bar_chart(rows: list[tuple[str, Decimal]], maximum: int = 5) -> BarChart:
    """Horizontal bars for (label, score) rows on a 0-to-maximum scale."""
    bars = []
    for i, (label, value) in enumerate(rows):
        y = TOP + i * ROW_HEIGHT
        width = round(BAR_AREA * float(value) / maximum, 1)
        bars.append(Bar(label=label, value=value, y=y, width=width, text_y=y + BAR_HEIGHT - 5))
    ticks = [Tick(value=v, x=LABEL_WIDTH + BAR_AREA * v / maximum) for v in range(maximum + 1)]
    height = TOP + len(rows) * ROW_HEIGHT + 8
    return BarChart(
        bars=bars,
        ticks=ticks,
        width=LABEL_WIDTH + BAR_AREA + 50,
        height=height,
        label_width=LABEL_WIDTH,
        bar_area=BAR_AREA,
        maximum=maximum,
    )
