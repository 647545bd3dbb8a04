"""Scored instruments (AUDIT, DUDIT) stored with the assessment, encrypted like its answers.

Revision ID: 0005e
Revises: 0005d
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

# Frozen here so later changes to the models never rewrite this migration.
BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")

revision = "0005e"
down_revision = "0005d"
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN: a batch copy of "assessments" would have to drop a table that other
# tables' foreign keys point to.


def upgrade() -> None:
    op.add_column("assessments", sa.Column("instruments_enc", BLOB, nullable=True))


def downgrade() -> None:
    op.drop_column("assessments", "instruments_enc")
