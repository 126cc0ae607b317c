"""Tables the impact report needs beyond what each feature keeps: a channel's department, and card use by month."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, TeamScoped, UTCDateTime, utcnow


class ChannelDepartment(TeamScoped, Base):
    """The department a team channel belongs to, so dilemma figures can be given by department."""

    __tablename__ = "channel_departments"
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32))
    department: Mapped[str] = mapped_column(String(100))
    set_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CardMonthTally(TeamScoped, Base):
    """Draws, shares and hands of one suit in one month; no one's ID and no channel is kept."""

    __tablename__ = "card_month_tallies"
    __table_args__ = (UniqueConstraint("team_id", "month", "suit"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM in the organisation's time zone
    suit: Mapped[str] = mapped_column(String(16))
    draws: Mapped[int] = mapped_column(Integer, default=0)
    shares: Mapped[int] = mapped_column(Integer, default=0)
    hands: Mapped[int] = mapped_column(Integer, default=0)  # hands dealt that held a card of this suit
