"""SVG geometry for the dashboard's counting charts, drawn server-side like the result page's
pillar chart (readiness.assessments.charts) but on a scale set by the largest count."""

import unicodedata
from dataclasses import dataclass

from readiness.content import tiers

LABEL_WIDTH = 260
BAR_AREA = 330
ROW_HEIGHT = 28
LINE_HEIGHT = 15
BAR_HEIGHT = 18
TOP = 8
FONT_SIZE = 13
MAX_LINES = 2
SUPPRESSED_COLOUR = "#c8c8c8"


def text_width(text: str) -> float:
    """A safe estimate of the width of `text` at FONT_SIZE: Chinese characters take a full
    em, Latin letters about three fifths of one."""
    return sum(
        FONT_SIZE if unicodedata.east_asian_width(c) in "WF" else FONT_SIZE * 0.6 for c in text
    )


def wrap_label(text: str, width: float = LABEL_WIDTH - 14) -> list[str]:
    """`text` in at most MAX_LINES lines that each fit `width`: broken at spaces, or
    anywhere in Chinese; an ellipsis ends what does not fit."""
    pieces = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    lines, line = [], ""
    for piece in pieces:
        candidate = f"{line}{joiner}{piece}" if line else piece
        if text_width(candidate) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = piece
    lines.append(line)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] += "…"
    lines = [_cut(line, width) for line in lines]
    return lines


def _cut(line: str, width: float) -> str:
    while text_width(line) > width and len(line) > 1:
        line = line[:-2] + "…"
    return line


def _rows(labels):
    """The y of each row and the chart's height, each row as tall as its label's lines."""
    y, placed = TOP, []
    for label in labels:
        lines = wrap_label(label)
        height = max(ROW_HEIGHT, len(lines) * LINE_HEIGHT + 10)
        placed.append((y, lines, height))
        y += height
    return placed, y + 4


@dataclass(frozen=True)
class Line:
    text: str
    y: float


@dataclass(frozen=True)
class CountBar:
    label: str
    value: object
    display: str
    y: int
    width: float
    text_y: int
    lines: tuple[Line, ...] = ()


def _label_lines(lines, bar_y) -> tuple[Line, ...]:
    """Label lines centred on the bar."""
    middle = bar_y + BAR_HEIGHT / 2
    first = middle - (len(lines) - 1) * LINE_HEIGHT / 2 + 4
    return tuple(Line(text, round(first + i * LINE_HEIGHT, 1)) for i, text in enumerate(lines))


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
    placed, height = _rows([str(label) for label, _value in rows])
    for (label, value), (y, lines, row_height) in zip(rows, placed, strict=True):
        bar_y = y + (row_height - ROW_HEIGHT) // 2
        bars.append(
            CountBar(
                label=label,
                value=value,
                display=display(value),
                y=bar_y,
                width=round(BAR_AREA * float(value) / top, 1),
                text_y=bar_y + BAR_HEIGHT - 4,
                lines=_label_lines(lines, bar_y),
            )
        )
    return CountChart(
        bars=bars,
        width=LABEL_WIDTH + BAR_AREA + 70,
        height=height,
        label_width=LABEL_WIDTH,
    )


@dataclass(frozen=True)
class Segment:
    key: str
    count: int
    x: float
    width: float
    colour: str
    suppressed: bool = False


@dataclass(frozen=True)
class StackedBar:
    label: str
    total: int
    segments: list[Segment]
    y: int
    text_y: int
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class StackedChart:
    bars: list[StackedBar]
    width: int
    height: int
    label_width: int
    bar_end: int


def stacked_chart(rows, keys, suppress_below: int = 0) -> StackedChart:
    """One 100% bar per (label, {key: count}) row, split into segments in `keys` order.
    Segments of 1 to `suppress_below` - 1 are drawn grey, without their key or count."""
    bars = []
    placed, height = _rows([str(label) for label, _counts in rows])
    for (label, counts), (y, lines, row_height) in zip(rows, placed, strict=True):
        bar_y = y + (row_height - ROW_HEIGHT) // 2
        total = sum(counts.get(k, 0) for k in keys)
        x = float(LABEL_WIDTH)
        segments = []
        for key in keys:
            count = counts.get(key, 0)
            width = round(BAR_AREA * count / total, 1) if total else 0.0
            suppressed = 0 < count < suppress_below
            colour = tiers.BY_KEY[key].colour if key in tiers.BY_KEY else "#999"
            segments.append(
                Segment(
                    key,
                    count,
                    round(x, 1),
                    width,
                    SUPPRESSED_COLOUR if suppressed else colour,
                    suppressed,
                )
            )
            x += width
        bars.append(
            StackedBar(
                label, total, segments, bar_y, bar_y + BAR_HEIGHT - 4, _label_lines(lines, bar_y)
            )
        )
    return StackedChart(
        bars=bars,
        width=LABEL_WIDTH + BAR_AREA + 70,
        height=height,
        label_width=LABEL_WIDTH,
        bar_end=LABEL_WIDTH + BAR_AREA,
    )
