"""the card deck's draws, shares and card-of-the-week schedules

Revision ID: 0002_cards
Revises: 0001_foundation
"""

from __future__ import annotations

revision = "0002_cards"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
