"""Dilemmas: shows of hands at staff briefings, a schedule's mid-week reminder, and the reveal kept to update

Revision ID: 0015_briefings
Revises: 0013_concern_sent
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models.base import UTCDateTime

revision = "0015_briefings"
down_revision = "0014_authoring"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dilemma_briefings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dilemma_id", sa.String(length=64), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("hands", sa.JSON(), nullable=False),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("held_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["dilemma_posts.id"],
            name=op.f("fk_dilemma_briefings_post_id_dilemma_posts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dilemma_briefings")),
    )
    with op.batch_alter_table("dilemma_briefings", schema=None) as batch_op:
        batch_op.create_index("ix_dilemma_briefings_team_held", ["team_id", "held_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_dilemma_briefings_post_id"), ["post_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dilemma_briefings_team_id"), ["team_id"], unique=False)
    with op.batch_alter_table("dilemma_schedules", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nudge_minutes", sa.Integer(), nullable=True))
    with op.batch_alter_table("dilemma_posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reveal_outbox_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dilemma_posts", schema=None) as batch_op:
        batch_op.drop_column("reveal_outbox_id")
    with op.batch_alter_table("dilemma_schedules", schema=None) as batch_op:
        batch_op.drop_column("nudge_minutes")
    op.drop_table("dilemma_briefings")
