"""The roster the standards team keeps: who is active, applying or has left, inductions, headcounts and coverage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.ambassadors import common
from bot.services.ambassadors.meeting_records import Tally, tallies
from bot.services.cpd.records import TARGET_PER_YEAR, attended_counts
from storage.models.ambassadors import Ambassador, AmbassadorApplication, ApplicationApproval, DepartmentHeadcount

if TYPE_CHECKING:
    from bot.deps import Deps


@dataclass(frozen=True)
class ActiveEntry:
    user: str
    department: str
    role: str
    joined: date
    inducted_on: date | None
    induction_due: date
    attended: int
    meetings: Tally


@dataclass(frozen=True)
class ApplicantEntry:
    user: str
    department: str
    role: str
    applied: date
    stage: str


@dataclass(frozen=True)
class LeftEntry:
    user: str
    department: str
    role: str
    joined: date
    left_on: date | None


@dataclass(frozen=True)
class Roster:
    active: Sequence[ActiveEntry]
    applying: Sequence[ApplicantEntry]
    left: Sequence[LeftEntry]
    today: date
    target: int


@dataclass(frozen=True)
class CoverageRow:
    name: str
    ambassadors: int
    headcount: int | None


@dataclass(frozen=True)
class Marked:
    """`on` is the day recorded (now or earlier)."""

    status: Literal["done", "already", "not_ambassador"]
    on: date | None = None


def roster(session: Session, deps: Deps, *, team_id: str, now: datetime) -> Roster:
    today = common.today(deps, now)
    people = list(
        session.scalars(
            select(Ambassador)
            .where(Ambassador.team_id == team_id)
            .order_by(Ambassador.department, Ambassador.joined_on, Ambassador.user_id)
        )
    )
    active = [person for person in people if person.status == "active"]
    attended = attended_counts(session, team_id, [p.user_id for p in active], today.year, deps.settings.tz)
    met = tallies(session, deps, team_id=team_id, people=[(p.user_id, p.joined_on) for p in active], now=now)
    return Roster(
        active=[
            ActiveEntry(
                p.user_id,
                p.department,
                p.role,
                p.joined_on,
                p.inducted_on,
                p.induction_due_on,
                attended.get(p.user_id, 0),
                met[p.user_id],
            )
            for p in active
        ],
        applying=_applying(session, deps, team_id),
        left=sorted(
            (LeftEntry(p.user_id, p.department, p.role, p.joined_on, p.left_on) for p in people if p.status == "left"),
            key=lambda entry: entry.left_on or entry.joined,
            reverse=True,
        ),
        today=today,
        target=TARGET_PER_YEAR,
    )


def _applying(session: Session, deps: Deps, team_id: str) -> list[ApplicantEntry]:
    applications = list(
        session.scalars(
            select(AmbassadorApplication)
            .where(AmbassadorApplication.team_id == team_id, AmbassadorApplication.status.in_(common.IN_PROGRESS))
            .order_by(AmbassadorApplication.created_at, AmbassadorApplication.id)
        )
    )
    steps: dict[int, dict[str, ApplicationApproval]] = {a.id: {} for a in applications}
    if applications:  # every step of every application in one query, however many there are
        for approval in session.scalars(
            select(ApplicationApproval).where(ApplicationApproval.application_id.in_(list(steps)))
        ):
            steps[approval.application_id][approval.step] = approval
    return [
        ApplicantEntry(
            a.applicant_id, a.department, a.role, common.today(deps, a.created_at), common.stage(a, steps[a.id])
        )
        for a in applications
    ]


def coverage(session: Session, *, team_id: str) -> list[CoverageRow]:
    """Active ambassadors per department against its headcount: the thinnest first (a headcount and no ambassador
    at all, the biggest of those first), and departments with ambassadors but no headcount last."""
    departments = list(
        session.scalars(
            select(Ambassador.department).where(Ambassador.team_id == team_id, Ambassador.status == "active")
        )
    )
    per_key = Counter(common.department_key(name) for name in departments)
    # One spelling shown for each department without a headcount: the same one every time (the first in order).
    names = {common.department_key(name): name for name in sorted(departments, reverse=True)}
    headcounts = {
        row.key: row
        for row in session.scalars(select(DepartmentHeadcount).where(DepartmentHeadcount.team_id == team_id))
    }
    counted = [CoverageRow(row.name, per_key.get(key, 0), row.headcount) for key, row in headcounts.items()]
    counted.sort(key=lambda r: (r.ambassadors / r.headcount if r.headcount else 0.0, -(r.headcount or 0), r.name))
    uncounted = sorted(
        (CoverageRow(names[key], number, None) for key, number in per_key.items() if key not in headcounts),
        key=lambda r: (-r.ambassadors, r.name.casefold()),
    )
    return counted + uncounted


def headcounts(session: Session, *, team_id: str) -> list[tuple[str, int]]:
    rows = session.scalars(
        select(DepartmentHeadcount).where(DepartmentHeadcount.team_id == team_id).order_by(DepartmentHeadcount.key)
    )
    return [(row.name, row.headcount) for row in rows]


def set_headcount(session: Session, *, team_id: str, user_id: str, name: str, headcount: int, now: datetime) -> str:
    """Set (or, with 0, remove) a department's headcount; returns set | removed | unknown."""
    name = " ".join(name.split())[: common.NAME_LIMIT]
    key = common.department_key(name)
    row = session.scalar(
        select(DepartmentHeadcount).where(DepartmentHeadcount.team_id == team_id, DepartmentHeadcount.key == key)
    )
    if headcount == 0:
        if row is None:
            return "unknown"
        session.delete(row)
        return "removed"
    if row is None:
        row = DepartmentHeadcount(team_id=team_id, key=key)
        session.add(row)
    row.name, row.headcount, row.updated_by, row.updated_at = name, headcount, user_id, now
    return "set"


def _active(session: Session, team_id: str, user_id: str) -> Ambassador | None:
    return session.scalar(
        select(Ambassador).where(
            Ambassador.team_id == team_id, Ambassador.user_id == user_id, Ambassador.status == "active"
        )
    )


def mark_inducted(session: Session, deps: Deps, *, team_id: str, user_id: str, now: datetime) -> Marked:
    ambassador = _active(session, team_id, user_id)
    if ambassador is None:
        return Marked("not_ambassador")
    if ambassador.inducted_on is not None:
        return Marked("already", ambassador.inducted_on)
    ambassador.inducted_on, ambassador.updated_at = common.today(deps, now), now
    return Marked("done", ambassador.inducted_on)


def mark_left(session: Session, deps: Deps, *, team_id: str, user_id: str, now: datetime) -> Marked:
    ambassador = _active(session, team_id, user_id)
    if ambassador is None:
        return Marked("not_ambassador")
    ambassador.status, ambassador.left_on, ambassador.updated_at = "left", common.today(deps, now), now
    return Marked("done", ambassador.left_on)


def is_active(session: Session, team_id: str, user_id: str) -> bool:
    """Whether the person is on the roster as an active ambassador now (not applying, not left)."""
    found = session.scalar(
        select(Ambassador.id).where(
            Ambassador.team_id == team_id, Ambassador.user_id == user_id, Ambassador.status == "active"
        )
    )
    return found is not None
