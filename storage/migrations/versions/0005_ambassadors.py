"""ambassadors, recruitment drives and approvals

Revision ID: 0005_ambassadors
Revises: 0004_concerns
"""

from __future__ import annotations

revision = "0005_ambassadors"
down_revision = "0004_concerns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
