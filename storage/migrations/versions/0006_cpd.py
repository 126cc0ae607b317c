"""CPD events, RSVPs, waitlists, attendance and anonymous feedback

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
