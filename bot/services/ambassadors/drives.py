"""Recruitment drives: opened and closed by the standards team, closed by the clock the night after their last day."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import clock
from bot.features import Features
from bot.services.ambassadors import common
from storage.models.ambassadors import AmbassadorApplication, RecruitmentDrive

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger(__name__)

DRIVE_CLOSE = "ambassadors.drive_close"


@dataclass(frozen=True)
class DriveState:
    """The drive opened, closed or asked about; "none" when there was nothing to close."""

    status: Literal["opened", "already_open", "past", "closed", "none", "open", "last", "never"]
    opens_on: date | None = None
    closes_on: date | None = None
    applications: int = 0


def close_at(deps: Deps, closes_on: date) -> datetime:
    """Midnight at the start of the day after the last day, in the organisation's time zone."""
    return datetime.combine(closes_on + timedelta(days=1), time(0), tzinfo=deps.settings.tz)


def taking_applications(session: Session, team_id: str, on: date) -> RecruitmentDrive | None:
    """The drive open for applications on that day; the dates count even if the clock is late to close it."""
    return session.scalar(
        select(RecruitmentDrive)
        .where(
            RecruitmentDrive.team_id == team_id,
            RecruitmentDrive.status == "open",
            RecruitmentDrive.opens_on <= on,
            RecruitmentDrive.closes_on >= on,
        )
        .order_by(RecruitmentDrive.id.desc())
    )


def _open_drives(session: Session, team_id: str) -> list[RecruitmentDrive]:
    return list(
        session.scalars(
            select(RecruitmentDrive).where(RecruitmentDrive.team_id == team_id, RecruitmentDrive.status == "open")
        )
    )


def applications_in(session: Session, drive_id: int) -> int:
    return int(session.scalar(select(func.count()).where(AmbassadorApplication.drive_id == drive_id)) or 0)


def _close(session: Session, drive: RecruitmentDrive, by: str | None, now: datetime) -> None:
    drive.status, drive.closed_by, drive.closed_at = "closed", by, now
    clock.cancel(session, team_id=drive.team_id, kind=DRIVE_CLOSE, key_prefix=f"drive:{drive.id}:")


def open_drive(
    session: Session, deps: Deps, *, team_id: str, user_id: str, closes_on: date, now: datetime
) -> DriveState:
    today = common.today(deps, now)
    if closes_on < today:
        return DriveState("past")
    for drive in _open_drives(session, team_id):
        if drive.closes_on >= today:
            return DriveState("already_open", drive.opens_on, drive.closes_on)
        _close(session, drive, None, now)  # its last day has passed but the clock has not closed it yet
    drive = RecruitmentDrive(
        team_id=team_id, opens_on=today, closes_on=closes_on, status="open", opened_by=user_id, created_at=now
    )
    session.add(drive)
    session.flush()
    clock.schedule(
        session,
        team_id=team_id,
        kind=DRIVE_CLOSE,
        key=f"drive:{drive.id}:close",
        due_at=close_at(deps, closes_on),
        payload={"drive_id": drive.id},
    )
    log.info("recruitment drive %s opened until %s", drive.id, closes_on)
    return DriveState("opened", today, closes_on)


def close_drive(session: Session, deps: Deps, *, team_id: str, user_id: str, now: datetime) -> DriveState:
    drives = _open_drives(session, team_id)
    if not drives:
        return DriveState("none")
    applications = 0
    for drive in drives:
        _close(session, drive, user_id, now)
        applications += applications_in(session, drive.id)
    return DriveState("closed", drives[-1].opens_on, drives[-1].closes_on, applications)


def drive_status(session: Session, deps: Deps, *, team_id: str, now: datetime) -> DriveState:
    current = taking_applications(session, team_id, common.today(deps, now))
    if current is not None:
        return DriveState("open", current.opens_on, current.closes_on, applications_in(session, current.id))
    last = session.scalar(
        select(RecruitmentDrive).where(RecruitmentDrive.team_id == team_id).order_by(RecruitmentDrive.id.desc())
    )
    if last is None:
        return DriveState("never")
    return DriveState("last", last.opens_on, last.closes_on, applications_in(session, last.id))


def close_when_due(ctx: clock.DutyContext) -> None:
    blocks, texts = ctx.deps.messages.ambassador_blocks, ctx.deps.messages.ambassador_texts
    drive = ctx.session.get(RecruitmentDrive, int(ctx.payload["drive_id"]))
    if drive is None or drive.status != "open":
        return
    drive.status, drive.closed_at = "closed", ctx.now
    applications = applications_in(ctx.session, drive.id)
    text = texts.drive_ended(drive.opens_on, drive.closes_on, applications)
    common.dm_admins(ctx.session, ctx.deps, drive.team_id, blocks.message(text), "ambassador.drive")
    log.info("recruitment drive %s closed by the clock with %d application(s)", drive.id, applications)


def register(features: Features) -> None:
    features.add_duty(DRIVE_CLOSE, close_when_due)
