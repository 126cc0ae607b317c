"""Charts of the impact report as PNG images (matplotlib's Agg renderer: no display needed).

Only values the suppression rule let through are drawn; a hidden one is marked "<5" and has no bar, so a chart
gives away nothing the figures do not. The same drawings go into the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bot.services.impact.figures import ImpactReport, Value
from bot.texts import impact as texts

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH_INCHES, HEIGHT_INCHES, DPI = 8.0, 4.5, 100
SIZE = (int(WIDTH_INCHES * DPI), int(HEIGHT_INCHES * DPI))  # pixels of every PNG
BAR = "#1d4f91"
HIDDEN = "#888888"


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    draw: Callable[[Axes, ImpactReport], None]
    left: float = 0.08  # room for the labels on the left, as a share of the width


def _bars(axes: Axes, labels: Sequence[str], values: Sequence[Value], *, horizontal: bool = False) -> None:
    if not labels:
        axes.text(0.5, 0.5, texts.CHART_EMPTY, ha="center", va="center", color=HIDDEN, transform=axes.transAxes)
        axes.set_axis_off()
        return
    numbers = [value.number if value.shown and value.number is not None else 0.0 for value in values]
    positions = range(len(labels))
    bars = (axes.barh if horizontal else axes.bar)(positions, numbers, color=BAR)
    for bar, value in zip(bars, values, strict=True):
        if value.shown:
            continue
        mark = texts.CHART_HIDDEN if value.status in {"small", "withheld"} else texts.NO_DATA
        if horizontal:
            axes.text(0.5, bar.get_y() + bar.get_height() / 2, mark, va="center", color=HIDDEN, fontsize=8)
        else:
            axes.text(bar.get_x() + bar.get_width() / 2, 0.5, mark, ha="center", color=HIDDEN, fontsize=8)
    if horizontal:
        axes.set_yticks(list(positions), labels, fontsize=8)
        axes.invert_yaxis()
    else:
        axes.set_xticks(list(positions), labels, fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)


def _month_label(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return date(year, number, 1).strftime("%b %y")


def _responses(axes: Axes, report: ImpactReport) -> None:
    points = report.trends.get("responses", [])
    _bars(axes, [_month_label(point.month) for point in points], [point.value for point in points])


def _concerns(axes: Axes, report: ImpactReport) -> None:
    points = report.trends.get("concerns", [])
    _bars(axes, [_month_label(point.month) for point in points], [point.value for point in points])


def _agreement(axes: Axes, report: ImpactReport) -> None:
    rows = report.table("agreement_by_standard").rows
    _bars(axes, [row.label for row in rows], [row.values[0] for row in rows], horizontal=True)
    axes.set_xlim(0, 100)
    axes.set_xlabel("%", fontsize=8)


def _cpd(axes: Axes, report: ImpactReport) -> None:
    points = report.trends.get("cpd", [])
    _bars(axes, [point.month for point in points], [point.value for point in points])


CHARTS = [
    Chart("responses", texts.CHART_PARTICIPATION, _responses),
    Chart("agreement", texts.CHART_AGREEMENT, _agreement, left=0.38),
    Chart("concerns", texts.CHART_CONCERNS, _concerns),
    Chart("cpd", texts.CHART_CPD, _cpd),
]


def png(chart: Chart, report: ImpactReport) -> bytes:
    from matplotlib.figure import Figure  # imported here: it takes a while, and only reports need it

    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    axes = figure.add_subplot()
    chart.draw(axes, report)
    axes.set_title(f"{chart.title}\n{report.period_label}", fontsize=11)
    # Fixed margins rather than a computed layout: the same size and place for every period, whatever the labels.
    figure.subplots_adjust(left=chart.left, right=0.97, top=0.85, bottom=0.14)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def all_png(report: ImpactReport) -> list[tuple[str, bytes]]:
    return [(f"{chart.key}.png", png(chart, report)) for chart in CHARTS]
