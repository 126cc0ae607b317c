"""Impact report: channel departments, card use by month, confidence before and after CPD events, concern outcomes

Revision ID: 0010_impact
Revises: 0009_case_ids
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models.base import UTCDateTime

revision = "0010_impact"
down_revision = "0009_case_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=False),
        sa.Column("set_by", sa.String(length=32), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_departments")),
        sa.UniqueConstraint("team_id", "channel_id", name=op.f("uq_channel_departments_team_id_channel_id")),
    )
    op.create_index(op.f("ix_channel_departments_team_id"), "channel_departments", ["team_id"], unique=False)
    op.create_table(
        "card_month_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("suit", sa.String(length=16), nullable=False),
        sa.Column("draws", sa.Integer(), nullable=False),
        sa.Column("shares", sa.Integer(), nullable=False),
        sa.Column("hands", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_month_tallies")),
        sa.UniqueConstraint("team_id", "month", "suit", name=op.f("uq_card_month_tallies_team_id_month_suit")),
    )
    op.create_index(op.f("ix_card_month_tallies_team_id"), "card_month_tallies", ["team_id"], unique=False)
    op.create_table(
        "cpd_confidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=8), nullable=False),
        sa.Column("pseudonym", sa.String(length=64), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["cpd_events.id"], name=op.f("fk_cpd_confidence_event_id_cpd_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cpd_confidence")),
        sa.UniqueConstraint("event_id", "stage", "pseudonym", name=op.f("uq_cpd_confidence_event_id_stage_pseudonym")),
    )
    op.create_index(op.f("ix_cpd_confidence_team_id"), "cpd_confidence", ["team_id"], unique=False)
    op.create_index(op.f("ix_cpd_confidence_event_id"), "cpd_confidence", ["event_id"], unique=False)
    with op.batch_alter_table("concern_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("concern_cases", schema=None) as batch_op:
        batch_op.drop_column("outcome")
    op.drop_table("cpd_confidence")
    op.drop_table("card_month_tallies")
    op.drop_table("channel_departments")
