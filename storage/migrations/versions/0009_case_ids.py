"""Confidential cases: IDs never given out twice, and a random answer token per case; closed dilemmas' votes and
comments no longer linked by their pseudonyms

Revision ID: 0009_case_ids
Revises: 0008_cpd
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0009_case_ids"
down_revision = "0008_cpd"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # On SQLite an integer key without AUTOINCREMENT hands a purged case's ID to the next case, whose audit log
    # would then show the old case's history: rebuild the table with AUTOINCREMENT (PostgreSQL never reuses).
    with op.batch_alter_table(
        "concern_cases",
        schema=None,
        recreate="always" if sqlite else "auto",
        table_kwargs={"sqlite_autoincrement": True} if sqlite else {},
    ) as batch_op:
        batch_op.add_column(sa.Column("answer_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("answer_sealed", sa.LargeBinary(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_concern_cases_answer_digest"), ["answer_digest"])
    if sqlite:
        # Start after every ID ever given out, purged ones included (the audit log remembers them).
        op.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'concern_cases', 0 "
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'concern_cases')"
        )
        op.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(id) FROM concern_cases), 0), "
            "coalesce((SELECT max(case_id) FROM concern_audit), 0)) WHERE name = 'concern_cases'"
        )

    _unlink_closed_dilemmas()


def _unlink_closed_dilemmas() -> None:
    # Votes and comments of posts already closed shared one pseudonym per person: give each row a random stand-in,
    # as the close now does.
    bind = op.get_bind()
    for table in ("dilemma_votes", "dilemma_comments"):
        ids = list(
            bind.execute(
                sa.text(
                    f"SELECT t.id FROM {table} t JOIN dilemma_posts p ON p.id = t.post_id WHERE p.status = 'closed'"
                )
            ).scalars()
        )
        rows = [{"id": row_id, "pseudonym": secrets.token_hex(32)} for row_id in ids]
        if rows:
            bind.execute(sa.text(f"UPDATE {table} SET pseudonym = :pseudonym WHERE id = :id"), rows)


def downgrade() -> None:
    with op.batch_alter_table("concern_cases", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_concern_cases_answer_digest"), type_="unique")
        batch_op.drop_column("answer_sealed")
        batch_op.drop_column("answer_digest")
