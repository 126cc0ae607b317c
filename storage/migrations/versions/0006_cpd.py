"""no schema change: a placeholder kept in the chain; the CPD tables are created by 0008_cpd

Revision ID: 0006_cpd
Revises: 0005_ambassadors
"""

from __future__ import annotations

revision = "0006_cpd"
down_revision = "0005_ambassadors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
