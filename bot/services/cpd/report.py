"""The CPD events' section of the standards team's report: anonymous counts only, never names or user IDs."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services.admin.reports import ReportSection
from bot.services.cpd import suggestions
from bot.services.cpd.attendance import FEEDBACK_MINIMUM
from storage.models.cpd import CpdEvent, CpdFeedback, CpdRsvp


def cpd_section(session: Session, team_id: str) -> ReportSection:
    events = dict(
        session.execute(
            select(CpdEvent.status, func.count()).where(CpdEvent.team_id == team_id).group_by(CpdEvent.status)
        ).all()
    )
    answers = dict(
        session.execute(
            select(CpdRsvp.answer, func.count()).where(CpdRsvp.team_id == team_id).group_by(CpdRsvp.answer)
        ).all()
    )
    attended = session.scalar(select(func.count()).where(CpdRsvp.team_id == team_id, CpdRsvp.attended.is_(True)))
    responses, average = session.execute(
        select(func.count(), func.avg(CpdFeedback.rating)).where(CpdFeedback.team_id == team_id)
    ).one()
    # As with the dilemmas: below the minimum an average could give away one person's rating.
    enough = (responses or 0) >= FEEDBACK_MINIMUM and average is not None
    rating = f"{float(average):.1f} out of 5" if enough else f"shown from {FEEDBACK_MINIMUM} responses"
    lines = [
        f"{events.get('scheduled', 0)} events, {events.get('cancelled', 0)} cancelled",
        ", ".join(f"{answers.get(key, 0)} {label}" for key, label in _ANSWER_LABELS.items()),
        f"{attended or 0} attendances; {responses or 0} anonymous feedback responses, average {rating}",
    ]
    rows: list[tuple[str, str | int]] = [
        ("events", events.get("scheduled", 0)), ("events cancelled", events.get("cancelled", 0)),
        *((f"answers {label}", answers.get(key, 0)) for key, label in _ANSWER_LABELS.items()),
        ("attendances", attended or 0), ("feedback responses", responses or 0),
        ("average rating", f"{float(average):.2f}" if enough else ""),
    ]  # fmt: skip
    suggested, suggestion_rows = suggestions.report_lines(session, team_id)
    return ReportSection("CPD events", lines + suggested, rows + suggestion_rows)


_ANSWER_LABELS = {"going": "going", "waiting": "waiting", "maybe": "maybe", "cant": "can't go"}
