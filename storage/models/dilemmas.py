"""Tables of the dilemmas feature: weekly schedules per channel, posts, anonymous votes and comments.

No table here holds the Slack user ID of a voter or commenter: only a keyed pseudonym made with the
post's own salt, and the salt is set to NULL when the post closes, so nothing can be re-linked after.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, TeamScoped, UTCDateTime, utcnow


class DilemmaSchedule(TeamScoped, Base):
    """A channel's weekly dilemma: when it is posted, how long it stays open, and what it draws from."""

    __tablename__ = "dilemma_schedules"
    __table_args__ = (UniqueConstraint("team_id", "channel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32))
    weekday: Mapped[str] = mapped_column(String(3))  # mon … sun, as CronTrigger takes it
    hour: Mapped[int] = mapped_column(Integer)
    minute: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    open_minutes: Mapped[int] = mapped_column(Integer)
    format: Mapped[str | None] = mapped_column(String(32))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | paused
    paused_reason: Mapped[str | None] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=1)  # part of the duty key, so a change starts afresh
    next_dilemma_id: Mapped[str | None] = mapped_column(String(64))  # chosen by the standards team for the next post
    nudge_minutes: Mapped[int | None] = mapped_column(Integer)  # a reminder in the thread this long before the close
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DilemmaPost(TeamScoped, Base):
    """One dilemma posted in one channel, open for votes until it closes and the panel's view is revealed."""

    __tablename__ = "dilemma_posts"
    __table_args__ = (Index("ix_dilemma_posts_channel_status", "team_id", "channel_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32))
    dilemma_id: Mapped[str] = mapped_column(String(64))
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("dilemma_schedules.id", ondelete="SET NULL"))
    caused_by: Mapped[str] = mapped_column(String(16))  # schedule | command
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    salt: Mapped[bytes | None] = mapped_column(LargeBinary(32))  # destroyed (NULL) at close
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_outbox_id: Mapped[int | None] = mapped_column(Integer)
    message_ts: Mapped[str | None] = mapped_column(String(32))
    member_count: Mapped[int | None] = mapped_column(Integer)  # the channel's members when it was posted
    voters: Mapped[int | None] = mapped_column(Integer)  # recorded at close
    comments: Mapped[int | None] = mapped_column(Integer)  # recorded at close
    tally: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # votes per option, recorded at close
    reveal_outbox_id: Mapped[int | None] = mapped_column(Integer)  # updated when a later briefing adds its hands


class DilemmaVote(TeamScoped, Base):
    """One person's vote on one post, known only by a pseudonym; changeable until the post closes."""

    __tablename__ = "dilemma_votes"
    __table_args__ = (UniqueConstraint("post_id", "pseudonym"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("dilemma_posts.id", ondelete="CASCADE"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(64))
    option: Mapped[str] = mapped_column(String(1))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DilemmaComment(TeamScoped, Base):
    """An anonymous comment posted in a post's thread; its text lives only in the sealed outbox payload."""

    __tablename__ = "dilemma_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("dilemma_posts.id", ondelete="CASCADE"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="posted")  # posted | removed
    message_outbox_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
