"""Confidence on a CPD event's topic: random IDs instead of a counter, so an ID no longer says in which order
people answered

Revision ID: 0017_confidence_ids
Revises: 0016_meetings
"""

from __future__ import annotations

import secrets
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0017_confidence_ids"
down_revision = "0016_meetings"
branch_labels = None
depends_on = None

_COLUMNS = "team_id, event_id, stage, pseudonym, score"


def _create(table: str, id_type: sa.types.TypeEngine[Any]) -> None:
    op.create_table(
        table,
        sa.Column("id", id_type, nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=8), nullable=False),
        sa.Column("pseudonym", sa.String(length=64), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["cpd_events.id"], name=f"fk_{table}_event_id_cpd_events", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    )


def _rebuild(id_type: sa.types.TypeEngine[Any], new_id: str | None) -> None:
    """Copy the rows into a new table with the given ID type, in a random order, and put it in the old one's place."""
    bind = op.get_bind()
    rows = [dict(row._mapping) for row in bind.execute(sa.text(f"SELECT {_COLUMNS} FROM cpd_confidence"))]
    secrets.SystemRandom().shuffle(rows)
    _create("cpd_confidence_new", id_type)
    if rows:
        ids = "" if new_id is None else "id, "
        values = "" if new_id is None else ":id, "
        for row in rows:
            if new_id is not None:
                row["id"] = secrets.token_hex(16)
        bind.execute(
            sa.text(
                f"INSERT INTO cpd_confidence_new ({ids}{_COLUMNS}) "
                f"VALUES ({values}:team_id, :event_id, :stage, :pseudonym, :score)"
            ),
            rows,
        )
    op.drop_table("cpd_confidence")
    op.rename_table("cpd_confidence_new", "cpd_confidence")
    if bind.dialect.name == "postgresql":  # constraint names follow the table's final name
        for old, new in (
            ("pk_cpd_confidence_new", "pk_cpd_confidence"),
            ("fk_cpd_confidence_new_event_id_cpd_events", "fk_cpd_confidence_event_id_cpd_events"),
        ):
            op.execute(f"ALTER TABLE cpd_confidence RENAME CONSTRAINT {old} TO {new}")
    with op.batch_alter_table("cpd_confidence", schema=None) as batch_op:  # the unique constraint under its own name
        batch_op.create_unique_constraint(
            "uq_cpd_confidence_event_id_stage_pseudonym", ["event_id", "stage", "pseudonym"]
        )
        batch_op.create_index("ix_cpd_confidence_team_id", ["team_id"], unique=False)
        batch_op.create_index("ix_cpd_confidence_event_id", ["event_id"], unique=False)


def upgrade() -> None:
    _rebuild(sa.String(length=32), new_id="random")


def downgrade() -> None:
    _rebuild(sa.Integer(), new_id=None)
