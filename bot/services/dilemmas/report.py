"""The weekly dilemmas' section of the standards team's report: anonymous counts only, never names or user IDs."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services.admin.reports import ReportSection
from storage.models.dilemmas import DilemmaPost


def dilemma_section(session: Session, team_id: str) -> ReportSection:
    closed = list(
        session.scalars(
            select(DilemmaPost)
            .where(DilemmaPost.team_id == team_id, DilemmaPost.status == "closed")
            .order_by(DilemmaPost.closed_at.desc())
        )
    )
    still_open = session.scalar(
        select(func.count()).where(DilemmaPost.team_id == team_id, DilemmaPost.status == "open")
    )
    voters = sum(post.voters or 0 for post in closed)
    comments = sum(post.comments or 0 for post in closed)
    reach = sum(post.member_count or 0 for post in closed)
    rate = f"{100 * voters / reach:.0f}%" if reach else "n/a"
    lines = [
        f"{len(closed)} closed, {still_open} open",
        f"{voters} votes and {comments} anonymous comments on closed posts; {rate} of channel members voted",
    ]
    rows: list[tuple[str, str | int]] = [
        ("posts closed", len(closed)), ("posts open", still_open or 0), ("votes", voters),
        ("comments", comments), ("members reached", reach),
    ]  # fmt: skip
    return ReportSection("Weekly dilemmas", lines, rows)
