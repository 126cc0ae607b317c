"""dilemma schedules, posts, anonymous votes and comments

Revision ID: 0003_dilemmas
Revises: 0002_cards
"""

from __future__ import annotations

revision = "0003_dilemmas"
down_revision = "0002_cards"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
