"""Tables of dilemmas written in Slack, and of questions colleagues send the panel.

A dilemma written in Slack keeps every change as a version (who, when, what); the one in use in the bank is its
latest version that is not a draft. A question to the panel carries no Slack ID and no time of day: only the
day it came, its text (sealed with the bot's key) and a receipt whose secret part is kept as a hash.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, TeamScoped, UTCDateTime, utcnow


class AuthoredDilemma(TeamScoped, Base):
    """A dilemma written or changed in Slack; a shipped dilemma's id here overrides the YAML item."""

    __tablename__ = "authored_dilemmas"
    __table_args__ = (UniqueConstraint("team_id", "dilemma_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dilemma_id: Mapped[str] = mapped_column(String(64))
    # The form as last submitted, waiting for a choice on the preview (draft, publish, schedule).
    pending: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The version in use in the bank and its status (published | retired); None while only drafts exist.
    live_version_id: Mapped[int | None] = mapped_column(Integer)
    live_status: Mapped[str | None] = mapped_column(String(16))
    question_id: Mapped[int | None] = mapped_column(ForeignKey("panel_questions.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuthoredDilemmaVersion(TeamScoped, Base):
    """One change to a dilemma: the whole item as it then was, what was done, by whom and when."""

    __tablename__ = "authored_dilemma_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    authored_id: Mapped[int] = mapped_column(ForeignKey("authored_dilemmas.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # draft | published | retired
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    changed_by: Mapped[str] = mapped_column(String(32))  # a member of the standards team
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PanelQuestion(TeamScoped, Base):
    """A dilemma a colleague met and sent to the panel, anonymously."""

    __tablename__ = "panel_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Empty, except for a question asked before texts were sealed, until it is sealed (`standards-bot rekey`).
    text: Mapped[str] = mapped_column(Text)
    # The question while it waits (bot.services.dilemmas.questions); None once it is erased.
    text_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="waiting")  # waiting | drafted | declined
    receipt_lookup: Mapped[str] = mapped_column(String(8), index=True)
    receipt_hash: Mapped[str] = mapped_column(String(128))
    asked_on: Mapped[date] = mapped_column(Date)  # the day only: a time could be matched with Slack's own logs
