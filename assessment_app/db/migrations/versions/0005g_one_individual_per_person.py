"""One person, one record: individuals with the same personnummer (the same blind index) are
merged into one, so every case of the person hangs on the same row and a registerutdrag covers
them all.

The merge needs no keys, so it runs here, at upgrade time, before anyone signs in. Encrypted
values are bound to their row (the associated data names table, column and row id), so a value
cannot be moved from one row to another without the data key; instead the group keeps one row
whole: the one with contact details, of those the most recently changed (the newest name and
address the workers wrote). The other rows' cases are moved onto it, their name tokens and the
rows themselves are deleted, and the kept row gets the strictest protection level of the group
(a protected identity stays protected). Audit entries keep the ids they had.

Revision ID: 0005g
Revises: 0004e
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005g"
down_revision = "0005e"
branch_labels = None
depends_on = None

LEVELS = ("none", "sekretessmarkering", "skyddad_folkbokforing", "fingerade_personuppgifter")


def merge_duplicates(conn: sa.Connection) -> int:
    """Merge every group of individuals sharing a ``pnr_index``; returns the rows removed."""
    ind = sa.table(
        "individuals",
        sa.column("id"),
        sa.column("pnr_index"),
        sa.column("contact_enc"),
        sa.column("protection_level"),
        sa.column("updated_at"),
        sa.column("version"),
    )
    cases = sa.table("cases", sa.column("individual_id"))
    tokens = sa.table("name_tokens", sa.column("individual_id"))
    groups = conn.execute(
        sa.select(ind.c.pnr_index)
        .where(ind.c.pnr_index.is_not(None))
        .group_by(ind.c.pnr_index)
        .having(sa.func.count() > 1)
    ).scalars()
    removed = 0
    for index in list(groups):
        rows = list(
            conn.execute(
                sa.select(
                    ind.c.id,
                    ind.c.contact_enc.is_not(None).label("has_contact"),
                    ind.c.protection_level,
                    ind.c.updated_at,
                ).where(ind.c.pnr_index == index)
            )
        )
        rows.sort(key=lambda r: (bool(r.has_contact), r.updated_at, r.id), reverse=True)
        keep, others = rows[0], [r.id for r in rows[1:]]
        level = max(
            (r.protection_level for r in rows),
            key=lambda v: LEVELS.index(v) if v in LEVELS else len(LEVELS),
        )
        conn.execute(
            sa.update(cases).where(cases.c.individual_id.in_(others)).values(individual_id=keep.id)
        )
        conn.execute(sa.delete(tokens).where(tokens.c.individual_id.in_(others)))
        conn.execute(sa.delete(ind).where(ind.c.id.in_(others)))
        if level != keep.protection_level:
            conn.execute(
                sa.update(ind)
                .where(ind.c.id == keep.id)
                .values(protection_level=level, version=ind.c.version + 1)
            )
        removed += len(others)
    return removed


def upgrade() -> None:
    merge_duplicates(op.get_bind())


def downgrade() -> None:
    pass  # a merged person is not split again
