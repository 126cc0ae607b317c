"""CPD feedback: random IDs instead of a counter, so an ID no longer says in which order people answered

Revision ID: 0011_cpd_feedback_ids
Revises: 0010_impact
"""

from __future__ import annotations

import secrets
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0011_cpd_feedback_ids"
down_revision = "0010_impact"
branch_labels = None
depends_on = None

_COLUMNS = "team_id, event_id, rating, comment"


def _create(table: str, id_type: sa.types.TypeEngine[Any]) -> None:
    op.create_table(
        table,
        sa.Column("id", id_type, nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["cpd_events.id"], name=f"fk_{table}_event_id_cpd_events", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    )


def _rebuild(id_type: sa.types.TypeEngine[Any], new_id: str | None) -> None:
    """Copy the rows into a new table with the given ID type, in a random order, and put it in the old one's place."""
    bind = op.get_bind()
    rows = [dict(row._mapping) for row in bind.execute(sa.text(f"SELECT {_COLUMNS} FROM cpd_feedback"))]
    secrets.SystemRandom().shuffle(rows)
    _create("cpd_feedback_new", id_type)
    if rows:
        ids = "" if new_id is None else "id, "
        values = "" if new_id is None else ":id, "
        for row in rows:
            if new_id is not None:
                row["id"] = secrets.token_hex(16)
        bind.execute(
            sa.text(
                f"INSERT INTO cpd_feedback_new ({ids}{_COLUMNS}) "
                f"VALUES ({values}:team_id, :event_id, :rating, :comment)"
            ),
            rows,
        )
    op.drop_table("cpd_feedback")
    op.rename_table("cpd_feedback_new", "cpd_feedback")
    if bind.dialect.name == "postgresql":  # constraint names follow the table's final name
        op.execute("ALTER TABLE cpd_feedback RENAME CONSTRAINT pk_cpd_feedback_new TO pk_cpd_feedback")
        op.execute(
            "ALTER TABLE cpd_feedback RENAME CONSTRAINT fk_cpd_feedback_new_event_id_cpd_events "
            "TO fk_cpd_feedback_event_id_cpd_events"
        )
    with op.batch_alter_table("cpd_feedback", schema=None) as batch_op:
        batch_op.create_index("ix_cpd_feedback_team_id", ["team_id"], unique=False)
        batch_op.create_index("ix_cpd_feedback_event_id", ["event_id"], unique=False)


def upgrade() -> None:
    _rebuild(sa.String(length=32), new_id="random")


def downgrade() -> None:
    _rebuild(sa.Integer(), new_id=None)
