"""Concern measures: received by category, contact and month; time to acknowledgement and to feedback against
the force's deadlines; how many reporters came back to read a reply. Case text is never opened."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.concerns import cases
from bot.services.impact.period import Period, add_months
from storage.models.concerns import ConcernAudit, ConcernCase, ConcernCount

DAY_SECONDS = 86400.0


@dataclass
class Deadline:
    days: list[float] = field(default_factory=list)  # time taken by each case that met it, late or not
    on_time: int = 0
    due: int = 0  # cases whose deadline has passed or that met it


@dataclass
class ConcernFigures:
    received: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_contact: Counter[str] = field(default_factory=Counter)
    by_month: Counter[str] = field(default_factory=Counter)
    by_outcome: Counter[str] = field(default_factory=Counter)
    acknowledgement: Deadline = field(default_factory=Deadline)
    feedback: Deadline = field(default_factory=Deadline)
    replied: int = 0  # cases with a reply from the case team that the reporter could read
    came_back: int = 0  # of those, cases whose reporter checked their status after the first reply


def measure(
    session: Session, team_id: str, period: Period, now: datetime, targets: tuple[int, int] = (7, 3)
) -> ConcernFigures:
    """`targets`: the force's own acknowledgement (days) and feedback (months) commitments."""
    ack_days, feedback_months = targets
    start, end = period.bounds()
    figures = ConcernFigures()
    live = list(
        session.scalars(
            select(ConcernCase).where(
                ConcernCase.team_id == team_id, ConcernCase.received_at >= start, ConcernCase.received_at < end
            )
        )
    )
    # The concern service counts every case by category and local month as it arrives, and those counts outlive
    # the retention purge: whole months are read from them, the days of a part month from the cases themselves.
    whole = {
        first.strftime("%Y-%m")
        for first in period.months()
        if period.start <= first and add_months(first, 1) <= period.end
    }
    for case in live:
        month = case.received_at.astimezone(period.tz).strftime("%Y-%m")
        if month not in whole:
            figures.received += 1
            figures.by_category[case.category] += 1
            figures.by_month[month] += 1
        figures.by_contact[case.contact] += 1
        if case.status == "closed" and case.outcome:
            figures.by_outcome[case.outcome] += 1
        ack_due = case.received_at + timedelta(days=ack_days)
        feedback_due = cases.add_months(case.received_at, feedback_months)
        _deadline(figures.acknowledgement, case.received_at, case.acknowledged_at, ack_due, now)
        _deadline(figures.feedback, case.received_at, case.feedback_at, feedback_due, now)
    for row in session.scalars(
        select(ConcernCount).where(ConcernCount.team_id == team_id, ConcernCount.month.in_(sorted(whole)))
    ):
        figures.received += row.count
        figures.by_category[row.category] += row.count
        figures.by_month[row.month] += row.count
    _came_back(session, team_id, [case.id for case in live], figures)
    return figures


def _deadline(deadline: Deadline, received: datetime, met: datetime | None, due: datetime, now: datetime) -> None:
    if met is not None:
        deadline.days.append((met - received).total_seconds() / DAY_SECONDS)
        deadline.due += 1
        deadline.on_time += met <= due
    elif due <= now:
        deadline.due += 1


def _came_back(session: Session, team_id: str, case_ids: list[int], figures: ConcernFigures) -> None:
    if not case_ids:
        return
    first_reply: dict[int, datetime] = {}
    checks: dict[int, list[datetime]] = defaultdict(list)
    rows = session.execute(
        select(ConcernAudit.case_id, ConcernAudit.action, ConcernAudit.at).where(
            ConcernAudit.team_id == team_id,
            ConcernAudit.case_id.in_(case_ids),
            ConcernAudit.action.in_(["replied", "status-checked"]),
        )
    )
    for case_id, action, at in rows:
        if action == "replied":
            first_reply[case_id] = min(at, first_reply.get(case_id, at))
        else:
            checks[case_id].append(at)
    figures.replied = len(first_reply)
    figures.came_back = sum(any(at > first for at in checks[case_id]) for case_id, first in first_reply.items())
