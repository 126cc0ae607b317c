"""The concerns' section of the standards team's report: counts of cases only, never names or user IDs."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services.admin.reports import ReportSection
from storage.models.concerns import ConcernCase, ConcernCount


def concern_section(session: Session, team_id: str) -> ReportSection:
    by_status = dict(
        session.execute(
            select(ConcernCase.status, func.count()).where(ConcernCase.team_id == team_id).group_by(ConcernCase.status)
        ).all()
    )
    purged = session.scalar(
        select(func.coalesce(func.sum(ConcernCount.count), 0)).where(ConcernCount.team_id == team_id)
    )
    lines = [", ".join(f"{count} {status}" for status, count in sorted(by_status.items())) or "no cases"]
    lines.append(f"{purged or 0} closed cases past retention (counted only)")
    rows: list[tuple[str, str | int]] = [(f"cases {status}", count) for status, count in sorted(by_status.items())]
    rows.append(("cases past retention", purged or 0))
    return ReportSection("Confidential concerns", lines, rows)
