"""Ethics cards rewritten in Slack, with their versions

Revision ID: 0018_card_authoring
Revises: 0017_confidence_ids
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_card_authoring"
down_revision = "0017_confidence_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "authored_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("suit", sa.String(length=16), nullable=False),
        sa.Column("rank", sa.String(length=4), nullable=False),
        sa.Column("pending", sa.JSON(), nullable=True),
        sa.Column("live_version_id", sa.Integer(), nullable=True),
        sa.Column("live_status", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authored_cards")),
        sa.UniqueConstraint("team_id", "suit", "rank", name=op.f("uq_authored_cards_team_id_suit_rank")),
    )
    with op.batch_alter_table("authored_cards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_authored_cards_team_id"), ["team_id"], unique=False)
    op.create_table(
        "authored_card_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("authored_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("changed_by", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["authored_id"],
            ["authored_cards.id"],
            name=op.f("fk_authored_card_versions_authored_id_authored_cards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authored_card_versions")),
    )
    with op.batch_alter_table("authored_card_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_authored_card_versions_authored_id"), ["authored_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_authored_card_versions_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    op.drop_table("authored_card_versions")
    op.drop_table("authored_cards")
