"""no schema change: a placeholder kept in the chain; the ambassadors' tables are created by 0007_ambassadors

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
