"""Column types that behave the same on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from assessment_app.damage import DAMAGED, DamagedValue

# --- damaged values ---------------------------------------------------------------------------
# A stored value whose bytes are not what the app wrote (a timestamp that does not parse, text
# in a number column, a NULL where none may be ...) is read as a stand-in of the right Python
# type that shows as the damage marker, instead of an exception from the driver or SQLAlchemy's
# result processing. The ORM's load event (:mod:`assessment_app.db.damage_watch`) reports each
# one with its table, column and row.


class DamagedDateTime(DamagedValue, datetime):
    def __new__(cls) -> DamagedDateTime:
        return super().__new__(cls, 1970, 1, 1, tzinfo=UTC)

    def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
        return DAMAGED

    def strftime(self, fmt: str) -> str:
        return DAMAGED

    def astimezone(self, tz: Any = None) -> DamagedDateTime:
        return self


class DamagedDate(DamagedValue, date):
    def __new__(cls) -> DamagedDate:
        return super().__new__(cls, 1970, 1, 1)

    def isoformat(self) -> str:
        return DAMAGED

    def strftime(self, fmt: str) -> str:
        return DAMAGED


class DamagedStr(DamagedValue, str):
    def __new__(cls) -> DamagedStr:
        return super().__new__(cls, DAMAGED)


class DamagedInt(DamagedValue, int):
    """Also the stand-in for a damaged boolean (``bool`` cannot be subclassed): it is false."""

    def __new__(cls) -> DamagedInt:
        return super().__new__(cls, 0)

    def __repr__(self) -> str:
        return "DamagedInt()"


class DamagedBytes(DamagedValue, bytes):
    """Never opens: a ciphertext check fails on it, so it is reported where it is opened too."""

    def __new__(cls) -> DamagedBytes:
        return super().__new__(cls, b"")


_READ_ERRORS = (ValueError, TypeError, OverflowError, UnicodeDecodeError, AttributeError)


class _Tolerant:
    """Result processing that turns an unreadable value into its damaged stand-in."""

    python: tuple[type, ...] = ()
    stand_in: Callable[[], object] = DamagedStr

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        inner = super().result_processor(dialect, coltype)  # type: ignore[misc]
        accept = self.python
        stand_in = self.stand_in

        def process(value: object) -> object:
            if value is None:
                return None
            if inner is not None:
                try:
                    value = inner(value)
                except _READ_ERRORS:
                    return stand_in()
            if value is None or isinstance(value, DamagedValue):
                return value
            if accept and not isinstance(value, accept):
                return stand_in()
            return value

        return process


class SafeString(_Tolerant, TypeDecorator[str]):
    impl = String
    cache_ok = True
    python = (str,)
    stand_in = DamagedStr


class SafeText(_Tolerant, TypeDecorator[str]):
    impl = Text
    cache_ok = True
    python = (str,)
    stand_in = DamagedStr


class SafeInteger(_Tolerant, TypeDecorator[int]):
    impl = Integer
    cache_ok = True
    python = (int,)
    stand_in = DamagedInt


class SafeBigInteger(_Tolerant, TypeDecorator[int]):
    impl = BigInteger
    cache_ok = True
    python = (int,)
    stand_in = DamagedInt


class SafeBoolean(Boolean):
    """A plain Boolean (so ``IS true`` renders as SQL, not a parameter) that reads anything
    but what the app writes as a damaged stand-in (false)."""

    stand_in = DamagedInt

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        inner = super().result_processor(dialect, coltype)  # type: ignore[no-untyped-call]

        def process(value: object) -> object:
            # SQLite hands back what is stored; only 0 and 1 are what the app writes.
            if value is None or isinstance(value, bool):
                return value
            if isinstance(value, int) and value in (0, 1):
                return inner(value) if inner is not None else bool(value)
            return DamagedInt()

        return process


class SafeDate(_Tolerant, TypeDecorator[date]):
    impl = Date
    cache_ok = True
    python = (date,)
    stand_in = DamagedDate


class SafeBinary(_Tolerant, TypeDecorator[bytes]):
    impl = LargeBinary
    cache_ok = True
    python = (bytes,)
    stand_in = DamagedBytes

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.LONGBLOB())
        return dialect.type_descriptor(LargeBinary())


# Ciphertexts: LONGBLOB on MariaDB (BLOB stops at 64 KiB), BYTEA / BLOB elsewhere.
Blob = SafeBinary()


class UTCDateTime(_Tolerant, TypeDecorator[datetime]):
    """Stores naive UTC, returns aware UTC: MariaDB and SQLite keep no time zone."""

    impl = DateTime
    cache_ok = True
    python = (datetime,)
    stand_in = DamagedDateTime

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or isinstance(value, DamagedValue):
            return value
        return value.replace(tzinfo=UTC)


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)
