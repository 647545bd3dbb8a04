"""Every audit entry sealed when it is written: the audit head carries the current pre-sign-in
key (entries written before anyone holds the audit key are sealed with it; see audit.py).

Existing heads keep NULL until the next sign-in, which seals any entries left unsealed by
earlier versions and starts the pre-sign-in sequence.

Revision ID: 0005f
Revises: 0004e
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005f"
down_revision = "0005g"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:
        batch.add_column(sa.Column("pre_key", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_head") as batch:
        batch.drop_column("pre_key")
