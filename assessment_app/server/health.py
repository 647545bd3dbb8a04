"""Is the database server there? And one clear error when it is not.

A dropped connection surfaces from the drivers as many different exceptions. The screens and
the command line should see one: :class:`~assessment_app.errors.ServerUnavailableError`, with
a message that says what happened and that nothing typed is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.pool import NullPool

from assessment_app.db.engine import Database
from assessment_app.errors import ServerUnavailableError

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

DEFAULT_TIMEOUT_S = 3.0


def unavailable(db: Database) -> ServerUnavailableError:
    return ServerUnavailableError(
        f"The database server {db.display_name} cannot be reached right now. Your work is kept "
        "on this computer, encrypted, and is saved to the server when it is back.",
        f"Databasservern {db.display_name} går inte att nå just nu. Det du skrivit sparas "
        "krypterat på den här datorn och sparas på servern när den är tillbaka.",
    )


def _probe_args(url: URL, timeout: float) -> dict[str, Any]:
    seconds = max(1, round(timeout))
    backend = url.get_backend_name()
    if backend == "postgresql":
        return {
            "connect_timeout": seconds,
            "options": f"-c statement_timeout={int(timeout * 1000)}",
        }
    if backend in ("mysql", "mariadb"):
        return {"connect_timeout": seconds, "read_timeout": seconds, "write_timeout": seconds}
    return {}


def is_reachable(db: Database, timeout: float = DEFAULT_TIMEOUT_S) -> bool:
    """A cheap ``SELECT 1`` over a fresh connection with short timeouts; never raises.

    A fresh connection (not one from the app's pool) so the probe itself cannot hang on a
    half-dead pooled socket, and so it says whether a *new* connection can be made.
    """
    if db.is_sqlite:
        path = db.sqlite_path
        return path is not None and path.exists()
    engine = create_engine(db.url, poolclass=NullPool, connect_args=_probe_args(db.url, timeout))
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except DBAPIError as exc:
        log.info("server probe failed: %s", type(exc.orig).__name__ if exc.orig else "error")
        return False
    finally:
        engine.dispose()


def check_reachable(db: Database, timeout: float = DEFAULT_TIMEOUT_S) -> None:
    if not is_reachable(db, timeout):
        raise unavailable(db)


def _is_connection_loss(db: Database, exc: DBAPIError) -> bool:
    if db.is_sqlite:
        return False  # "database is locked" and friends are not a lost server
    if exc.connection_invalidated:
        return True
    # A deadlock or a lock wait timeout is an OperationalError too: ask the server.
    return not is_reachable(db)


@contextmanager
def server_errors(db: Database) -> Iterator[None]:
    """Turn a lost connection inside the block into :class:`ServerUnavailableError`."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        if _is_connection_loss(db, exc):
            log.warning("database connection lost: %s", type(exc.orig).__name__)
            raise unavailable(db) from None
        raise


def call(db: Database, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``fn`` with :func:`server_errors` around it."""
    with server_errors(db):
        return fn(*args, **kwargs)
