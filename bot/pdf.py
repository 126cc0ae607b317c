"""The board-ready summary: two A4 pages drawn with matplotlib (no display needed).

Page 1 has the headline figures with the period before and the change, and the suppression rule; page 2 has
the four charts. Only figures the suppression rule let through are printed.
"""

from __future__ import annotations

import io
import logging
import textwrap
from datetime import date

from bot import charts
from bot.services.impact.figures import ImpactReport
from bot.texts import impact as texts

A4 = (8.27, 11.69)  # inches, portrait
LINE = 0.0215  # height of a table line, as a share of the page
INK, MUTED, RULE_LINE = "#111111", "#555555", "#1d4f91"


def _first_page(report: ImpactReport, made_on: date):  # type: ignore[no-untyped-def]
    from matplotlib.figure import Figure

    page = Figure(figsize=A4)
    page.text(0.07, 0.95, texts.PDF_TITLE, fontsize=18, weight="bold", color=INK)
    subtitle = texts.pdf_subtitle(report.period_label, report.previous_label, made_on)
    for number, line in enumerate(textwrap.wrap(subtitle, 95)):
        page.text(0.07, 0.925 - number * LINE * 0.8, line, fontsize=10, color=MUTED)
    columns = (0.07, 0.55, 0.69, 0.82)
    y = 0.87
    for x, heading in zip(columns, (texts.PDF_FIGURE, texts.PDF_THIS_PERIOD, texts.PDF_PERIOD_BEFORE, texts.PDF_CHANGE),
                          strict=True):  # fmt: skip
        page.text(x, y, heading, fontsize=8.5, weight="bold", color=INK)
    y -= LINE * 0.6
    page.add_artist(_rule(page, y))
    family = ""
    for item in report.headlines:
        if item.family != family:
            family = item.family
            y -= LINE * 1.2
            page.text(columns[0], y, family, fontsize=10, weight="bold", color=RULE_LINE)
        y -= LINE
        label = textwrap.shorten(item.label, 62, placeholder="…")
        cells = (label, texts.show(item.current), texts.show(item.previous), texts.change(item.current, item.previous))
        for x, cell in zip(columns, cells, strict=True):
            page.text(x, y, cell, fontsize=8.5, color=INK)
    y -= LINE * 1.5
    page.add_artist(_rule(page, y))
    for line in textwrap.wrap(texts.RULE, 110):
        y -= LINE * 0.9
        page.text(0.07, y, line, fontsize=8, color=MUTED, style="italic")
    return page


def _rule(page, y: float):  # type: ignore[no-untyped-def]
    from matplotlib.lines import Line2D

    return Line2D([0.07, 0.93], [y, y], transform=page.transFigure, color=RULE_LINE, linewidth=0.8)


def _chart_page(report: ImpactReport):  # type: ignore[no-untyped-def]
    from matplotlib.figure import Figure

    page = Figure(figsize=A4)
    page.text(0.07, 0.955, texts.PDF_CHARTS_TITLE.format(period=report.period_label), fontsize=14, weight="bold")
    # Four charts one above the other, each with room on the left for the labels of the bar chart by Standard.
    height, gap, top = 0.165, 0.07, 0.91
    for index, chart in enumerate(charts.CHARTS):
        bottom = top - (index + 1) * height - index * gap
        axes = page.add_axes((max(chart.left, 0.1) + 0.02, bottom, 0.9 - max(chart.left, 0.1), height))
        chart.draw(axes, report)
        axes.set_title(chart.title, fontsize=10, loc="left")
    return page


def summary_pdf(report: ImpactReport, made_on: date) -> bytes:
    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # it logs every glyph it embeds at INFO
    buffer = io.BytesIO()
    # TrueType fonts keep the words searchable and copyable in the PDF.
    with rc_context({"pdf.fonttype": 42}), PdfPages(buffer, metadata={"Title": texts.PDF_TITLE}) as pages:
        pages.savefig(_first_page(report, made_on))
        pages.savefig(_chart_page(report))
    return buffer.getvalue()


def page_png(report: ImpactReport, made_on: date, page: int = 1, dpi: int = 80) -> bytes:
    """One page of the summary as a PNG, for showing it where a PDF cannot be (a README, a preview)."""
    figure = _first_page(report, made_on) if page == 1 else _chart_page(report)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
