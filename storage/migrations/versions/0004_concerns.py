"""confidential cases, messages, audit and retention counts

Revision ID: 0004_concerns
Revises: 0003_dilemmas
"""

from __future__ import annotations

revision = "0004_concerns"
down_revision = "0003_dilemmas"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
