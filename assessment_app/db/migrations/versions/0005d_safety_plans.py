"""Safety plans (skyddsplan): a versioned, reviewed, sealed document of a case.

Revision ID: 0005d
Revises: 0005b
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

# Types frozen here so later changes to the models never rewrite this migration.
TS = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")

revision = "0005d"
down_revision = "0005b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safety_plans",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column(
            "case_id",
            sa.String(32),
            sa.ForeignKey("cases.id", ondelete="CASCADE", name="fk_safety_plans_case_id_cases"),
            nullable=False,
        ),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column("supersedes_id", sa.String(32), nullable=True),
        sa.Column("review_state", sa.String(16), nullable=False),
        sa.Column("review_due_on", sa.Date(), nullable=True),
        sa.Column("content_enc", BLOB, nullable=False),
        sa.Column(
            "created_by",
            sa.String(32),
            sa.ForeignKey("users.id", name="fk_safety_plans_created_by_users"),
            nullable=True,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_safety_plans"),
    )
    op.create_index("ix_safety_plans_case_id", "safety_plans", ["case_id"])
    op.create_index("ix_safety_plans_review_due_on", "safety_plans", ["review_due_on"])
    op.create_table(
        "safety_plan_reviews",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column(
            "safety_plan_id",
            sa.String(32),
            sa.ForeignKey(
                "safety_plans.id",
                ondelete="CASCADE",
                name="fk_safety_plan_reviews_safety_plan_id_safety_plans",
            ),
            nullable=False,
        ),
        sa.Column(
            "case_id",
            sa.String(32),
            sa.ForeignKey(
                "cases.id", ondelete="CASCADE", name="fk_safety_plan_reviews_case_id_cases"
            ),
            nullable=False,
        ),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column(
            "decided_by",
            sa.String(32),
            sa.ForeignKey("users.id", name="fk_safety_plan_reviews_decided_by_users"),
            nullable=True,
        ),
        sa.Column("decided_at", TS, nullable=False),
        sa.Column("comment_enc", BLOB, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_safety_plan_reviews"),
    )
    op.create_index(
        "ix_safety_plan_reviews_safety_plan_id", "safety_plan_reviews", ["safety_plan_id"]
    )
    op.create_index("ix_safety_plan_reviews_case_id", "safety_plan_reviews", ["case_id"])


def downgrade() -> None:
    op.drop_table("safety_plan_reviews")  # its indexes go with it
    op.drop_table("safety_plans")
