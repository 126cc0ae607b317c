"""The report's sections for each feature: anonymous counts only, never names or user IDs."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.services.admin.reports import ReportSection, add_section
from bot.services.cpd.attendance import FEEDBACK_MINIMUM
from dilemmas.references import SUITS
from storage.models.cards import CardTally
from storage.models.concerns import ConcernCase, ConcernCount
from storage.models.cpd import CpdEvent, CpdFeedback, CpdRsvp
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


def card_section(session: Session, team_id: str) -> ReportSection:
    totals = {
        suit: (draws or 0, shares or 0)
        for suit, draws, shares in session.execute(
            select(CardTally.suit, func.sum(CardTally.draws), func.sum(CardTally.shares))
            .where(CardTally.team_id == team_id)
            .group_by(CardTally.suit)
        )
    }
    lines = [f"{suit}: {totals.get(suit, (0, 0))[0]} draws, {totals.get(suit, (0, 0))[1]} shares" for suit in SUITS]
    rows: list[tuple[str, str | int]] = []
    for suit in SUITS:
        draws, shares = totals.get(suit, (0, 0))
        rows += [(f"{suit} draws", draws), (f"{suit} shares", shares)]
    return ReportSection("Ethics cards", lines, rows)


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
    return ReportSection("CPD events", lines, rows)


_ANSWER_LABELS = {"going": "going", "waiting": "waiting", "maybe": "maybe", "cant": "can't go"}

add_section(10, "dilemmas", dilemma_section)
add_section(20, "cards", card_section)
add_section(30, "concerns", concern_section)
add_section(50, "cpd", cpd_section)
