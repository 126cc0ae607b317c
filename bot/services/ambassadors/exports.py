"""The roster as rows for the standards team's CSV file: every ambassador, active or left, and every application
in progress, with what the roster shows and the ambassador's standards manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.ambassadors import roster as ambassador_roster
from bot.services.ambassadors.meeting_records import Tally, tallies
from bot.services.cpd.records import attended_counts
from storage.models.ambassadors import Ambassador

if TYPE_CHECKING:
    from bot.deps import Deps


@dataclass(frozen=True)
class RosterRow:
    status: str  # active | left | applying
    user: str
    department: str
    role: str
    standards_manager: str = ""
    joined: date | None = None
    induction_due: date | None = None
    inducted: date | None = None
    left: date | None = None
    applied: date | None = None
    stage: str = ""  # an application's stage
    cpd_this_year: int | None = None
    meetings_met: int | None = None
    meetings_months: int | None = None


def _row(person: Ambassador, attended: int, met: Tally | None) -> RosterRow:
    active = person.status == "active"
    return RosterRow(
        person.status,
        person.user_id,
        person.department,
        person.role,
        person.standards_manager_id,
        person.joined_on,
        person.induction_due_on,
        person.inducted_on,
        person.left_on,
        cpd_this_year=attended if active else None,
        meetings_met=met.met if met else None,
        meetings_months=met.months if met else None,
    )


def roster_rows(session: Session, deps: Deps, *, team_id: str, now: datetime) -> list[RosterRow]:
    people = list(
        session.scalars(
            select(Ambassador)
            .where(Ambassador.team_id == team_id)
            .order_by(Ambassador.status, Ambassador.department, Ambassador.joined_on, Ambassador.user_id)
        )
    )
    active = [p for p in people if p.status == "active"]
    year = now.astimezone(deps.settings.tz).year
    attended = attended_counts(session, team_id, [p.user_id for p in active], year, deps.settings.tz)
    met = tallies(session, deps, team_id=team_id, people=[(p.user_id, p.joined_on) for p in active], now=now)
    rows = [_row(p, attended.get(p.user_id, 0), met.get(p.user_id)) for p in people]
    applying = ambassador_roster.roster(session, deps, team_id=team_id, now=now).applying
    rows += [RosterRow("applying", a.user, a.department, a.role, applied=a.applied, stage=a.stage) for a in applying]
    return rows
