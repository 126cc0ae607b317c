"""the card deck's draws, shares and card-of-the-week schedules

Revision ID: 0002_cards
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models.base import UTCDateTime

revision = "0002_cards"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_decks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("card_order", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("shuffles", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_decks")),
        sa.UniqueConstraint("team_id", "channel_id", name=op.f("uq_card_decks_team_id_channel_id")),
    )
    with op.batch_alter_table("card_decks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_decks_team_id"), ["team_id"], unique=False)

    op.create_table(
        "card_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("suit", sa.String(length=16), nullable=False),
        sa.Column("rank", sa.String(length=4), nullable=False),
        sa.Column("draws", sa.Integer(), nullable=False),
        sa.Column("shares", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_tallies")),
        sa.UniqueConstraint("team_id", "suit", "rank", name=op.f("uq_card_tallies_team_id_suit_rank")),
    )
    with op.batch_alter_table("card_tallies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_tallies_team_id"), ["team_id"], unique=False)

    op.create_table(
        "card_weekly",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("day_of_week", sa.String(length=3), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("set_by", sa.String(length=32), nullable=False),
        sa.Column("paused_reason", sa.String(length=64), nullable=True),
        sa.Column("next_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_weekly")),
        sa.UniqueConstraint("team_id", "channel_id", name=op.f("uq_card_weekly_team_id_channel_id")),
    )
    with op.batch_alter_table("card_weekly", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_weekly_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    for table in ("card_weekly", "card_tallies", "card_decks"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_team_id"))
        op.drop_table(table)
