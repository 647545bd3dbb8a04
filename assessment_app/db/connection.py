"""The one connection-loss rule, and the time limits of a server connection.

A dropped or silent server surfaces from the drivers as many different exceptions. Everything
above ``db/`` sees one: :class:`~assessment_app.errors.ServerUnavailableError`. Its message says
what happened and nothing more: whether the work was kept on this computer is for the caller
(the use-case layer) to say, because only it knows.

Time limits: a server connection is opened with a connect timeout, a statement timeout (the
server cancels a statement that runs or waits for a lock longer) and TCP keepalives, so a
server that stops answering ends in a clear error instead of a worker thread that waits forever.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.pool import NullPool

from assessment_app.errors import ServerBusyError, ServerUnavailableError, StaleConnectionError

if TYPE_CHECKING:
    from assessment_app.db.engine import Database

log = logging.getLogger(__name__)

PROBE_TIMEOUT_S = 3.0
CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_S = 20.0

# PostgreSQL: query_canceled (statement_timeout), lock_not_available (lock_timeout).
PG_CANCELLED = {"57014", "55P03"}
# MariaDB: lock wait timeout, statement time exceeded, deadlock.
MYSQL_BUSY = {1205, 1969, 3024, 1213}


def statement_timeout_s() -> float:
    """``ASSESSMENT_DB_STATEMENT_TIMEOUT_S`` (for slow sites and for tests), else 20 s."""
    raw = os.environ.get("ASSESSMENT_DB_STATEMENT_TIMEOUT_S", "")
    try:
        value = float(raw) if raw else STATEMENT_TIMEOUT_S
    except ValueError:
        value = STATEMENT_TIMEOUT_S
    return max(0.5, value)


def server_connect_args(url: URL, *, timeout: float | None = None) -> dict[str, Any]:
    """Driver arguments that bound every wait on the server."""
    statement = timeout if timeout is not None else statement_timeout_s()
    connect = max(1, round(min(statement, CONNECT_TIMEOUT_S)))
    backend = url.get_backend_name()
    if backend == "postgresql":
        return {
            "connect_timeout": connect,
            "options": f"-c statement_timeout={int(statement * 1000)}",
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "tcp_user_timeout": int((statement + 5) * 1000),
        }
    if backend in ("mysql", "mariadb"):
        # A read that gets no answer within the limit fails on the client side; the server
        # stops a statement (also one waiting for a lock) after max_statement_time.
        seconds = max(1, round(statement + 2))
        return {
            "connect_timeout": connect,
            "read_timeout": seconds,
            "write_timeout": seconds,
            "init_command": f"SET SESSION max_statement_time={statement:.1f}, "
            f"innodb_lock_wait_timeout={max(1, int(statement))}",
        }
    return {}


def unavailable(db: Database) -> ServerUnavailableError:
    return ServerUnavailableError(
        f"The database server {db.display_name} cannot be reached right now.",
        f"Databasservern {db.display_name} går inte att nå just nu.",
    )


def busy(db: Database) -> ServerBusyError:
    return ServerBusyError(
        f"The database server {db.display_name} did not answer in time: another user's work "
        "holds the records, or the server is overloaded. Nothing was changed; try again.",
        f"Databasservern {db.display_name} svarade inte i tid: någon annans arbete håller "
        "uppgifterna, eller så är servern överbelastad. Inget ändrades; försök igen.",
    )


def is_reachable(db: Database, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """A cheap ``SELECT 1`` over a fresh connection with short timeouts; never raises.

    A fresh connection (not one from the app's pool) so the probe itself cannot hang on a
    half-dead pooled socket, and so it says whether a *new* connection can be made.
    """
    if db.is_sqlite:
        path = db.sqlite_path
        return path is not None and path.exists()
    engine = create_engine(
        db.url, poolclass=NullPool, connect_args=server_connect_args(db.url, timeout=timeout)
    )
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except DBAPIError as exc:
        log.info("server probe failed: %s", type(exc.orig).__name__ if exc.orig else "error")
        return False
    finally:
        engine.dispose()


def _timed_out(exc: DBAPIError) -> bool:
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(getattr(orig, "diag", None), "sqlstate", None)
    if code in PG_CANCELLED:
        return True
    args: tuple[object, ...] = tuple(getattr(orig, "args", ()))
    return len(args) > 0 and args[0] in MYSQL_BUSY


def classify(db: Database, exc: DBAPIError) -> ServerUnavailableError | ServerBusyError | None:
    """What a driver error means for the user, or None when it is not about the connection."""
    if db.is_sqlite:
        return None  # "database is locked" and friends are handled where SQLite is opened
    if _timed_out(exc):
        return busy(db)
    if exc.connection_invalidated:
        if is_reachable(db):  # the pooled connection was dead, the server is fine
            return StaleConnectionError(
                f"The connection to {db.display_name} was lost and has been made again.",
                f"Anslutningen till {db.display_name} bröts och har kopplats upp igen.",
            )
        return unavailable(db)
    # Other operational errors (a deadlock, a refused statement): ask the server.
    return None if is_reachable(db) else unavailable(db)


@contextmanager
def server_errors(db: Database) -> Iterator[None]:
    """Turn a lost or silent server inside the block into one clear error."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        meaning = classify(db, exc)
        if meaning is None:
            raise
        log.warning("database server problem: %s", type(exc.orig).__name__)
        raise meaning from None
