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
from assessment_app.errors import IntegrityError

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


# Rows of a column of whole files (``info["raw"]``) are re-encrypted a few at a time.
RAW_BATCH = 4


def _is_raw(model: Any, column: str) -> bool:
    """A column of sealed bytes as they are (a file), not of sealed JSON."""
    return bool(model.__table__.c[column].info.get("raw"))


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
        raw = _is_raw(model, column)
        limit = min(batch_size, RAW_BATCH) if raw else batch_size
        last = ""
        while True:
            with ctx.transaction() as session:
                rows = session.execute(
                    select(pk, getattr(model, column)).where(pk > last).order_by(pk).limit(limit)
                ).all()
                if not rows:
                    break
                for row_id, blob in rows:
                    if blob is None or ctx.keys.keyring.is_current(blob):
                        continue
                    sealed = _reseal(ctx, session, table, column, row_id, blob, raw)
                    if sealed is None:
                        failed += 1  # audited; left as it is
                        continue
                    session.execute(
                        update(model)
                        .where(pk == row_id)
                        .values({column: sealed})
                        .execution_options(synchronize_session=False)
                    )
                    done += 1
                last = rows[-1][0]
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


def _reseal(
    ctx: Context, session: Any, table: str, column: str, row_id: str, blob: bytes, raw: bool
) -> bytes | None:
    """The value sealed again under the current key; None (audited) if it is damaged."""
    if not raw:
        value = ctx.open_or(session, table, column, row_id, blob, None)
        return None if value is None else ctx.seal(table, column, row_id, value)
    try:
        data = ctx.keys.keyring.open(table, column, row_id, blob)
    except IntegrityError:
        ctx.damaged.add((table, column, row_id))
        log.warning("integrity failure in %s.%s row %s", table, column, row_id)
        ctx.audit(
            session, audit.INTEGRITY_FAILURE, object_type=table, object_id=row_id, detail=column
        )
        return None
    return ctx.keys.keyring.seal(table, column, row_id, data)
