"""The standards team's report: each feature adds a section of anonymous counts (Features.add_report_section);
delivery problems come first."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot import outbox_failed
from bot.clock import failed_duties


@dataclass
class ReportSection:
    title: str
    lines: list[str] = field(default_factory=list)
    # (metric, value) rows for the CSV export: counts only, never names or user IDs
    rows: list[tuple[str, str | int]] = field(default_factory=list)


SectionBuilder = Callable[[Session, str], ReportSection | None]


@dataclass
class DeliveryProblem:
    message_id: int
    what: str
    error: str


def delivery_problems(session: Session, team_id: str) -> list[DeliveryProblem]:
    problems = [
        DeliveryProblem(m.id, m.purpose or m.method, m.last_error or "unknown error")
        for m in outbox_failed.failed_messages(session, team_id)
    ]
    problems += [
        DeliveryProblem(0, f"scheduled duty {d.kind}", d.last_error or "unknown error")
        for d in failed_duties(session, team_id)
    ]
    return problems


def build_report(session: Session, team_id: str, builders: Iterable[SectionBuilder]) -> list[ReportSection]:
    sections = []
    for builder in builders:
        section = builder(session, team_id)
        if section is not None:
            sections.append(section)
    return sections


def export_csv(sections: list[ReportSection]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["section", "metric", "value"])
    for section in sections:
        for metric, value in section.rows:
            writer.writerow([section.title, metric, value])
    return buffer.getvalue()
