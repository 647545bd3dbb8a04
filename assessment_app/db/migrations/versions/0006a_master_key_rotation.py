"""Replacing the master key when someone leaves: every key wrap gets an X25519 key pair
(``public_key``, ``private_sealed``) and a slot for a new master key sealed to it
(``sealed_master``); ``key_rotations`` records a master-key rotation until it is finished.

Existing wraps get their key pair at their next sign-in (the password is needed to seal the
private key); the recovery wrap at the next ``user reset-password``.

Revision ID: 0006a
Revises: 0005a
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")
TS = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")

revision = "0006a"
down_revision = "0005a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy of key_wraps is not needed for nullable columns.
    op.add_column("key_wraps", sa.Column("public_key", BLOB, nullable=True))
    op.add_column("key_wraps", sa.Column("private_sealed", BLOB, nullable=True))
    op.add_column("key_wraps", sa.Column("sealed_master", BLOB, nullable=True))
    op.create_table(
        "key_rotations",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("started_by", sa.String(32), nullable=True),
        sa.Column("removed_user_id", sa.String(32), nullable=True),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_key_rotations"),
    )


def downgrade() -> None:
    op.drop_table("key_rotations")
    op.drop_column("key_wraps", "sealed_master")
    op.drop_column("key_wraps", "private_sealed")
    op.drop_column("key_wraps", "public_key")
