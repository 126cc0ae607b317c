"""The ambassadors feature: recruitment drives, applications and approvals, the roster and monthly meetings.

The work is in the ambassador_* modules; register() adds all their duties and outbox hooks, and the feature's
counts in the standards team's report. This module also says where one person stands, for the Home tab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from bot.features import Features
from bot.services.admin.reports import ReportSection
from bot.services.ambassadors import applications as ambassador_applications
from bot.services.ambassadors import approvals as ambassador_approvals
from bot.services.ambassadors import common as ambassador_common
from bot.services.ambassadors import drives as ambassador_drives
from bot.services.ambassadors import meeting_records as ambassador_meeting_records
from bot.services.ambassadors import meetings as ambassador_meetings
from bot.services.ambassadors import onboarding as ambassador_onboarding
from bot.services.ambassadors import roster as ambassador_roster
from bot.services.ambassadors import waiting as ambassador_waiting
from bot.services.ambassadors.meeting_records import Tally
from bot.services.cpd.records import TARGET_PER_YEAR, attended_counts
from storage.models.ambassadors import Ambassador, AmbassadorApplication, ApplicationApproval

if TYPE_CHECKING:
    from bot.deps import Deps

__all__ = [
    "ambassador_applications",
    "ambassador_approvals",
    "ambassador_common",
    "ambassador_drives",
    "ambassador_meeting_records",
    "ambassador_meetings",
    "ambassador_onboarding",
    "ambassador_roster",
    "ambassador_waiting",
    "register",
]


@dataclass(frozen=True)
class Standing:
    """Where one person stands."""

    kind: Literal["ambassador", "applying", "may_apply", "none"]
    joined: date | None = None
    manager: str = ""
    inducted_on: date | None = None
    induction_due: date | None = None
    attended: int = 0
    target: int = TARGET_PER_YEAR
    stage: str = ""
    closes_on: date | None = None
    today: date | None = None
    meetings: Tally | None = None


def standing(session: Session, deps: Deps, *, team_id: str, user_id: str, now: datetime) -> Standing:
    today = ambassador_common.today(deps, now)
    person = session.scalar(select(Ambassador).where(Ambassador.team_id == team_id, Ambassador.user_id == user_id))
    if person is not None and person.status == "active":
        attended = attended_counts(session, team_id, [user_id], today.year, deps.settings.tz).get(user_id, 0)
        people = [(user_id, person.joined_on)]
        met = ambassador_meeting_records.tallies(session, deps, team_id=team_id, people=people, now=now)[user_id]
        return Standing(
            "ambassador",
            joined=person.joined_on,
            manager=person.standards_manager_id,
            inducted_on=person.inducted_on,
            induction_due=person.induction_due_on,
            attended=attended,
            today=today,
            meetings=met,
        )
    gate = ambassador_applications.gate(session, deps, team_id=team_id, user_id=user_id, now=now)
    if gate.status == "applied":
        return Standing("applying", stage=gate.stage)
    if gate.status == "open":
        return Standing("may_apply", closes_on=gate.closes_on)
    return Standing("none")


def report_section(session: Session, team_id: str) -> ReportSection:
    """Counts only: never names or user IDs."""
    people = dict(
        session.execute(
            select(Ambassador.status, func.count()).where(Ambassador.team_id == team_id).group_by(Ambassador.status)
        ).all()
    )
    not_inducted = session.scalar(
        select(func.count()).where(
            Ambassador.team_id == team_id, Ambassador.status == "active", Ambassador.inducted_on.is_(None)
        )
    )
    applications = dict(
        session.execute(
            select(AmbassadorApplication.status, func.count())
            .where(AmbassadorApplication.team_id == team_id)
            .group_by(AmbassadorApplication.status)
        ).all()
    )
    in_progress = sum(applications.get(status, 0) for status in ambassador_common.IN_PROGRESS)
    counts = {
        "ambassadors active": people.get("active", 0),
        "ambassadors awaiting induction": not_inducted or 0,
        "ambassadors left": people.get("left", 0),
        "applications in progress": in_progress,
        "applications waiting for the standards team": _with_team(session, team_id),
        "applications confirmed": applications.get("confirmed", 0),
        "applications declined": applications.get("declined", 0),
    }
    active, awaiting, left_scheme, _, with_team, confirmed, declined = counts.values()
    lines = [
        f"{active} active ({awaiting} awaiting induction), {left_scheme} left",
        f"applications: {in_progress} in progress ({with_team} waiting for the standards team), "
        f"{confirmed} confirmed, {declined} declined",
    ]
    return ReportSection("Standards ambassadors", lines, list(counts.items()))


def _with_team(session: Session, team_id: str) -> int:
    """Applications the standards team must act on: to confirm, or a manager's step passed to them."""
    escalated = exists().where(
        ApplicationApproval.application_id == AmbassadorApplication.id,
        ApplicationApproval.decision.is_(None),
        ApplicationApproval.escalated_at.is_not(None),
    )
    waiting = or_(
        AmbassadorApplication.status == "confirming",
        and_(AmbassadorApplication.status == "managers", escalated),
    )
    found = session.scalar(
        select(func.count()).select_from(AmbassadorApplication).where(AmbassadorApplication.team_id == team_id, waiting)
    )
    return int(found or 0)


def register(features: Features) -> None:
    ambassador_drives.register(features)
    ambassador_meetings.register(features)
    ambassador_onboarding.register(features)
    ambassador_waiting.register(features)
    features.add_report_section(40, "ambassadors", report_section)
