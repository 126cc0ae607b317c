"""Confidential cases: where each message the bot posted for a case is in Slack (sealed), so the purge deletes it

Revision ID: 0013_concern_sent
Revises: 0012_concern_updates
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_concern_sent"
down_revision = "0012_concern_updates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "concern_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("where_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_sent")),
    )
    with op.batch_alter_table("concern_sent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_concern_sent_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_concern_sent_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_table("concern_sent")
