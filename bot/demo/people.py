"""The demo force's ambassadors and CPD events.

The roster goes through the onboarding and roster services. Answers to past events cannot go through the answer
service (it rightly refuses answers after an event's start), so they are written as it and the attendance and
feedback services would have left them, confidence included.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from bot.demo.force import AMBASSADORS, DEPARTMENTS, STAFF, Force
from bot.services.ambassadors import onboarding as ambassador_onboarding
from bot.services.ambassadors import roster as ambassador_roster
from bot.services.cpd import events as cpd
from bot.services.impact import departments
from bot.services.impact.people import active_on
from dilemmas.references import CPD_TOPICS
from storage.models.ambassadors import Ambassador, AmbassadorApplication, RecruitmentDrive
from storage.models.cpd import CpdEvent, CpdFeedback, CpdRsvp
from storage.models.impact import CpdConfidence

if TYPE_CHECKING:
    from bot.deps import Deps

ADMIN = "UDEMOADMIN"
CAPACITY = 40


def roster(deps: Deps, force: Force, start: datetime, end: datetime) -> int:
    """Headcounts, channel departments and 160 ambassadors: most joined before the year, some during it; most
    are inducted within a few weeks, and a few leave."""
    rng, team_id = force.rng, force.team_id
    with deps.db.unit_of_work() as session:
        for name, (headcount, _) in DEPARTMENTS.items():
            ambassador_roster.set_headcount(session, team_id=team_id, user_id=ADMIN, name=name, headcount=headcount,
                                            now=start)  # fmt: skip
        for channel, department in force.channel_department.items():
            departments.set_department(session, team_id=team_id, channel_id=channel, department=department,
                                       set_by=ADMIN, now=start)  # fmt: skip
        drive = RecruitmentDrive(team_id=team_id, opens_on=date(2000, 1, 1), closes_on=date(2000, 1, 2),
                                 status="closed", opened_by=ADMIN)  # fmt: skip
        session.add(drive)
        session.flush()
        chosen = [f"UDEMO{number:04d}" for number in range(7, STAFF + 1, STAFF // AMBASSADORS)][:AMBASSADORS]
        for index, user in enumerate(chosen):
            joined = (
                start - timedelta(days=rng.uniform(30, 700)) if index < 130 else start + (end - start) * rng.random()
            )
            application = AmbassadorApplication(
                team_id=team_id, drive_id=drive.id, applicant_id=user, department=force.department_of(user), role="PC",
                line_manager_id="UDEMOLINE", standards_manager_id="UDEMOSTD", statement="(demo)", status="confirming",
            )  # fmt: skip
            session.add(application)
            session.flush()
            ambassador_onboarding.confirm(session, deps, application, joined)
            inducted = joined + timedelta(days=rng.uniform(5, 24) if rng.random() < 0.8 else rng.uniform(29, 60))
            if inducted < end:
                ambassador_roster.mark_inducted(session, deps, team_id=team_id, user_id=user, now=inducted)
            if rng.random() < 0.06:
                left = max(joined, start) + timedelta(days=rng.uniform(20, 300))
                if left < end:
                    ambassador_roster.mark_left(session, deps, team_id=team_id, user_id=user, now=left)
        last_day = (end - timedelta(seconds=1)).astimezone(deps.settings.tz).date()
        everyone = session.scalars(select(Ambassador).where(Ambassador.team_id == team_id))
        return sum(active_on(person, last_day) for person in everyone)


def cpd_events(deps: Deps, force: Force, start: datetime, end: datetime) -> int:
    """Two events a month, created through the CPD service, with answers, attendance and feedback."""
    rng, team_id, created = force.rng, force.team_id, 0
    moment = start + timedelta(days=9, hours=10)
    topics = sorted(CPD_TOPICS)
    while moment < end:
        with deps.db.unit_of_work() as session:
            details = cpd.EventDetails(
                title=f"CPD: {CPD_TOPICS[topics[created % len(topics)]][:60]}", topic=topics[created % len(topics)],
                starts_at=moment, minutes=90, place="Training room 2, headquarters", capacity=CAPACITY,
                speaker="Professional Standards", description=None,
            )  # fmt: skip
            saved = cpd.create(session, deps, team_id=team_id, admin=ADMIN, details=details, now=moment - timedelta(21))
            event = session.get(CpdEvent, saved.event_id)
            assert event is not None
            _answers(session, force, event)
        created += 1
        moment += timedelta(days=14 + rng.choice([0, 1, 2]))
    return created


def _answers(session: object, force: Force, event: CpdEvent) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    rng = force.rng
    day = event.starts_at.date()
    people = [p.user_id for p in session.scalars(select(Ambassador).where(Ambassador.team_id == event.team_id))
              if active_on(p, day)]  # fmt: skip
    answered = rng.sample(people, min(len(people), rng.randint(25, 55)))
    going_so_far = 0
    for number, user in enumerate(answered, start=1):
        choice = rng.choices(["going", "maybe", "cant"], [70, 15, 15])[0]
        if choice == "going" and going_so_far >= CAPACITY:
            choice = "waiting"
        going_so_far += choice == "going"
        attended = (choice == "going" and rng.random() < 0.82) or (choice == "maybe" and rng.random() < 0.3)
        session.add(CpdRsvp(team_id=event.team_id, event_id=event.id, user_id=user, answer=choice, attended=attended,
                            queue_number=number, answered_at=event.starts_at - timedelta(days=3),
                            checked_in_at=event.starts_at if attended else None, feedback_asked=attended))  # fmt: skip
        before = rng.choices([1, 2, 3, 4, 5], [8, 25, 35, 25, 7])[0]
        if choice in {"going", "waiting"} and rng.random() < 0.7:
            session.add(CpdConfidence(team_id=event.team_id, event_id=event.id, stage="before",
                                      pseudonym=f"demo-{number}", score=before))  # fmt: skip
        if attended and rng.random() < 0.65:
            rating = rng.choices([2, 3, 4, 5], [1, 3, 6, 5])[0]
            session.add(CpdFeedback(team_id=event.team_id, event_id=event.id, rating=rating))
            if rng.random() < 0.9:
                after = min(5, before + rng.choice([0, 1, 1, 1, 2]))
                session.add(CpdConfidence(team_id=event.team_id, event_id=event.id, stage="after", score=after))
    event.queue_counter, event.feedback_salt = len(answered), None  # feedback closed two weeks after the event
