"""Tables of the concerns feature: confidential cases, their conversation, their audit log and kept counts.

Everything a person wrote (the concern, replies, answers, notes, an outcome) is stored only as ciphertext, and
the reporter's Slack ID only when they asked for replies or chose to give their name, encrypted too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, TeamScoped, UTCDateTime, utcnow


class ConcernCase(TeamScoped, Base):
    """One concern raised through the form, found again by its receipt's lookup part."""

    __tablename__ = "concern_cases"
    # AUTOINCREMENT: on SQLite a purged case's ID is never given to a new case (PostgreSQL never reuses one).
    __table_args__ = (
        UniqueConstraint("team_id", "reference"),
        UniqueConstraint("lookup"),
        UniqueConstraint("answer_digest"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20))
    # The receipt is lookup + secret: the lookup part is random and says nothing about the person;
    # only a slow (argon2id) hash of the secret part is kept.
    lookup: Mapped[str] = mapped_column(String(16))
    receipt_hash: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(64))
    contact: Mapped[str] = mapped_column(String(16))  # relay, silent or named
    # How a reporter who can be reached hears of replies: "news" (a DM saying only that there is news, read with
    # the receipt) or "reply" (a DM naming the case and quoting the reply); None when they cannot be reached.
    updates: Mapped[str | None] = mapped_column(String(8))
    # The reporter's Answer buttons carry a random token: only its SHA-256 is kept to find the case, and a sealed
    # copy to put on later buttons. Nothing in it comes from the case number.
    answer_digest: Mapped[str | None] = mapped_column(String(64))
    answer_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    text_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    helps_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    reporter_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    outcome_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    outcome: Mapped[str | None] = mapped_column(String(32))  # the closing outcome's key, from a short list
    status: Mapped[str] = mapped_column(String(16), default="received")
    # pending: a post to the case channel is queued; posted: it is there; waiting: no channel will take it yet.
    delivery: Mapped[str] = mapped_column(String(16), default="pending")
    post_outbox_id: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    feedback_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ConcernMessage(TeamScoped, Base):
    """A reply from the case team, an answer from the reporter, or an internal note; the body is encrypted."""

    __tablename__ = "concern_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("concern_cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # reply, answer or note
    author: Mapped[str | None] = mapped_column(String(32))  # a handler; never the reporter
    body_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConcernSent(TeamScoped, Base):
    """A message the bot posted for a case (in its thread, or to the reporter), so that the purge can delete it from
    Slack. Where it is (channel and ts) is sealed: a DM's channel would point at the reporter."""

    __tablename__ = "concern_sent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)  # no foreign key: read by the purge, then deleted
    where_sealed: Mapped[bytes] = mapped_column(LargeBinary)


class ConcernAudit(TeamScoped, Base):
    """Who did what to a case, and when. The reporter is never recorded by ID (actor is empty for them)."""

    __tablename__ = "concern_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer, index=True)  # no foreign key: the log outlives a purged case
    reference: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConcernCount(TeamScoped, Base):
    """Cases received per category and month: all that remains once cases are purged."""

    __tablename__ = "concern_counts"
    __table_args__ = (UniqueConstraint("team_id", "month", "category"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    category: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer, default=0)


class ConcernSequence(TeamScoped, Base):
    """The last case number given out in a year, so references run SC-2026-0001, SC-2026-0002, …"""

    __tablename__ = "concern_sequences"
    __table_args__ = (UniqueConstraint("team_id", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
