"""SVG geometry for the dashboard's counting charts, drawn server-side like the result page's
pillar chart (readiness.assessments.charts) but on a scale set by the largest count."""

from dataclasses import dataclass

from readiness.content import tiers

LABEL_WIDTH = 250
BAR_AREA = 330
ROW_HEIGHT = 28
BAR_HEIGHT = 18
TOP = 8


@dataclass(frozen=True)
class CountBar:
    label: str
    value: object
    display: str
    y: int
    width: float
    text_y: int


@dataclass(frozen=True)
class CountChart:
    bars: list[CountBar]
    width: int
    height: int
    label_width: int


def count_chart(rows, maximum=None, display=str) -> CountChart:
    """Horizontal bars for (label, value) rows, the longest bar being `maximum` (default the
    largest value); `display` formats the number written beside each bar."""
    values = [float(value) for _, value in rows]
    top = float(maximum) if maximum else max(values, default=0) or 1
    bars = []
    for i, (label, value) in enumerate(rows):
        y = TOP + i * ROW_HEIGHT
        bars.append(
            CountBar(
                label=label,
                value=value,
                display=display(value),
                y=y,
                width=round(BAR_AREA * float(value) / top, 1),
                text_y=y + BAR_HEIGHT - 4,
            )
        )
    return CountChart(
        bars=bars,
        width=LABEL_WIDTH + BAR_AREA + 70,
        height=TOP + len(rows) * ROW_HEIGHT + 4,
        label_width=LABEL_WIDTH,
    )


@dataclass(frozen=True)
class Segment:
    key: str
    count: int
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class StackedBar:
    label: str
    total: int
    segments: list[Segment]
    y: int
    text_y: int


@dataclass(frozen=True)
class StackedChart:
    bars: list[StackedBar]
    width: int
    height: int
    label_width: int
    bar_end: int


def stacked_chart(rows, keys) -> StackedChart:
    """One 100% bar per (label, {key: count}) row, split into segments in `keys` order."""
    bars = []
    for i, (label, counts) in enumerate(rows):
        total = sum(counts.get(k, 0) for k in keys)
        y = TOP + i * ROW_HEIGHT
        x = float(LABEL_WIDTH)
        segments = []
        for key in keys:
            count = counts.get(key, 0)
            width = round(BAR_AREA * count / total, 1) if total else 0.0
            colour = tiers.BY_KEY[key].colour if key in tiers.BY_KEY else "#999"
            segments.append(Segment(key, count, round(x, 1), width, colour))
            x += width
        bars.append(StackedBar(label, total, segments, y, y + BAR_HEIGHT - 4))
    return StackedChart(
        bars=bars,
        width=LABEL_WIDTH + BAR_AREA + 70,
        height=TOP + len(rows) * ROW_HEIGHT + 4,
        label_width=LABEL_WIDTH,
        bar_end=LABEL_WIDTH + BAR_AREA,
    )
