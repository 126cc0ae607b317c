"""confidential cases, messages, audit and retention counts

Revision ID: 0004_concerns
Revises: 0003_dilemmas
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models.base import UTCDateTime

revision = "0004_concerns"
down_revision = "0003_dilemmas"
branch_labels = None
depends_on = None


def _team_index(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_team_id"), ["team_id"], unique=False)


def upgrade() -> None:
    op.create_table(
        "concern_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("lookup", sa.String(length=16), nullable=False),
        sa.Column("receipt_hash", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("contact", sa.String(length=16), nullable=False),
        sa.Column("text_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("helps_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("reporter_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("outcome_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("delivery", sa.String(length=16), nullable=False),
        sa.Column("post_outbox_id", sa.Integer(), nullable=True),
        sa.Column("received_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("feedback_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_cases")),
        sa.UniqueConstraint("lookup", name=op.f("uq_concern_cases_lookup")),
        sa.UniqueConstraint("team_id", "reference", name=op.f("uq_concern_cases_team_id_reference")),
    )
    _team_index("concern_cases")

    op.create_table(
        "concern_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=32), nullable=True),
        sa.Column("body_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["concern_cases.id"],
            name=op.f("fk_concern_messages_case_id_concern_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_messages")),
    )
    with op.batch_alter_table("concern_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_concern_messages_case_id"), ["case_id"], unique=False)
    _team_index("concern_messages")

    op.create_table(
        "concern_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=True),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_audit")),
    )
    with op.batch_alter_table("concern_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_concern_audit_case_id"), ["case_id"], unique=False)
    _team_index("concern_audit")

    op.create_table(
        "concern_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_counts")),
        sa.UniqueConstraint("team_id", "month", "category", name=op.f("uq_concern_counts_team_id_month_category")),
    )
    _team_index("concern_counts")

    op.create_table(
        "concern_sequences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_sequences")),
        sa.UniqueConstraint("team_id", "year", name=op.f("uq_concern_sequences_team_id_year")),
    )
    _team_index("concern_sequences")


def downgrade() -> None:
    for table in ("concern_sequences", "concern_counts", "concern_audit", "concern_messages", "concern_cases"):
        op.drop_table(table)
