"""The outcomes report's charts: reportlab vector drawings, each placed as a named PDF form.

Series are told apart by fill (solid against outline), every bar carries its number and every
category its name, so nothing depends on colour. A chart is a form XObject named ``Chart...``
(``/FormXob.Chart...`` in the page resources), which keeps it one object a test can find.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.axes import ValueAxis
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.platypus import Flowable

from rmdesk.models.programme_figures import MonthSessions

INK = colors.HexColor("#1f2937")  # near-black: reads on white paper and in greyscale print
PALE = colors.HexColor("#9ca3af")
GRID = colors.HexColor("#e5e7eb")
WHITE = colors.white


class ChartForm(Flowable):
    """A drawing placed once as a named form XObject (vector, crisp at any zoom)."""

    def __init__(self, name: str, drawing: Drawing) -> None:
        super().__init__()
        self.form_name = f"Chart{name}"
        self.drawing = drawing
        self.width = float(drawing.width)
        self.height = float(drawing.height)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        if not canv.hasForm(self.form_name):
            canv.beginForm(self.form_name, 0, 0, self.width, self.height)
            renderPDF.draw(self.drawing, canv, 0, 0)
            canv.endForm()
        canv.doForm(self.form_name)


def _title(drawing: Drawing, text: str, font: str) -> None:
    drawing.add(String(0, drawing.height - 12, text, fontName=font, fontSize=10, fillColor=INK))


def _count_axis(axis: ValueAxis, values: Sequence[int], font: str) -> None:
    """A value axis of counts: from 0 to a round top a little above the largest value, ticks
    on whole numbers only (a count of 1.5 sessions means nothing), at most about six."""
    peak = max([*values, 1])
    step = 1 if peak <= 5 else 2 if peak <= 10 else 5 if peak <= 25 else 10 ** (len(str(peak)) - 1)
    top = ((peak * 11 // 10) // step + 1) * step
    while top // step > 6:
        step *= 2
    axis.valueMin, axis.valueMax, axis.valueStep = 0, -(-top // step) * step, step
    axis.labelTextFormat = "%d"
    axis.labels.fontName = font
    axis.labels.fontSize = 7
    axis.strokeColor = PALE
    axis.visibleGrid = True
    axis.gridStrokeColor = GRID


def bar_list(
    title: str, labels: Sequence[str], values: Sequence[int], font: str, width: float = 240
) -> Drawing:
    """Horizontal bars, one per label, each with its number at its end."""
    row = 18
    height = 28 + row * max(len(labels), 1) + 16
    drawing = Drawing(width, height)
    _title(drawing, title, font)
    chart = HorizontalBarChart()
    chart.x, chart.y = 100, 16
    chart.width, chart.height = width - 130, row * max(len(labels), 1)
    chart.data = [list(values) or [0]]
    chart.bars[0].fillColor = INK
    chart.bars[0].strokeColor = INK
    chart.barWidth = row * 0.55
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.reverseDirection = True  # first label on top, as it is read
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = PALE
    _count_axis(chart.valueAxis, values, font)
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def month_bars(months: Sequence[MonthSessions], font: str, width: float = 480) -> Drawing:
    """Sessions per month: planned as outlined bars, held as solid bars, numbers on each."""
    height = 190
    drawing = Drawing(width, height)
    _title(drawing, "Sessions per month: held against planned", font)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 42
    chart.width, chart.height = width - 44, height - 90
    planned = [m.planned for m in months] or [0]
    held = [m.held for m in months] or [0]
    chart.data = [planned, held]
    chart.bars[0].fillColor = WHITE
    chart.bars[0].strokeColor = INK
    chart.bars[0].strokeWidth = 1
    chart.bars[1].fillColor = INK
    chart.bars[1].strokeColor = INK
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.categoryAxis.categoryNames = [m.month.strftime("%Y-%m") for m in months] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    if len(months) > 8:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.strokeColor = PALE
    _count_axis(chart.valueAxis, [*planned, *held], font)
    if len(months) <= 12:
        chart.barLabelFormat = "%d"
        chart.barLabels.fontName = font
        chart.barLabels.fontSize = 6
        chart.barLabels.nudge = 5
    drawing.add(chart)
    # The legend names each series beside a swatch of its fill, not of a colour.
    y = height - 30
    for x, fill, text in ((0, WHITE, "planned (outlined)"), (120, INK, "held (solid)")):
        drawing.add(Rect(x, y, 10, 8, fillColor=fill, strokeColor=INK, strokeWidth=1))
        drawing.add(String(x + 14, y + 1, text, fontName=font, fontSize=8, fillColor=INK))
    return drawing
