"""Urgent flags as events: raised from an assessment, open until what was done is recorded.

Revision ID: 0004d
Revises: 0004b
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

# Types frozen here so later changes to the models never rewrite this migration.
TS = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")

revision = "0004d"
down_revision = "0004b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "urgent_flags",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column(
            "case_id",
            sa.String(32),
            sa.ForeignKey("cases.id", ondelete="CASCADE", name="fk_urgent_flags_case_id_cases"),
            nullable=False,
        ),
        sa.Column(
            "assessment_id",
            sa.String(32),
            sa.ForeignKey(
                "assessments.id",
                ondelete="SET NULL",
                name="fk_urgent_flags_assessment_id_assessments",
            ),
            nullable=True,
        ),
        sa.Column("key_token", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("raised_at", TS, nullable=False),
        sa.Column("raised_by", sa.String(32), nullable=True),
        sa.Column("handled_at", TS, nullable=True),
        sa.Column("handled_by", sa.String(32), nullable=True),
        sa.Column("details_enc", BLOB, nullable=False),
        sa.Column("handling_enc", BLOB, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_urgent_flags"),
    )
    op.create_index("ix_urgent_flags_case_id", "urgent_flags", ["case_id"])
    op.create_index("ix_urgent_flags_status", "urgent_flags", ["status"])


def downgrade() -> None:
    op.drop_table("urgent_flags")  # its indexes go with it
