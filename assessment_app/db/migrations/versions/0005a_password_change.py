"""A temporary password must be changed: ``users.must_change_password`` is set when an
administrator adds a user or sets a password for them, and cleared when the user picks their own.

Revision ID: 0005a
Revises: 0004e
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005a"
down_revision = "0005f2"
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN (SQLite 3.35 and later has both): a batch copy of "users" would have to
# drop a table that other tables' foreign keys point to.


def upgrade() -> None:
    # Accounts made before this revision keep working as they did: nobody is forced.
    op.add_column(
        "users",
        sa.Column(
            "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
    )


def downgrade() -> None:
    op.drop_column("users", "must_change_password")
