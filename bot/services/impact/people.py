"""Ambassador and CPD measures: coverage per 100 staff, inductions on time, events, answers, attendance,
each ambassador's CPD count (as a distribution), ratings and confidence before and after."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.ambassadors.common import department_key
from bot.services.cpd.records import TARGET_PER_YEAR
from bot.services.impact.period import Period
from storage.models.ambassadors import Ambassador, DepartmentHeadcount
from storage.models.cpd import CpdEvent, CpdFeedback, CpdRsvp
from storage.models.impact import CpdConfidence

INDUCTION_DAYS = 28


@dataclass
class Coverage:
    name: str
    headcount: int
    ambassadors: int = 0


@dataclass
class PeopleFigures:
    ambassadors: int = 0
    coverage: dict[str, Coverage] = field(default_factory=dict)
    induction_due: int = 0
    inducted_on_time: int = 0
    events: int = 0
    answers: Counter[str] = field(default_factory=Counter)
    going: int = 0
    going_attended: int = 0
    walk_ins: int = 0
    cpd_counts: Counter[str] = field(default_factory=Counter)  # "0" … "5", "6 or more": ambassadors with that many
    ratings: list[int] = field(default_factory=list)
    confidence_before: list[int] = field(default_factory=list)
    confidence_after: list[int] = field(default_factory=list)


def active_on(person: Ambassador, day: date) -> bool:
    """On the roster on `day`: joined by then and not yet left."""
    return person.joined_on <= day and (person.left_on is None or person.left_on > day)


def measure(session: Session, team_id: str, period: Period, now: datetime) -> PeopleFigures:
    figures = PeopleFigures()
    start, end = period.bounds()
    last_day = period.end - timedelta(days=1)
    roster = list(session.scalars(select(Ambassador).where(Ambassador.team_id == team_id)))
    active = [person for person in roster if active_on(person, last_day)]
    figures.ambassadors = len(active)
    for row in session.scalars(select(DepartmentHeadcount).where(DepartmentHeadcount.team_id == team_id)):
        figures.coverage[row.key] = Coverage(row.name, row.headcount)
    for person in active:
        if (place := figures.coverage.get(department_key(person.department))) is not None:
            place.ambassadors += 1
    today = now.astimezone(period.tz).date()
    for person in roster:
        if period.start <= person.induction_due_on < period.end and person.induction_due_on <= today:
            figures.induction_due += 1
            figures.inducted_on_time += bool(person.inducted_on and person.inducted_on <= person.induction_due_on)
    events = list(
        session.scalars(
            select(CpdEvent).where(
                CpdEvent.team_id == team_id,
                CpdEvent.status == "scheduled",
                CpdEvent.starts_at >= start,
                CpdEvent.starts_at < end,
            )
        )
    )
    # Answers and attendance count for events already held; confidence and ratings for any event of the period.
    held = [event.id for event in events if event.starts_at < now]
    figures.events = len(held)
    attended: Counter[str] = Counter()
    if held:
        for rsvp in session.scalars(select(CpdRsvp).where(CpdRsvp.event_id.in_(held))):
            figures.answers[rsvp.answer] += 1
            if rsvp.answer == "going":
                figures.going += 1
                figures.going_attended += rsvp.attended
            elif rsvp.attended:
                figures.walk_ins += 1
            if rsvp.attended:
                attended[rsvp.user_id] += 1
    event_ids = [event.id for event in events]
    if event_ids:
        figures.ratings = list(session.scalars(select(CpdFeedback.rating).where(CpdFeedback.event_id.in_(event_ids))))
        for stage, score in session.execute(
            select(CpdConfidence.stage, CpdConfidence.score).where(CpdConfidence.event_id.in_(event_ids))
        ):
            (figures.confidence_before if stage == "before" else figures.confidence_after).append(score)
    for person in active:
        number = attended[person.user_id]
        figures.cpd_counts[str(number) if number < TARGET_PER_YEAR else f"{TARGET_PER_YEAR} or more"] += 1
    return figures


BUCKETS = [*(str(number) for number in range(TARGET_PER_YEAR)), f"{TARGET_PER_YEAR} or more"]
