"""Bar charts drawn server-side as SVG geometry: readable without JavaScript, same on the web
page and in the PDF."""

from dataclasses import dataclass
from decimal import Decimal

TOP = 28
BAR_HEIGHT = 20


@dataclass(frozen=True)
class Layout:
    """Where labels sit: left of the bars (wide), or above them (compact, for phones)."""

    label_width: int
    bar_area: int
    row_height: int
    label_above: bool


WIDE = Layout(label_width=230, bar_area=330, row_height=34, label_above=False)
# Drawn about as wide as a phone's screen, so its text stays at its nominal size there.
COMPACT = Layout(label_width=8, bar_area=290, row_height=52, label_above=True)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    y: int
    width: float
    text_y: int
    label_x: int
    label_y: int


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
    label_anchor: str

    @property
    def axis_bottom(self) -> int:
        return self.height - 6


def bar_chart(rows: list[tuple[str, Decimal]], maximum: int = 5, compact: bool = False) -> BarChart:
    """Horizontal bars for (label, score) rows on a 0-to-maximum scale."""
    layout = COMPACT if compact else WIDE
    # Above the bars, a label needs the room of one line of text over its bar.
    top = TOP + (20 if layout.label_above else 0)
    bars = []
    for i, (label, value) in enumerate(rows):
        y = top + i * layout.row_height
        text_y = y + BAR_HEIGHT - 5
        bars.append(
            Bar(
                label=label,
                value=value,
                y=y,
                width=round(layout.bar_area * float(value) / maximum, 1),
                text_y=text_y,
                label_x=layout.label_width if layout.label_above else layout.label_width - 10,
                label_y=y - 6 if layout.label_above else text_y,
            )
        )
    ticks = [
        Tick(value=v, x=layout.label_width + layout.bar_area * v / maximum)
        for v in range(maximum + 1)
    ]
    return BarChart(
        bars=bars,
        ticks=ticks,
        width=layout.label_width + layout.bar_area + 50,
        height=top + len(rows) * layout.row_height + 8 - (16 if layout.label_above else 0),
        label_width=layout.label_width,
        bar_area=layout.bar_area,
        maximum=maximum,
        label_anchor="start" if layout.label_above else "end",
    )
