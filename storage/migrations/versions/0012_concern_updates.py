"""Confidential cases: how a reporter who can be reached hears of replies (only that there is news, or the reply)

Revision ID: 0012_concern_updates
Revises: 0011_cpd_feedback_ids
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_concern_updates"
down_revision = "0011_cpd_feedback_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("concern_cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updates", sa.String(length=8), nullable=True))
    # Reporters who asked for replies before there was a choice were told the replies would come in a DM.
    op.execute("UPDATE concern_cases SET updates = 'reply' WHERE contact IN ('relay', 'named')")


def downgrade() -> None:
    with op.batch_alter_table("concern_cases", schema=None) as batch_op:
        batch_op.drop_column("updates")
