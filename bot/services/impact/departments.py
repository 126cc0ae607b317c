"""Which department a team channel belongs to: set by the standards team, used to give dilemma figures by
department (the departments are the ambassadors' headcount departments, or any name the team gives)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models.impact import ChannelDepartment


def of_channels(session: Session, team_id: str) -> dict[str, str]:
    rows = session.execute(
        select(ChannelDepartment.channel_id, ChannelDepartment.department).where(ChannelDepartment.team_id == team_id)
    )
    return {channel: department for channel, department in rows}


def set_department(
    session: Session, *, team_id: str, channel_id: str, department: str, set_by: str, now: datetime
) -> None:
    """Give a channel its department; an empty name takes it away."""
    name = " ".join(department.split())[:100]
    row = session.scalar(
        select(ChannelDepartment).where(
            ChannelDepartment.team_id == team_id, ChannelDepartment.channel_id == channel_id
        )
    )
    if not name:
        session.execute(
            delete(ChannelDepartment).where(
                ChannelDepartment.team_id == team_id, ChannelDepartment.channel_id == channel_id
            )
        )
        return
    if row is None:
        session.add(
            ChannelDepartment(team_id=team_id, channel_id=channel_id, department=name, set_by=set_by, updated_at=now)
        )
    else:
        row.department, row.set_by, row.updated_at = name, set_by, now
