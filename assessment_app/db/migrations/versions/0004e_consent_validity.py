"""Consents last as long as they say: a last day (or until withdrawn), how they were given
(written, or oral with a witness), and an optional scanned signed copy, sealed (in parts of
at most 4 MiB, one row each).

Revision ID: 0004e
Revises: 0004d
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

# Types frozen here so later changes to the models never rewrite this migration.
TS = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")
BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")

revision = "0004e"
# The brief said "0003"; 0004d (urgent flags) was already merged on this branch's base, and
# a second head would stop every database from opening. The lead chains the 0004 migrations.
down_revision = "0004d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consents") as batch:
        batch.add_column(sa.Column("valid_until", sa.Date(), nullable=True))
        # Every consent recorded so far was a written one.
        batch.add_column(
            sa.Column("given_how", sa.String(16), nullable=False, server_default="written")
        )
        batch.create_index("ix_consents_valid_until", ["valid_until"])
    op.create_table(
        "consent_documents",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column(
            "consent_id",
            sa.String(32),
            sa.ForeignKey(
                "consents.id", ondelete="CASCADE", name="fk_consent_documents_consent_id_consents"
            ),
            nullable=False,
        ),
        sa.Column(
            "case_id",
            sa.String(32),
            sa.ForeignKey("cases.id", ondelete="CASCADE", name="fk_consent_documents_case_id_cases"),
            nullable=False,
        ),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("parts", sa.Integer(), nullable=False),
        sa.Column("mime_type", sa.String(32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content_enc", BLOB, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("created_by", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_consent_documents"),
        sa.UniqueConstraint("consent_id", "part", name="uq_consent_documents_part"),
    )
    op.create_index("ix_consent_documents_case_id", "consent_documents", ["case_id"])


def downgrade() -> None:
    op.drop_table("consent_documents")  # its indexes go with it
    with op.batch_alter_table("consents") as batch:
        batch.drop_index("ix_consents_valid_until")
        batch.drop_column("given_how")
        batch.drop_column("valid_until")
