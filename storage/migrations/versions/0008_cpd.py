"""CPD events, answers with places and waiting lists, attendance and anonymous feedback

Revision ID: 0008_cpd
Revises: 0007_ambassadors
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models.base import UTCDateTime

revision = "0008_cpd"
down_revision = "0007_ambassadors"
branch_labels = None
depends_on = None


def _team_index(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_team_id"), ["team_id"], unique=False)


def _event_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["event_id"], ["cpd_events.id"], name=op.f(f"fk_{table}_event_id_cpd_events"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "cpd_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("topic", sa.String(length=64), nullable=False),
        sa.Column("starts_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("speaker", sa.String(length=150), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("answers_version", sa.Integer(), nullable=False),
        sa.Column("announcement_outbox_id", sa.Integer(), nullable=True),
        sa.Column("announcement_update_queued", sa.Boolean(), nullable=False),
        sa.Column("queue_counter", sa.Integer(), nullable=False),
        sa.Column("calendar_sequence", sa.Integer(), nullable=False),
        sa.Column("clock_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("feedback_salt", sa.LargeBinary(length=32), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cpd_events")),
    )
    _team_index("cpd_events")
    with op.batch_alter_table("cpd_events", schema=None) as batch_op:
        batch_op.create_index("ix_cpd_events_team_starts_at", ["team_id", "starts_at"], unique=False)

    op.create_table(
        "cpd_rsvps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("queue_number", sa.Integer(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("checked_in_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("calendar_sent_revision", sa.Integer(), nullable=False),
        sa.Column("feedback_asked", sa.Boolean(), nullable=False),
        sa.Column("answered_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        _event_fk("cpd_rsvps"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cpd_rsvps")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_cpd_rsvps_event_id_user_id")),
    )
    _team_index("cpd_rsvps")
    with op.batch_alter_table("cpd_rsvps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cpd_rsvps_event_id"), ["event_id"], unique=False)
        batch_op.create_index("ix_cpd_rsvps_team_user", ["team_id", "user_id"], unique=False)

    op.create_table(
        "cpd_feedback_given",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        _event_fk("cpd_feedback_given"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cpd_feedback_given")),
        sa.UniqueConstraint("event_id", "pseudonym", name=op.f("uq_cpd_feedback_given_event_id_pseudonym")),
    )
    _team_index("cpd_feedback_given")
    with op.batch_alter_table("cpd_feedback_given", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cpd_feedback_given_event_id"), ["event_id"], unique=False)

    op.create_table(
        "cpd_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        _event_fk("cpd_feedback"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cpd_feedback")),
    )
    _team_index("cpd_feedback")
    with op.batch_alter_table("cpd_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cpd_feedback_event_id"), ["event_id"], unique=False)


def downgrade() -> None:
    for table in ("cpd_feedback", "cpd_feedback_given", "cpd_rsvps", "cpd_events"):
        op.drop_table(table)
