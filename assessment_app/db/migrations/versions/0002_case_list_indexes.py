"""Indexes for the case list's first page: by caseworker and by unit, in case-ref order.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_assigned_ref", "cases", ["assigned_user_id", "case_ref"])
    op.create_index("ix_cases_unit_ref", "cases", ["unit_id", "case_ref"])


def downgrade() -> None:
    op.drop_index("ix_cases_unit_ref", table_name="cases")
    op.drop_index("ix_cases_assigned_ref", table_name="cases")
