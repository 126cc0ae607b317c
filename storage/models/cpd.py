"""Tables of the CPD feature: events, each person's answer (with a place or a place in the queue), and feedback.

Answers name the person (an RSVP is not anonymous); feedback does not. A rating and a comment are kept with
the event only. That someone has answered is kept apart, as a keyed pseudonym made with the event's own salt,
so they are asked once; the salt is destroyed when feedback closes, and after that nothing can re-link them.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, TeamScoped, UTCDateTime, utcnow


class CpdEvent(TeamScoped, Base):
    """A CPD event, announced in the ambassadors channel with live counts of the answers."""

    __tablename__ = "cpd_events"
    __table_args__ = (Index("ix_cpd_events_team_starts_at", "team_id", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    topic: Mapped[str] = mapped_column(String(64))  # a CPD topic's key, or "other"
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(500))  # a room or an online link
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    speaker: Mapped[str | None] = mapped_column(String(150))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="scheduled")  # scheduled | cancelled
    created_by: Mapped[str] = mapped_column(String(32))
    # Bumped when the time or place changes: the reminder duties' keys carry it, so the old ones are cancelled.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # Bumped by every change of an answer; the announcement is updated until it shows the latest.
    answers_version: Mapped[int] = mapped_column(Integer, default=0)
    announcement_outbox_id: Mapped[int | None] = mapped_column(Integer)
    announcement_update_queued: Mapped[bool] = mapped_column(Boolean, default=False)
    queue_counter: Mapped[int] = mapped_column(Integer, default=0)  # hands out places in the order of answers
    # Counts the calendar files sent: each file's SEQUENCE, so that calendars always take the newest one.
    calendar_sequence: Mapped[int] = mapped_column(Integer, default=0)
    # The latest instant the clock has shown the event at (its start, its end): no later update of the
    # announcement shows an earlier phase, and answers close once the start has been shown.
    clock_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    feedback_salt: Mapped[bytes | None] = mapped_column(LargeBinary(32))  # destroyed (NULL) when feedback closes
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CpdRsvp(TeamScoped, Base):
    """One person's answer to one event: going (with a place, or waiting for one), maybe, or can't go."""

    __tablename__ = "cpd_rsvps"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        Index("ix_cpd_rsvps_team_user", "team_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("cpd_events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    answer: Mapped[str] = mapped_column(String(16))  # going | waiting | maybe | cant
    queue_number: Mapped[int] = mapped_column(Integer, default=0)  # order of joining the going or waiting list
    attended: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    calendar_sent_revision: Mapped[int] = mapped_column(Integer, default=0)  # the event revision last sent as .ics
    feedback_asked: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CpdFeedbackGiven(TeamScoped, Base):
    """That someone has given feedback on an event, known only by a pseudonym made with the event's salt."""

    __tablename__ = "cpd_feedback_given"
    __table_args__ = (UniqueConstraint("event_id", "pseudonym"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("cpd_events.id", ondelete="CASCADE"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(64))


class CpdFeedback(TeamScoped, Base):
    """Anonymous feedback on an event: a rating and a comment, with no user ID and no time of its own.

    The ID is random, not a counter, and an event's rows are written again in a fresh random order (with fresh
    IDs) each time someone answers, so neither an ID nor where a row lies says who answered first."""

    __tablename__ = "cpd_feedback"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: secrets.token_hex(16))
    event_id: Mapped[int] = mapped_column(ForeignKey("cpd_events.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)


class CpdSuggestion(TeamScoped, Base):
    """A CPD topic an ambassador suggested. Who suggested it is kept only so that a repeat counts once and each
    person's suggestions stay within the monthly limit; the standards team sees topics and counts, never names."""

    __tablename__ = "cpd_suggestions"
    __table_args__ = (UniqueConstraint("team_id", "suggested_by", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(200))  # as written
    key: Mapped[str] = mapped_column(String(200))  # folded for grouping: case and spacing do not matter
    suggested_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
