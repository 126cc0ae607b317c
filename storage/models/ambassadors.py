"""Tables of the ambassadors feature: recruitment drives, applications and their approvals, the roster and the
headcount of each department that coverage is measured against."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, TeamScoped, UTCDateTime, utcnow


class RecruitmentDrive(TeamScoped, Base):
    """A window in which people may apply; opened and closed by the standards team, closed by the clock at its end."""

    __tablename__ = "ambassador_drives"
    __table_args__ = (Index("ix_ambassador_drives_team_status", "team_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)  # the last day on which an application is taken
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    opened_by: Mapped[str] = mapped_column(String(32))
    closed_by: Mapped[str | None] = mapped_column(String(32))  # None when the clock closed it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AmbassadorApplication(TeamScoped, Base):
    """One person's application in one drive, approved by their line manager, their standards manager and an admin."""

    __tablename__ = "ambassador_applications"
    __table_args__ = (UniqueConstraint("drive_id", "applicant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    drive_id: Mapped[int] = mapped_column(ForeignKey("ambassador_drives.id", ondelete="CASCADE"), index=True)
    applicant_id: Mapped[str] = mapped_column(String(32))
    department: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100))
    line_manager_id: Mapped[str] = mapped_column(String(32))
    standards_manager_id: Mapped[str] = mapped_column(String(32))
    statement: Mapped[str] = mapped_column(Text)
    # managers: waiting for both managers; confirming: both approved, an admin confirms; confirmed; declined
    status: Mapped[str] = mapped_column(String(16), default="managers")
    decline_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApplicationApproval(TeamScoped, Base):
    """One step of an application's approval: the line manager's, the standards manager's or the admins'."""

    __tablename__ = "ambassador_approvals"
    __table_args__ = (UniqueConstraint("application_id", "step"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("ambassador_applications.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(24))  # line_manager | standards_manager | admin
    approver_id: Mapped[str | None] = mapped_column(String(32))  # who is asked; None for the admins' step
    decision: Mapped[str | None] = mapped_column(String(16))  # approved | declined; None while waiting
    decided_by: Mapped[str | None] = mapped_column(String(32))  # an admin may decide in a manager's place
    reason: Mapped[str | None] = mapped_column(Text)
    request_outbox_ids: Mapped[str] = mapped_column(String(400), default="")  # the asking DMs, to update them
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When a manager's step passed to the admins (the approver left Slack or did not decide in time); None if not.
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Ambassador(TeamScoped, Base):
    """A person on the roster: active until they leave; induction due within weeks of joining."""

    __tablename__ = "ambassadors"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32))
    department: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100))
    standards_manager_id: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | left
    application_id: Mapped[int | None] = mapped_column(Integer)
    joined_on: Mapped[date] = mapped_column(Date)
    induction_due_on: Mapped[date] = mapped_column(Date)
    inducted_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DepartmentHeadcount(TeamScoped, Base):
    """How many officers and staff a department has, as the standards team entered it, to measure coverage."""

    __tablename__ = "ambassador_headcounts"
    __table_args__ = (UniqueConstraint("team_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100))  # the name folded for matching, e.g. "response policing"
    name: Mapped[str] = mapped_column(String(100))
    headcount: Mapped[int] = mapped_column(Integer)
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AmbassadorMeeting(TeamScoped, Base):
    """Whether a standards manager met one of their ambassadors in a month, as the manager recorded it from the
    monthly reminder; a later click changes the same record."""

    __tablename__ = "ambassador_meetings"
    __table_args__ = (UniqueConstraint("team_id", "manager_id", "ambassador_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    manager_id: Mapped[str] = mapped_column(String(32))
    ambassador_id: Mapped[str] = mapped_column(String(32), index=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM in the organisation's time zone
    met: Mapped[bool] = mapped_column(Boolean)
    topics: Mapped[str | None] = mapped_column(Text)  # local trends discussed, if the manager noted them
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
