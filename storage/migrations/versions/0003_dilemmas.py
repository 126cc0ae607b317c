"""dilemma schedules, posts, anonymous votes and comments

Revision ID: 0003_dilemmas
Revises: 0002_cards
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models.base import UTCDateTime

revision = "0003_dilemmas"
down_revision = "0002_cards"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dilemma_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("weekday", sa.String(length=3), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("open_minutes", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("paused_reason", sa.String(length=64), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dilemma_schedules")),
        sa.UniqueConstraint("team_id", "channel_id", name=op.f("uq_dilemma_schedules_team_id_channel_id")),
    )
    with op.batch_alter_table("dilemma_schedules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dilemma_schedules_team_id"), ["team_id"], unique=False)

    op.create_table(
        "dilemma_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("dilemma_id", sa.String(length=64), nullable=False),
        sa.Column("schedule_id", sa.Integer(), nullable=True),
        sa.Column("caused_by", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("salt", sa.LargeBinary(length=32), nullable=True),
        sa.Column("opened_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("closes_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("message_outbox_id", sa.Integer(), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("member_count", sa.Integer(), nullable=True),
        sa.Column("voters", sa.Integer(), nullable=True),
        sa.Column("comments", sa.Integer(), nullable=True),
        sa.Column("tally", sa.JSON(), nullable=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["schedule_id"],
            ["dilemma_schedules.id"],
            name=op.f("fk_dilemma_posts_schedule_id_dilemma_schedules"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dilemma_posts")),
    )
    with op.batch_alter_table("dilemma_posts", schema=None) as batch_op:
        batch_op.create_index("ix_dilemma_posts_channel_status", ["team_id", "channel_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_dilemma_posts_team_id"), ["team_id"], unique=False)

    op.create_table(
        "dilemma_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message_outbox_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["dilemma_posts.id"],
            name=op.f("fk_dilemma_comments_post_id_dilemma_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dilemma_comments")),
    )
    with op.batch_alter_table("dilemma_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dilemma_comments_post_id"), ["post_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dilemma_comments_pseudonym"), ["pseudonym"], unique=False)
        batch_op.create_index(batch_op.f("ix_dilemma_comments_team_id"), ["team_id"], unique=False)

    op.create_table(
        "dilemma_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("option", sa.String(length=1), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["dilemma_posts.id"],
            name=op.f("fk_dilemma_votes_post_id_dilemma_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dilemma_votes")),
        sa.UniqueConstraint("post_id", "pseudonym", name=op.f("uq_dilemma_votes_post_id_pseudonym")),
    )
    with op.batch_alter_table("dilemma_votes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dilemma_votes_post_id"), ["post_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dilemma_votes_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_table("dilemma_votes")
    op.drop_table("dilemma_comments")
    op.drop_table("dilemma_posts")
    op.drop_table("dilemma_schedules")
