"""The report's figures as files: a CSV and an XLSX workbook holding the same rows.

Only figures the suppression rule let through carry a number; a hidden one has an empty value and its reason.
There is nothing per person in a report, so nothing per person can reach a file.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from bot.services.impact.figures import ImpactReport, Value
from bot.services.impact.messages import ImpactTexts

COLUMNS = ["family", "figure", "row", "period", "value", "unit", "note"]


def _number(value: Value) -> int | float | None:
    if not value.shown or value.number is None:
        return None
    return int(value.number) if value.unit == "count" else round(value.number, 1)


def _note(texts: ImpactTexts, value: Value) -> str:
    return "" if value.shown else texts.show(value)


def _label(text: str) -> str:
    return text[2:-1] if text.startswith("<#") and text.endswith(">") else text


def rows(report: ImpactReport, texts: ImpactTexts) -> list[list[Any]]:
    """One row for every figure: the headlines in both periods, then every cell of every table."""
    out: list[list[Any]] = []
    for item in report.headlines:
        for period, value in ((report.period_label, item.current), (report.previous_label, item.previous)):
            out.append([item.family, item.label, "", period, _number(value), value.unit, _note(texts, value)])
    for table in report.tables:
        for row in table.rows:
            for column, value in zip(table.columns, row.values, strict=True):
                out.append(
                    [
                        table.family,
                        table.title,
                        _label(row.label),
                        column,
                        _number(value),
                        value.unit,
                        _note(texts, value),
                    ]
                )
    for key, points in report.trends.items():
        for point in points:
            out.append(
                ["trend", key, point.month, "month", _number(point.value), point.value.unit, _note(texts, point.value)]
            )
    return out


def to_csv(report: ImpactReport, texts: ImpactTexts) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows(report, texts)])
    return buffer.getvalue()


def to_xlsx(report: ImpactReport, texts: ImpactTexts) -> bytes:
    from openpyxl import Workbook  # imported here: only exports need it

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Headlines"
    summary.append([texts.report_title(report.period_label)])
    summary.append([texts.RULE])
    summary.append([])
    summary.append(["family", "figure", report.period_label, report.previous_label, "change"])
    for item in report.headlines:
        summary.append([
            item.family, item.label, _number(item.current) if item.current.shown else texts.show(item.current),
            _number(item.previous) if item.previous.shown else texts.show(item.previous),
            texts.change(item.current, item.previous),
        ])  # fmt: skip
    summary.column_dimensions["B"].width = 50
    figures = book.create_sheet("Figures")
    figures.append(COLUMNS)
    for row in rows(report, texts):
        figures.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
