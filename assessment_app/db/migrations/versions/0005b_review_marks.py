"""Four eyes: a review entry may carry a mark of its own (``plan_reviews.mark``):
``self_approval`` on an approval by the plan's author or last editor (allowed only where the
installation says so), ``unfinished_assessment`` on a submission whose assessment was not
finished (the stated reason is the entry's sealed comment).

Revision ID: 0005b
Revises: 0004e
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005b"
down_revision = "0004e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_reviews") as batch:
        batch.add_column(sa.Column("mark", sa.String(24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan_reviews") as batch:
        batch.drop_column("mark")
