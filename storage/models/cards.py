"""Tables of the cards feature: each channel's shuffled deck, counts per card, card-of-the-week schedules."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, TeamScoped, UTCDateTime, utcnow


class ChannelDeck(TeamScoped, Base):
    """The deck kept for one channel or DM: its shuffled order (card codes) and how far it has been drawn."""

    __tablename__ = "card_decks"
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32))
    card_order: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    shuffles: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CardTally(TeamScoped, Base):
    """How often a card has been drawn and shared; no one's ID is kept."""

    __tablename__ = "card_tallies"
    __table_args__ = (UniqueConstraint("team_id", "suit", "rank"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    suit: Mapped[str] = mapped_column(String(16))
    rank: Mapped[str] = mapped_column(String(4))
    draws: Mapped[int] = mapped_column(Integer, default=0)
    shares: Mapped[int] = mapped_column(Integer, default=0)


class WeeklyCard(TeamScoped, Base):
    """A card of the week posted in a channel on a weekday and time; paused when the channel refuses the bot."""

    __tablename__ = "card_weekly"
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32))
    day_of_week: Mapped[str] = mapped_column(String(3))
    hour: Mapped[int] = mapped_column(Integer)
    minute: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="active")
    version: Mapped[int] = mapped_column(Integer, default=1)
    set_by: Mapped[str] = mapped_column(String(32))
    paused_reason: Mapped[str | None] = mapped_column(String(64))
    next_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
