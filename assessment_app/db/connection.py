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


# --- TLS: verified by default off this computer ---------------------------------------------

SERVER_CA_ENV = "ASSESSMENT_SERVER_CA"
ALLOW_INSECURE_ENV = "ASSESSMENT_ALLOW_INSECURE_SERVER"
LOCAL_HOSTS = {"127.0.0.1", "::1", "[::1]", "localhost"}


def _hosts(url: URL) -> list[str]:
    """Every host the driver may connect to ("" for the driver's default, a path for a socket)."""
    backend = url.get_backend_name()
    if backend in ("mysql", "mariadb") and url.query.get("unix_socket"):
        return ["/unix-socket"]  # PyMySQL then ignores the host
    found: list[str] = []
    if url.host:
        found.append(url.host)
    query_host = url.query.get("host")
    if query_host:
        values = (query_host,) if isinstance(query_host, str) else tuple(query_host)
        for value in values:
            found.extend(value.split(","))
    if not found and backend == "postgresql":
        found.extend(os.environ.get("PGHOST", "").split(","))
    return found or [""]


def is_local_server(url: URL) -> bool:
    """A connection that never leaves this computer: loopback, a Unix socket, or no host."""
    return all(
        not host or host.startswith("/") or host.strip().lower() in LOCAL_HOSTS
        for host in _hosts(url)
    )


def _query_value(url: URL, key: str) -> str:
    value = url.query.get(key)
    if value is None:
        return ""
    return value if isinstance(value, str) else (value[-1] if value else "")


def _with_ca(url: URL, ca: str) -> URL:
    """The CA from ``ASSESSMENT_SERVER_CA`` where the URL names none."""
    if url.get_backend_name() == "postgresql":
        extra = {}
        if not _query_value(url, "sslmode"):
            extra["sslmode"] = "verify-full"
        if not _query_value(url, "sslrootcert"):
            extra["sslrootcert"] = ca
        return url.update_query_dict(extra) if extra else url
    if not _query_value(url, "ssl_ca"):
        return url.update_query_dict({"ssl_ca": ca})
    return url


def _tls_problem(url: URL) -> tuple[str, str] | None:
    """Why this remote URL does not verify the server (English, Swedish), or None."""
    backend = url.get_backend_name()
    if backend == "postgresql":
        mode = _query_value(url, "sslmode")
        if mode != "verify-full":
            got = f"sslmode={mode}" if mode else "no sslmode"
            return (
                f"it has {got}; it needs sslmode=verify-full and the CA, e.g. "
                "?sslmode=verify-full&sslrootcert=/path/to/ca.pem",
                f"den har {got if mode else 'inget sslmode'}; den behöver sslmode=verify-full och "
                "CA-certifikatet, till exempel ?sslmode=verify-full&sslrootcert=/sökväg/ca.pem",
            )
        return None
    if backend in ("mysql", "mariadb"):
        if not _query_value(url, "ssl_ca"):
            return (
                "it names no CA; it needs ?ssl_ca=/path/to/ca.pem",
                "den anger inget CA-certifikat; den behöver ?ssl_ca=/sökväg/ca.pem",
            )
        loosened = [k for k in url.query if k in ("ssl_verify_cert", "ssl_verify_identity")]
        if loosened:
            names = ", ".join(sorted(loosened))
            return (
                f"{names} makes PyMySQL drop the CA file and the host-name check; use ssl_ca alone",
                f"{names} får PyMySQL att släppa CA-filen och kontrollen av värdnamnet; "
                "använd bara ssl_ca",
            )
        return None
    return None


def secure_server_url(url: URL) -> URL:
    """The URL to connect with: a connection off this computer verifies the server.

    Off this computer (a host other than 127.0.0.1, ::1, localhost or a Unix socket) PostgreSQL
    needs ``sslmode=verify-full`` (the chain against the CA *and* the host name) and MariaDB
    ``ssl_ca`` (PyMySQL then requires a valid certificate for the host name). The CA can come
    from the URL or from ``ASSESSMENT_SERVER_CA``. Anything less is refused, unless
    ``ASSESSMENT_ALLOW_INSECURE_SERVER=1`` (a test lab), which is logged as a warning at every
    connection. A local connection is returned unchanged.
    """
    if url.get_backend_name() == "sqlite" or is_local_server(url):
        return url
    ca = os.environ.get(SERVER_CA_ENV, "").strip()
    if ca:
        url = _with_ca(url, ca)
    problem = _tls_problem(url)
    if problem is None:
        return url
    if os.environ.get(ALLOW_INSECURE_ENV) == "1":
        log.warning(
            "INSECURE: %s=1, connecting to a remote database server without verifying its "
            "certificate; anyone on the network path can read and change the traffic",
            ALLOW_INSECURE_ENV,
        )
        return url
    from assessment_app.errors import ConfigurationError

    shown = url.render_as_string(hide_password=True)
    raise ConfigurationError(
        f"The connection to {shown} does not verify the server's certificate: {problem[0]}. "
        f"Or set {SERVER_CA_ENV}=/path/to/ca.pem (the municipality's CA certificate). "
        "See docs/server-setup.md, section TLS.",
        f"Anslutningen till {shown} kontrollerar inte serverns certifikat: {problem[1]}. "
        f"Eller sätt {SERVER_CA_ENV}=/sökväg/ca.pem (kommunens CA-certifikat). "
        "Se docs/server-setup.md, avsnittet TLS.",
    )


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
