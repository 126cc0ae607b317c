"""Ambassadors' monthly meetings as their standards managers record them, and CPD topics ambassadors suggest

Revision ID: 0016_meetings
Revises: 0015_briefings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_meetings"
down_revision = "0015_briefings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ambassador_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("ambassador_id", sa.String(length=32), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=False),
        sa.Column("topics", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambassador_meetings")),
        sa.UniqueConstraint(
            "team_id",
            "manager_id",
            "ambassador_id",
            "month",
            name=op.f("uq_ambassador_meetings_team_id_manager_id_ambassador_id_month"),
        ),
    )
    with op.batch_alter_table("ambassador_meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ambassador_meetings_ambassador_id"), ["ambassador_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ambassador_meetings_team_id"), ["team_id"], unique=False)

    op.create_table(
        "cpd_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("suggested_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cpd_suggestions")),
        sa.UniqueConstraint("team_id", "suggested_by", "key", name=op.f("uq_cpd_suggestions_team_id_suggested_by_key")),
    )
    with op.batch_alter_table("cpd_suggestions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cpd_suggestions_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_table("cpd_suggestions")
    op.drop_table("ambassador_meetings")
