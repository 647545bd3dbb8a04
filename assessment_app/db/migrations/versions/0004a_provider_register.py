"""The provider register: organisation number (unique when given), what the provider is
procured for, the contract period, and when (and, sealed, why) a provider was retired.

Revision ID: 0004a
Revises: 0003
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

# Frozen here so later changes to the models never rewrite this migration.
BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")

revision = "0004a"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("providers") as batch:
        batch.add_column(sa.Column("org_number", sa.String(length=11), nullable=True))
        batch.add_column(sa.Column("procured_for", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("contract_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("contract_to", sa.Date(), nullable=True))
        batch.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("retired_reason_enc", BLOB, nullable=True))
        batch.create_unique_constraint("uq_providers_org_number", ["org_number"])


def downgrade() -> None:
    with op.batch_alter_table("providers") as batch:
        batch.drop_constraint("uq_providers_org_number", type_="unique")
        for column in (
            "retired_reason_enc",
            "retired_on",
            "contract_to",
            "contract_from",
            "procured_for",
            "org_number",
        ):
            batch.drop_column(column)
