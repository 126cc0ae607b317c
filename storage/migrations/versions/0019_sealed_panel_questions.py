"""Questions to the panel sealed at rest

Revision ID: 0019_sealed_panel_questions
Revises: 0018_card_authoring
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_sealed_panel_questions"
down_revision = "0018_card_authoring"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Questions already waiting keep their text in the plain column until `standards-bot rekey` seals them (the
    # key is the running bot's, not the migration's), or until they are declined or written up and erased.
    with op.batch_alter_table("panel_questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("text_sealed", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("panel_questions", schema=None) as batch_op:
        batch_op.drop_column("text_sealed")
