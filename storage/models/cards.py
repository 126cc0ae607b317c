"""Tables of the cards feature: each channel's shuffled deck, counts per card, card-of-the-week schedules, and
cards rewritten in Slack by the standards team with every version kept."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
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


class AuthoredCard(TeamScoped, Base):
    """A card rewritten in Slack: while published it replaces the shipped card of the same suit and rank."""

    __tablename__ = "authored_cards"
    __table_args__ = (UniqueConstraint("team_id", "suit", "rank"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    suit: Mapped[str] = mapped_column(String(16))
    rank: Mapped[str] = mapped_column(String(4))
    # The form as last submitted, waiting for a choice on the preview.
    pending: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The version in use and its status (published | retired); None while only drafts exist.
    live_version_id: Mapped[int | None] = mapped_column(Integer)
    live_status: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuthoredCardVersion(TeamScoped, Base):
    """One change to a card: the whole card as it then was, what was done, by whom and when."""

    __tablename__ = "authored_card_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    authored_id: Mapped[int] = mapped_column(ForeignKey("authored_cards.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # draft | published | retired
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    changed_by: Mapped[str] = mapped_column(String(32))  # a member of the standards team
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
