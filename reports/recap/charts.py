"""The dashboard's charts as plain geometry for server-side SVG.

No script and no external request: the template draws rectangles and text from these
numbers, so the charts work under a strict Content-Security-Policy and print like any
other part of the page. Every bar is a link to the admin list of what it counts.
"""

from dataclasses import dataclass

from agreements.choices import GROUP_COLOURS

PLOT_HEIGHT = 220
BAR_WIDTH = 44
BAR_GAP = 24
LEFT = 40  # room for the axis labels
TOP = 20
BOTTOM = 30  # room for the years


@dataclass(frozen=True)
class Segment:
    x: int
    y: float
    width: int
    height: float
    colour: str
    figure: object  # the Figure it draws

    @property
    def label_y(self):
        return self.y + self.height / 2 + 4

    @property
    def text_colour(self):
        """Black on light fills, white on dark ones."""
        red, green, blue = (int(self.colour[i : i + 2], 16) for i in (1, 3, 5))
        return "#000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#fff"

    @property
    def labelled(self):
        """Whether the segment is tall enough to carry its number."""
        return self.height >= 14


@dataclass(frozen=True)
class Bar:
    x: int
    label: str
    segments: list
    total: object  # Figure
    top: float

    @property
    def centre(self):
        return self.x + BAR_WIDTH / 2


def _scale_max(value):
    """A round top for the axis: 5, 10, 20, 25, 50, 100 …"""
    top = 5
    while top < value:
        for factor in (2, 2.5, 2):
            top = int(top * factor)
            if top >= value:
                break
    return top


class StackedYearChart:
    """Documents per signing year, stacked by partner group."""

    def __init__(self, recap):
        self.groups = recap.groups
        self.maximum = _scale_max(max((row.total.count for row in recap.by_year), default=0))
        self.bars = []
        for index, row in enumerate(recap.by_year):
            x = LEFT + BAR_GAP + index * (BAR_WIDTH + BAR_GAP)
            bottom = TOP + PLOT_HEIGHT
            segments = []
            for group, cell in zip(self.groups, row.cells, strict=True):
                if not cell.count:
                    continue
                height = PLOT_HEIGHT * cell.count / self.maximum
                bottom -= height
                segments.append(Segment(x, bottom, BAR_WIDTH, height, GROUP_COLOURS[group], cell))
            self.bars.append(Bar(x, str(row.year), segments, row.total, bottom))
        self.width = LEFT + BAR_GAP + len(self.bars) * (BAR_WIDTH + BAR_GAP)
        self.height = TOP + PLOT_HEIGHT + BOTTOM
        self.axis_y = TOP + PLOT_HEIGHT
        self.label_y = self.axis_y + 18
        self.ticks = [
            (TOP + PLOT_HEIGHT - PLOT_HEIGHT * value / self.maximum, value)
            for value in range(0, self.maximum + 1, max(self.maximum // 5, 1))
        ]
        self.legend = [(group.label, GROUP_COLOURS[group]) for group in self.groups]


@dataclass(frozen=True)
class Row:
    y: int
    label: str
    width: float
    text: str
    figure: object

    @property
    def text_y(self):
        return self.y + RatioChart.ROW_HEIGHT - 9

    @property
    def bar_y(self):
        return self.y + 3


class RatioChart:
    """Horizontal bars of a ratio (0–1) per row, e.g. report compliance per unit."""

    LABEL_WIDTH = 260
    BAR_AREA = 300
    ROW_HEIGHT = 22

    def __init__(self, items):
        """``items``: (label, ratio or None, text, Figure) tuples."""
        self.rows = [
            Row(index * self.ROW_HEIGHT, label, self.BAR_AREA * (ratio or 0), text, figure)
            for index, (label, ratio, text, figure) in enumerate(items)
        ]
        self.full_width = self.BAR_AREA
        self.bar_x = self.LABEL_WIDTH
        self.label_x = self.LABEL_WIDTH - 8
        self.width = self.LABEL_WIDTH + self.BAR_AREA + 60
        self.height = max(len(self.rows), 1) * self.ROW_HEIGHT
        self.bar_height = self.ROW_HEIGHT - 6
        self.value_x = self.LABEL_WIDTH + self.BAR_AREA + 6
