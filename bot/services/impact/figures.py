"""What a report is made of: values that may be hidden, tables of them, and headline figures with their trend.

A hidden value carries no number at all, so nothing downstream (a message, a chart, a file) can leak it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["shown", "small", "withheld", "none"]
Unit = Literal["count", "percent", "mean", "days", "rate"]


@dataclass(frozen=True)
class Value:
    """`small`: from fewer than five people; `withheld`: hidden so that a small one beside it cannot be worked
    out; `none`: nothing to measure (no responses, no events)."""

    number: float | None
    status: Status = "shown"
    unit: Unit = "count"

    @property
    def shown(self) -> bool:
        return self.status == "shown"


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[Value, ...]
    total: bool = False


@dataclass(frozen=True)
class Table:
    key: str
    family: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""


@dataclass(frozen=True)
class Headline:
    key: str
    family: str
    label: str
    current: Value
    previous: Value


@dataclass(frozen=True)
class Point:
    """One month of a trend."""

    month: str  # YYYY-MM
    value: Value


@dataclass
class ImpactReport:
    period_label: str
    previous_label: str
    headlines: list[Headline] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    trends: dict[str, list[Point]] = field(default_factory=dict)

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    def headline(self, key: str) -> Headline:
        return next(item for item in self.headlines if item.key == key)
