"""One transfer, one import: a row per imported transfer file, keyed by the transfer id, so
two concurrent imports of the same file cannot both succeed.

Revision ID: 0005f2
Revises: 0005f
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

TS = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")

revision = "0005f2"
down_revision = "0005f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "transfer_imports",
        sa.Column("transfer_id", sa.String(64), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=True),
        sa.Column("imported_at", TS, nullable=False),
        sa.Column("imported_by", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("transfer_id", name="pk_transfer_imports"),
    )


def downgrade() -> None:
    op.drop_table("transfer_imports")
