"""Contact details for the printed plans: a worker's work phone and e-mail (encrypted, on the
user) and a unit's phone, e-mail and visiting address (plain: a unit is an organisation).

Revision ID: 0004b
Revises: 0004a
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

# Frozen here so later changes to the models never rewrite this migration.
BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")

revision = "0004b"
down_revision = "0004a"
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN (SQLite 3.35 and later has both): a batch copy of "units" or "users"
# would have to drop a table that other tables' foreign keys point to.


def upgrade() -> None:
    op.add_column("users", sa.Column("contact_enc", BLOB, nullable=True))
    op.add_column("units", sa.Column("phone", sa.String(40), nullable=True))
    op.add_column("units", sa.Column("email", sa.String(200), nullable=True))
    op.add_column("units", sa.Column("visiting_address", sa.String(200), nullable=True))


def downgrade() -> None:
    op.drop_column("units", "visiting_address")
    op.drop_column("units", "email")
    op.drop_column("units", "phone")
    op.drop_column("users", "contact_enc")
