"""Opening databases safely.

Rules (see ARCHITECTURE.md):
- A SQLite file is opened with ``mode=rw``: SQLite never creates a file here. Only
  :meth:`Database.create` creates one, and only where nothing exists yet.
- Before anything writes to a SQLite file (even switching to WAL), its header and its schema
  are checked read-only, so a foreign or broken file is reported and left untouched.
- A database made by a newer app is refused; an older one must be upgraded explicitly
  (``assessment-app db upgrade``), and a SQLite file is backed up before upgrading.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from assessment_app.errors import (
    DatabaseExistsError,
    DatabaseLockedError,
    DatabaseMissingError,
    DatabaseNeedsUpgradeError,
    DatabaseOpenError,
    DatabaseTooNewError,
    NotADatabaseError,
    ServerUnavailableError,
)

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
READ_ONLY_OPTION = "assessment_read_only"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
REQUIRED_TABLES = {"meta", "users", "key_wraps", "data_keys", "audit_events"}


def safe_url(url: URL) -> str:
    """The URL for messages and logs: never the password."""
    return url.render_as_string(hide_password=True)


def alembic_config(connection: Any | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _revision_graph() -> dict[str, tuple[str, ...]]:
    """Every migration's revision and the revisions it revises, read from the migration files
    without importing alembic (it costs a command's start-up hundreds of milliseconds): the
    module-level ``revision = "..."`` and ``down_revision = ...`` assignments, parsed as Python
    literals. ``tests/core/test_migrations.py`` holds this to alembic's own reading."""
    import ast

    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values: dict[str, Any] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id in ("revision", "down_revision")
            ):
                values[node.targets[0].id] = ast.literal_eval(node.value)
        if "revision" not in values:
            continue
        down = values.get("down_revision")
        graph[values["revision"]] = (
            () if down is None else (down,) if isinstance(down, str) else tuple(down)
        )
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    revised = {down for downs in graph.values() for down in downs}
    heads = sorted(set(graph) - revised)
    if len(heads) != 1:
        raise RuntimeError(f"migration history must have one head, found {heads}")
    return heads[0]


def known_revisions() -> set[str]:
    return set(_revision_graph())


def _sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise DatabaseOpenError(
            "An in-memory database cannot hold records; give a file path.",
            "En databas i minnet kan inte spara uppgifter; ange en fil.",
        )
    return Path(url.database).expanduser().resolve()


def _check_sqlite_file(path: Path) -> None:
    if not path.exists():
        raise DatabaseMissingError(
            f"There is no database at {path}. Create one with 'assessment-app init' "
            "or start the app to set one up.",
            f"Det finns ingen databas i {path}. Skapa en med 'assessment-app init' "
            "eller starta appen för att göra det.",
        )
    if path.is_dir():
        raise NotADatabaseError(
            f"{path} is a folder, not a database file.", f"{path} är en mapp, inte en databasfil."
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseOpenError(
            f"Cannot read {path}: {exc.strerror}.", f"Kan inte läsa {path}: {exc.strerror}."
        ) from None
    if header != SQLITE_MAGIC:
        raise NotADatabaseError(
            f"{path} is not a database of this app (not an SQLite file). It was left untouched.",
            f"{path} är inte en databas för den här appen (ingen SQLite-fil). "
            "Filen har inte ändrats.",
        )
    # Read-only look at the schema before anything can write to the file. Even mode=ro makes
    # the -wal and -shm files of a WAL database beside it; with no -wal file there the file
    # holds every committed page, so it is read as immutable: nothing is created, no lock is
    # taken, and a damaged or truncated file is truly left untouched. (A -wal file beside it
    # means another connection may be writing: then read through it, as SQLite must.)
    wal = path.with_name(path.name + "-wal")
    query = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?{query}", uri=True)
        try:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise NotADatabaseError(
            f"{path} is damaged or not an SQLite database. It was left untouched.",
            f"{path} är skadad eller ingen SQLite-databas. Filen har inte ändrats.",
        ) from None
    tables = {row[0] for row in rows}
    if not tables >= REQUIRED_TABLES:
        raise NotADatabaseError(
            f"{path} is an SQLite file but not a database of this app. It was left untouched.",
            f"{path} är en SQLite-fil men ingen databas för den här appen. Filen har inte ändrats.",
        )


SQLITE_BUSY_TIMEOUT_S = 30.0


def sqlite_busy_timeout_s() -> float:
    """How long a write waits for another writer of the same file:
    ``ASSESSMENT_SQLITE_BUSY_TIMEOUT_S`` (for slow sites and tests), else 30 s. SQLite's busy
    handler retries the lock all that time, with short sleeps between tries."""
    raw = os.environ.get("ASSESSMENT_SQLITE_BUSY_TIMEOUT_S", "")
    try:
        value = float(raw) if raw else SQLITE_BUSY_TIMEOUT_S
    except ValueError:
        value = SQLITE_BUSY_TIMEOUT_S
    return max(0.1, value)


def sqlite_locked(path: Path, waited: float) -> DatabaseLockedError:
    return DatabaseLockedError(
        f"The database file {path} is being written by another program or user (it holds the "
        f"write lock); this command waited {waited:g} s for it to finish and gave up. Nothing "
        "was changed. Try again in a moment; reading works meanwhile.",
        f"Databasfilen {path} skrivs av ett annat program eller en annan användare (som har "
        f"skrivlåset); kommandot väntade {waited:g} s på att det skulle bli klart och gav upp. "
        "Inget ändrades. Försök igen om en stund; att läsa går under tiden.",
    )


def _is_locked(exc: BaseException | None) -> bool:
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "locked" in text


def _sqlite_engine(path: Path, create: bool) -> Engine:
    mode = "rwc" if create else "rw"
    uri = f"{path.as_uri()}?mode={mode}"
    waited = sqlite_busy_timeout_s()

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(
            uri, uri=True, timeout=waited, isolation_level=None, check_same_thread=False
        )
        conn.execute("PRAGMA foreign_keys=ON")
        # WAL: readers read the last committed state while a writer holds the write lock.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA busy_timeout={int(waited * 1000)}")
        return conn

    # Keep connections open: closing the last one checkpoints the WAL, which would make every
    # save pay for a checkpoint. Database.dispose() closes them.
    engine = create_engine(
        "sqlite+pysqlite://", creator=connect, poolclass=QueuePool, pool_size=4, max_overflow=4
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Writers take the write lock up front: a read-then-write transaction in WAL mode
        # would otherwise fail with SQLITE_BUSY when another process wrote in between.
        # Readers (Database.read_session) start deferred and never wait for a writer.
        if conn.get_execution_options().get(READ_ONLY_OPTION):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine, "handle_error")
    def _locked(context: Any) -> Exception | None:
        # Still locked after the busy handler's retries: say who waits on what, not the
        # driver's "database is locked".
        if _is_locked(context.original_exception):
            log.warning("SQLite write lock held elsewhere for over %.1f s", waited)
            return sqlite_locked(path, waited)
        return None

    return engine


PING_AFTER_IDLE_S = 10.0
# OpenSSL's and libpq's words for a refused server certificate (libpq says "SSL error: ..."
# with OpenSSL's reason; a CA of the same name but another key fails on the signature).
CERTIFICATE_REFUSED = (
    "certificate verify failed",
    "does not match host name",
    "hostname mismatch",
    "signature failure",
    "unable to get local issuer certificate",
    "self-signed certificate",
    "self signed certificate",
    "certificate has expired",
)


def _certificate_refused(exc: DBAPIError) -> bool:
    """The driver's TLS check refused the server's certificate (libpq's and OpenSSL's words)."""
    text_ = str(exc.orig).lower()
    return any(words in text_ for words in CERTIFICATE_REFUSED)


def _server_engine(url: URL) -> Engine:
    from assessment_app.db.connection import secure_server_url, server_connect_args

    url = secure_server_url(url)

    backend = url.get_backend_name()
    kwargs: dict[str, Any] = {"pool_recycle": 1800, "connect_args": server_connect_args(url)}
    if backend in ("mysql", "mariadb"):
        url = url.update_query_dict({"charset": "utf8mb4"})
        kwargs["isolation_level"] = "READ COMMITTED"
    engine = create_engine(url, **kwargs)
    _ping_idle_connections(engine)
    return engine


def _ping_idle_connections(engine: Engine) -> None:
    """A pooled connection that has been idle for a while is checked with a ``SELECT 1`` when
    it is taken from the pool (a dead one is replaced); one in steady use is not, so a screen
    that talks to the server often does not pay an extra round trip each time."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
            return
        try:
            cursor = dbapi.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
            dbapi.rollback()
        except Exception:
            raise DisconnectionError() from None  # the pool drops it and makes a new one


class Database:
    """An open database: engine, session factory and schema checks. Injected, never global."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self.read_sessions = sessionmaker(
            engine.execution_options(**{READ_ONLY_OPTION: True}), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_name(self) -> str:
        return safe_url(self.url)

    @property
    def sqlite_path(self) -> Path | None:
        return _sqlite_path(self.url)

    @classmethod
    def open(cls, url: str | URL, *, allow_old_schema: bool = False) -> Database:
        """Open an existing database; raise a clear error and change nothing otherwise."""
        from assessment_app.db.connection import secure_server_url

        parsed = make_url(url) if isinstance(url, str) else url
        path = _sqlite_path(parsed)
        if path is not None:
            _check_sqlite_file(path)
            db = cls(parsed, _sqlite_engine(path, create=False))
        else:
            parsed = secure_server_url(parsed)
            db = cls(parsed, _server_engine(parsed))
            db._check_server_initialised()
        db.check_schema_version(allow_old=allow_old_schema)
        return db

    @classmethod
    def create(cls, url: str | URL) -> Database:
        """Create the schema in a new SQLite file or an empty server database."""
        from assessment_app.db.connection import secure_server_url

        parsed = make_url(url) if isinstance(url, str) else url
        path = _sqlite_path(parsed)
        if path is not None:
            if path.exists():
                raise DatabaseExistsError(
                    f"{path} already exists; init never touches an existing database.",
                    f"{path} finns redan; init ändrar aldrig en befintlig databas.",
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            db = cls(parsed, _sqlite_engine(path, create=True))
        else:
            parsed = secure_server_url(parsed)
            db = cls(parsed, _server_engine(parsed))
            tables = db._server_tables()
            if tables:
                raise DatabaseExistsError(
                    f"The server database {safe_url(parsed)} already has tables; "
                    "init never touches an existing database.",
                    f"Serverdatabasen {safe_url(parsed)} har redan tabeller; "
                    "init ändrar aldrig en befintlig databas.",
                )
        from alembic import command

        with db.engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        return db

    def _server_tables(self) -> set[str]:
        try:
            with self.engine.connect() as conn:
                return set(inspect(conn).get_table_names())
        except (OperationalError, DBAPIError) as exc:
            self.engine.dispose()
            if _certificate_refused(exc):
                raise ServerUnavailableError(
                    f"The database server {self.display_name} showed a certificate that was not "
                    "accepted: it is not signed by the given CA, or it is not for this host "
                    "name. Check ssl_ca / sslrootcert (or ASSESSMENT_SERVER_CA) and the host "
                    "name; see docs/server-setup.md, section TLS.",
                    f"Databasservern {self.display_name} visade ett certifikat som inte "
                    "godkändes: det är inte utfärdat av den angivna CA:n, eller så gäller det "
                    "inte för värdnamnet. Kontrollera ssl_ca / sslrootcert (eller "
                    "ASSESSMENT_SERVER_CA) och värdnamnet; se docs/server-setup.md, avsnittet TLS.",
                ) from None
            raise ServerUnavailableError(
                f"Cannot reach the database server {self.display_name}: "
                f"{type(exc.orig).__name__ if exc.orig else 'connection failed'}.",
                f"Det går inte att nå databasservern {self.display_name}.",
            ) from None

    def _check_server_initialised(self) -> None:
        tables = self._server_tables()
        if not tables >= REQUIRED_TABLES:
            self.engine.dispose()
            raise NotADatabaseError(
                f"{self.display_name} is not set up for this app; run 'assessment-app init'.",
                f"{self.display_name} är inte förberedd för appen; kör 'assessment-app init'.",
            )

    def current_revision(self) -> str | None:
        """The schema revision the database is at (None before ``init``), read from alembic's
        version table directly so opening a database does not import alembic."""
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        if len(rows) > 1:
            raise DatabaseOpenError(
                f"The database records several schema versions ({', '.join(sorted(rows))}); "
                "it was not made by this app's migrations and is not opened.",
                f"Databasen anger flera schemaversioner ({', '.join(sorted(rows))}); den är inte "
                "skapad av appens migreringar och öppnas inte.",
            )
        return rows[0] if rows else None

    def check_schema_version(self, *, allow_old: bool = False) -> None:
        current = self.current_revision()
        head = head_revision()
        if current == head:
            return
        if current not in known_revisions():
            self.engine.dispose()
            raise DatabaseTooNewError(
                f"This database was made by a newer version of the app (schema {current}); "
                "update the app before opening it.",
                f"Databasen skapades av en nyare version av appen (schema {current}); "
                "uppdatera appen innan du öppnar den.",
            )
        if not allow_old:
            self.engine.dispose()
            raise DatabaseNeedsUpgradeError(
                f"The database has an older schema ({current}); run 'assessment-app db upgrade'.",
                f"Databasen har ett äldre schema ({current}); kör 'assessment-app db upgrade'.",
            )

    def upgrade(self) -> Path | None:
        """Upgrade to the newest schema; back up a SQLite file first. Returns the backup path."""
        current = self.current_revision()
        if current == head_revision():
            return None
        backup = self.backup_sqlite(f"pre-upgrade-{current or 'base'}") if self.is_sqlite else None
        from alembic import command

        try:
            with self.engine.begin() as conn:
                command.upgrade(alembic_config(conn), "head")
        except DBAPIError as exc:
            if self.url.get_backend_name() not in ("mysql", "mariadb"):
                raise
            # MariaDB commits each schema change on its own: an upgrade that was broken off
            # (killed, the connection lost) can leave a migration half done, which a second
            # run then trips over. SQLite and PostgreSQL roll the whole upgrade back instead.
            log.error("MariaDB upgrade from %s failed: %s", current, type(exc.orig).__name__)
            raise DatabaseOpenError(
                f"The schema upgrade of {self.display_name} stopped at {self.current_revision()}"
                f" ({type(exc.orig).__name__}). MariaDB cannot undo schema changes, so an "
                "upgrade that was broken off earlier may have left a step half done. Restore "
                "the backup taken before the upgrade and run 'assessment-app db upgrade' again "
                "(docs/server-setup.md, section 6, Backups).",
                f"Schemauppgraderingen av {self.display_name} stannade vid "
                f"{self.current_revision()} ({type(exc.orig).__name__}). MariaDB kan inte ångra "
                "schemaändringar, så en uppgradering som avbröts tidigare kan ha lämnat ett "
                "steg halvfärdigt. Återställ säkerhetskopian från före uppgraderingen och kör "
                "'assessment-app db upgrade' igen (docs/server-setup.md, avsnitt 6, "
                "Backups).",
            ) from None
        log.info("database upgraded from %s to %s", current, head_revision())
        return backup

    def backup_sqlite(self, label: str) -> Path:
        path = self.sqlite_path
        assert path is not None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.{label}.{stamp}.bak")
        src = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        os.chmod(target, 0o600)
        return target

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """For reads: on SQLite it does not take the write lock, so readers never queue.

        It may still write the rare audit entry (an integrity failure found while reading).
        """
        with self.read_sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
