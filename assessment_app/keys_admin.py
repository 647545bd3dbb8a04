"""Key operations: rotating the data key and re-encrypting every stored value."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from assessment_app import audit
from assessment_app.context import Context, load_keys
from assessment_app.crypto import keys as keymod
from assessment_app.db.models import Base, DataKey

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RotationResult:
    new_key_id: str
    reencrypted: int
    failed: int


def encrypted_columns() -> list[tuple[Any, str]]:
    """Every (model, column) that holds a ciphertext."""
    found = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        for column in mapper.columns:
            if column.key.endswith("_enc"):
                found.append((cls, column.key))
    return found


def rotate_data_key(ctx: Context, batch_size: int = 500) -> RotationResult:
    """Add a new data key, then re-encrypt in small batches; readers keep working throughout.

    The previous key is retired, not destroyed: a session that still writes with it (it loaded
    its keys before the rotation) stays readable, and a later rotation picks such values up.
    """
    ctx.require_role("administrator")
    key_id = keymod.new_key_id().hex()
    with ctx.transaction() as session:
        session.execute(
            update(DataKey)
            .where(DataKey.purpose == "data", DataKey.status == "active")
            .values(status="retired")
        )
        session.add(
            DataKey(
                id=key_id,
                purpose="data",
                status="active",
                wrapped=keymod.wrap_subkey(
                    ctx.keys.master_key, "data", key_id, keymod.random_key()
                ),
            )
        )
        session.flush()
        ctx.keys = load_keys(session, ctx.keys.master_key)
        ctx.audit(
            session,
            audit.KEY_OPERATION,
            object_type="data_key",
            object_id=key_id,
            detail="rotation started",
        )
    done = failed = 0
    for model, column in encrypted_columns():
        table: str = model.__tablename__
        pk = model.id
        last = ""
        while True:
            with ctx.transaction() as session:
                rows = (
                    session.execute(select(model).where(pk > last).order_by(pk).limit(batch_size))
                    .scalars()
                    .all()
                )
                if not rows:
                    break
                for row in rows:
                    blob = getattr(row, column)
                    if blob is None or ctx.keys.keyring.is_current(blob):
                        continue
                    value = ctx.open_or(session, table, column, row.id, blob, None)
                    if value is None:
                        failed += 1  # audited by open_or; left as it is
                        continue
                    session.execute(
                        update(model)
                        .where(pk == row.id)
                        .values({column: ctx.seal(table, column, row.id, value)})
                        .execution_options(synchronize_session=False)
                    )
                    done += 1
                last = rows[-1].id
    with ctx.transaction() as session:
        ctx.audit(
            session,
            audit.KEY_OPERATION,
            object_type="data_key",
            object_id=key_id,
            detail=f"rotation finished: {done} values re-encrypted, {failed} failed",
        )
    log.info("data key rotated: %d values re-encrypted, %d failed", done, failed)
    return RotationResult(key_id, done, failed)
