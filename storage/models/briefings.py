"""A show of hands at a staff briefing where a dilemma was discussed: counts only, kept apart from Slack votes.

Nobody's hand is recorded, only how many went up for each option and how many were in the room; nor is the
person who recorded it kept with the counts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, TeamScoped, UTCDateTime, utcnow


class DilemmaBriefing(TeamScoped, Base):
    __tablename__ = "dilemma_briefings"
    __table_args__ = (Index("ix_dilemma_briefings_team_held", "team_id", "held_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dilemma_id: Mapped[str] = mapped_column(String(64))
    # The post whose results the hands join (the channel's post the pack was made from); None if it had none.
    post_id: Mapped[int | None] = mapped_column(ForeignKey("dilemma_posts.id", ondelete="SET NULL"), index=True)
    hands: Mapped[dict[str, Any]] = mapped_column(JSON)  # hands raised per option
    present: Mapped[int] = mapped_column(Integer)  # people in the room
    held_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when it was recorded
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
