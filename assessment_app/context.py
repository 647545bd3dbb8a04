"""The signed-in user's context: who they are, their role, and the keys they unlocked.

Every core operation takes a :class:`Context`. It seals and opens stored values, writes audit
entries and carries the access rules' inputs. It holds keys only in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from assessment_app import audit
from assessment_app.crypto import keys as keymod
from assessment_app.crypto.aead import KeyRing, Sealed
from assessment_app.db.connection import server_errors
from assessment_app.db.engine import Database
from assessment_app.db.models import DataKey
from assessment_app.errors import (
    AccessDeniedError,
    IntegrityError,
    KeysChangedError,
    StaleEditError,
)

log = logging.getLogger(__name__)

ROLES = ("caseworker", "supervisor", "administrator")


@dataclass
class UnlockedKeys:
    # The keys never appear in a repr (a log line, a traceback's locals, a test's failure).
    master_key: bytes = field(repr=False)
    keyring: KeyRing = field(repr=False)
    index_key: bytes = field(repr=False)
    audit_key: bytes = field(repr=False)
    # Every audit key, oldest first (the active one last): a master-key rotation starts a new
    # one and keeps the old ones so ``audit verify`` checks entries from before the switch.
    audit_history: tuple[tuple[str, bytes], ...] = field(default=(), repr=False)


def load_keys(session: Session, master_key: bytes) -> UnlockedKeys:
    rows = session.execute(select(DataKey).order_by(DataKey.created_at, DataKey.id)).scalars().all()
    data: dict[bytes, bytes] = {}
    current: bytes | None = None
    index_key = audit_key = None
    history: list[tuple[str, bytes]] = []
    for row in rows:
        key = keymod.unwrap_subkey(master_key, row.purpose, row.id, row.wrapped)
        if row.purpose == "data":
            data[bytes.fromhex(row.id)] = key
            if row.status == "active":
                current = bytes.fromhex(row.id)
        elif row.purpose == "index":
            if row.status == "active" or index_key is None:
                index_key = key
        elif row.purpose == "audit":
            history.append((row.id, key))
            if row.status == "active" or audit_key is None:
                audit_key = key
    if current is None or index_key is None or audit_key is None:
        raise IntegrityError("data_keys", "wrapped", "*")
    return UnlockedKeys(master_key, KeyRing(data, current), index_key, audit_key, tuple(history))


@dataclass
class Context:
    db: Database
    user_id: str
    username: str
    role: str
    unit_id: str | None
    keys: UnlockedKeys = field(repr=False)
    damaged: set[tuple[str, str, str]] = field(default_factory=set, repr=False)
    # Signed in with a temporary password: nothing but a password change until it is changed.
    must_change_password: bool = False

    # --- access ---------------------------------------------------------------------------
    def require_role(self, *roles: str) -> None:
        if self.role not in roles:
            raise AccessDeniedError(
                f"This needs the role {' or '.join(roles)}; you are signed in as {self.role}.",
                f"Det här kräver rollen {' eller '.join(roles)}; du är inloggad som {self.role}.",
            )

    # --- sealing --------------------------------------------------------------------------
    def seal(self, table: str, column: str, row_id: str, value: object) -> bytes:
        return self.keys.keyring.seal_json(table, column, row_id, value)

    def open(
        self, table: str, column: str, row_id: str, blob: bytes, session: Session | None = None
    ) -> object:
        key_id = Sealed.parse_key_id(blob)
        if key_id is not None and key_id not in self.keys.keyring.key_ids and session is not None:
            self.reload_keys(session)  # the data key was rotated by another session
        return self.keys.keyring.open_json(table, column, row_id, blob)

    def open_str(self, table: str, column: str, row_id: str, blob: bytes | None) -> str | None:
        if blob is None:
            return None
        value = self.open(table, column, row_id, blob)
        return value if isinstance(value, str) else str(value)

    def open_or(
        self,
        session: Session,
        table: str,
        column: str,
        row_id: str,
        blob: bytes | None,
        fallback: object = None,
    ) -> object:
        """Open one value; a damaged value is audited and replaced by ``fallback``.

        The failure is recorded in the caller's transaction, so the rest of the record stays
        readable and the failure is in the audit trail when the transaction commits.
        """
        if blob is None:
            return fallback
        try:
            return self.open(table, column, row_id, blob, session)
        except IntegrityError as error:
            self.damaged.add((table, column, row_id))
            log.warning("integrity failure in %s.%s row %s", table, column, row_id)
            self.audit(
                session,
                audit.INTEGRITY_FAILURE,
                object_type=error.table,
                object_id=error.row_id,
                detail=error.column,
            )
            return fallback

    def reload_keys(self, session: Session) -> None:
        try:
            self.keys = load_keys(session, self.keys.master_key)
        except IntegrityError:
            # The master key was replaced after this session signed in (see
            # keys_admin.rotate_master_key): the keys are wrapped under one it lacks.
            raise KeysChangedError() from None

    # --- transactions and audit ----------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        try:
            with server_errors(self.db), self.db.session() as session:
                yield session
        except StaleDataError:
            # Another session saved the same row between our check and our write.
            raise StaleEditError("record", "", 0, None, None, None) from None  # generic message

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Like :meth:`transaction`, for reads that should not wait for writers."""
        with server_errors(self.db), self.db.read_session() as session:
            yield session

    def audit(
        self,
        session: Session,
        action: str,
        *,
        object_type: str | None = None,
        object_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        try:
            audit.append(
                session,
                self.keys.audit_key,
                action,
                user_id=self.user_id,
                object_type=object_type,
                object_id=object_id,
                detail=detail,
            )
        except audit.HeadKeyMismatch:
            self.head_mismatch(session)
            raise

    def head_mismatch(self, session: Session) -> None:
        """After :class:`audit.HeadKeyMismatch`: keys replaced since sign-in (reloading them
        fails, or gives another audit key) raise :class:`KeysChangedError`; if the same keys
        reload, the head itself was altered and the caller re-raises the integrity error."""
        before = self.keys.audit_key
        self.reload_keys(session)
        if self.keys.audit_key != before:
            raise KeysChangedError()

    def sign_out(self) -> None:
        with self.transaction() as session:
            self.audit(session, audit.LOGOUT, object_type="user", object_id=self.user_id)
