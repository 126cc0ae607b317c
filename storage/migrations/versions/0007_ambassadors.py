"""recruitment drives, applications, approvals, the roster and department headcounts

Revision ID: 0007_ambassadors
Revises: 0006_cpd
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models.base import UTCDateTime

revision = "0007_ambassadors"
down_revision = "0006_cpd"
branch_labels = None
depends_on = None

TABLES = (
    "ambassador_approvals",
    "ambassador_applications",
    "ambassadors",
    "ambassador_headcounts",
    "ambassador_drives",
)


def _team_index(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_team_id"), ["team_id"], unique=False)


def upgrade() -> None:
    op.create_table(
        "ambassador_drives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_by", sa.String(length=32), nullable=False),
        sa.Column("closed_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambassador_drives")),
    )
    _team_index("ambassador_drives")
    with op.batch_alter_table("ambassador_drives", schema=None) as batch_op:
        batch_op.create_index("ix_ambassador_drives_team_status", ["team_id", "status"], unique=False)

    op.create_table(
        "ambassador_headcounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambassador_headcounts")),
        sa.UniqueConstraint("team_id", "key", name=op.f("uq_ambassador_headcounts_team_id_key")),
    )
    _team_index("ambassador_headcounts")

    op.create_table(
        "ambassadors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("standards_manager_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("induction_due_on", sa.Date(), nullable=False),
        sa.Column("inducted_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambassadors")),
        sa.UniqueConstraint("team_id", "user_id", name=op.f("uq_ambassadors_team_id_user_id")),
    )
    _team_index("ambassadors")
    with op.batch_alter_table("ambassadors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ambassadors_standards_manager_id"), ["standards_manager_id"], unique=False)

    op.create_table(
        "ambassador_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("drive_id", sa.Integer(), nullable=False),
        sa.Column("applicant_id", sa.String(length=32), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("line_manager_id", sa.String(length=32), nullable=False),
        sa.Column("standards_manager_id", sa.String(length=32), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["drive_id"],
            ["ambassador_drives.id"],
            name=op.f("fk_ambassador_applications_drive_id_ambassador_drives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambassador_applications")),
        sa.UniqueConstraint("drive_id", "applicant_id", name=op.f("uq_ambassador_applications_drive_id_applicant_id")),
    )
    _team_index("ambassador_applications")
    with op.batch_alter_table("ambassador_applications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ambassador_applications_drive_id"), ["drive_id"], unique=False)

    op.create_table(
        "ambassador_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=24), nullable=False),
        sa.Column("approver_id", sa.String(length=32), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("request_outbox_ids", sa.String(length=400), nullable=False),
        sa.Column("asked_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("escalated_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["ambassador_applications.id"],
            name=op.f("fk_ambassador_approvals_application_id_ambassador_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ambassador_approvals")),
        sa.UniqueConstraint("application_id", "step", name=op.f("uq_ambassador_approvals_application_id_step")),
    )
    _team_index("ambassador_approvals")


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
