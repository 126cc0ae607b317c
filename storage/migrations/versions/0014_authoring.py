"""Dilemmas written in Slack with their versions, questions to the panel, and a schedule's chosen next dilemma

Revision ID: 0014_authoring
Revises: 0013_concern_sent
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_authoring"
down_revision = "0013_concern_sent"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "panel_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("receipt_lookup", sa.String(length=8), nullable=False),
        sa.Column("receipt_hash", sa.String(length=128), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_questions")),
    )
    with op.batch_alter_table("panel_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_panel_questions_receipt_lookup"), ["receipt_lookup"], unique=False)
        batch_op.create_index(batch_op.f("ix_panel_questions_team_id"), ["team_id"], unique=False)
    op.create_table(
        "authored_dilemmas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dilemma_id", sa.String(length=64), nullable=False),
        sa.Column("pending", sa.JSON(), nullable=True),
        sa.Column("live_version_id", sa.Integer(), nullable=True),
        sa.Column("live_status", sa.String(length=16), nullable=True),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["panel_questions.id"],
            name=op.f("fk_authored_dilemmas_question_id_panel_questions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authored_dilemmas")),
        sa.UniqueConstraint("team_id", "dilemma_id", name=op.f("uq_authored_dilemmas_team_id_dilemma_id")),
    )
    with op.batch_alter_table("authored_dilemmas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_authored_dilemmas_team_id"), ["team_id"], unique=False)
    op.create_table(
        "authored_dilemma_versions",
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
            ["authored_dilemmas.id"],
            name=op.f("fk_authored_dilemma_versions_authored_id_authored_dilemmas"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authored_dilemma_versions")),
    )
    with op.batch_alter_table("authored_dilemma_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_authored_dilemma_versions_authored_id"), ["authored_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_authored_dilemma_versions_team_id"), ["team_id"], unique=False)
    with op.batch_alter_table("dilemma_schedules", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_dilemma_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dilemma_schedules", schema=None) as batch_op:
        batch_op.drop_column("next_dilemma_id")
    op.drop_table("authored_dilemma_versions")
    op.drop_table("authored_dilemmas")
    op.drop_table("panel_questions")
