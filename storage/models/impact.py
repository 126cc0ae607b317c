"""Tables the impact report needs beyond what each feature keeps: a channel's department, card use by month, and
confidence on a CPD event's topic before and after."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
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


class CpdConfidence(TeamScoped, Base):
    """One answer to "how confident do you feel about the topic?" (1-5), before an event or after it.

    Kept apart from the answers and the feedback, with no user ID: a `before` answer carries a pseudonym made with
    the event's feedback salt, so it can be changed until the start and is unlinkable once the salt is destroyed;
    an `after` answer is given once, with the feedback form, and carries none. The ID is random, not a counter,
    and an event's rows are written again in a fresh random order (with fresh IDs) at each answer, so neither an
    ID nor where a row lies says who answered first."""

    __tablename__ = "cpd_confidence"
    __table_args__ = (UniqueConstraint("event_id", "stage", "pseudonym"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: secrets.token_hex(16))
    event_id: Mapped[int] = mapped_column(ForeignKey("cpd_events.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(8))  # before | after
    pseudonym: Mapped[str | None] = mapped_column(String(64))
    score: Mapped[int] = mapped_column(Integer)
