"""Shared fixtures: throwaway databases on SQLite, PostgreSQL and MariaDB, signed-in users.

Server tests create and drop their own database. Without a reachable server they are skipped
with the reason; with CI=true a missing server fails the run instead.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Argon2id calibrated to a few milliseconds in tests (the app aims at about half a second).
os.environ.setdefault("ASSESSMENT_KDF_TARGET_MS", "5")
# A core call from screen code on the UI thread fails the test (see ui/services.py).
os.environ.setdefault("ASSESSMENT_STRICT_UI_THREAD", "1")
# The test servers are used as their superuser; tests/server/test_roles.py checks the refusal.
os.environ.setdefault("ASSESSMENT_ALLOW_PRIVILEGED_ROLE", "1")

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ADMIN_URL = os.environ.get(
    "ASSESSMENT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
MARIADB_ADMIN_URL = os.environ.get(
    "ASSESSMENT_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BACKENDS = ("sqlite", "postgresql", "mariadb")


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring for tests that do not exercise the real Secret Service."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def private_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the real user's data, config or settings during tests.

    platformdirs follows XDG_* on Linux; subprocesses (the CLI tests) inherit the variables.
    """
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = home / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv("ASSESSMENT_SETTINGS", raising=False)
    monkeypatch.delenv("ASSESSMENT_DATABASE_URL", raising=False)


@pytest.fixture(autouse=True)
def memory_keyring(request: pytest.FixtureRequest) -> Iterator[MemoryKeyring | None]:
    if request.node.get_closest_marker("keyring_real"):
        yield None
        return
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _server_unavailable(kind: str, error: Exception) -> None:
    reason = f"{kind} server not reachable ({type(error).__name__}); server tests skipped"
    if IN_CI:
        pytest.fail(f"CI requires the {kind} tests: {reason}")
    pytest.skip(reason)


@pytest.fixture
def server_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database on the server named by the test's ``backend`` parameter."""
    kind = request.param if hasattr(request, "param") else "postgresql"
    yield from _make_server_db(kind)


def _make_server_db(kind: str) -> Iterator[str]:
    name = f"aa_test_{uuid.uuid4().hex[:12]}"
    admin_url = PG_ADMIN_URL if kind == "postgresql" else MARIADB_ADMIN_URL
    isolation = "AUTOCOMMIT"
    try:
        admin = create_engine(admin_url, isolation_level=isolation)
        with admin.connect() as conn:
            if kind == "postgresql":
                conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'"))
            else:
                conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
    except Exception as error:
        _server_unavailable(kind, error)
        return
    url = make_url(admin_url).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            if kind == "postgresql":
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            else:
                conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for a database that does not exist yet, on each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'records.sqlite3'}"
    else:
        yield from _make_server_db(request.param)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'records.sqlite3'}"


ADMIN_PW = "admin-password-1"
WORKER_PW = "worker-password-1"


@dataclass
class World:
    """An initialised database with an administrator, two caseworkers and a supervisor."""

    url: str
    recovery_key: str

    def db(self):  # type: ignore[no-untyped-def]
        from assessment_app.db.engine import Database

        return Database.open(self.url)

    def sign_in(self, username: str, password: str = WORKER_PW):  # type: ignore[no-untyped-def]
        from assessment_app import accounts

        return accounts.sign_in(self.db(), username, password or WORKER_PW)

    def workspace(self, username: str, password: str = WORKER_PW, **options):  # type: ignore[no-untyped-def]
        """A signed-in user's workspace (the use-case layer every test of records goes
        through); ``options`` are passed to :class:`Workspace` (e.g. ``local_store``)."""
        from assessment_app.workspace import Workspace

        return Workspace(self.sign_in(username, password), **options)


def make_world(url: str) -> World:
    from assessment_app import accounts
    from assessment_app.db.engine import Database

    db = Database.create(url)
    recovery = accounts.initialise(db, "admin", ADMIN_PW, unit_name="Enhet Nord")
    admin = accounts.sign_in(db, "admin", ADMIN_PW)
    accounts.add_user(admin, "anna", WORKER_PW, "caseworker", unit="Enhet Nord")
    accounts.add_user(admin, "bo", WORKER_PW, "caseworker", unit="Enhet Nord")
    accounts.add_user(admin, "chef", WORKER_PW, "supervisor", unit="Enhet Nord")
    accounts.add_user(admin, "syd", WORKER_PW, "supervisor", unit="Enhet Syd")
    db.dispose()
    return World(url, recovery)


@pytest.fixture
def world(db_url: str) -> World:
    return make_world(db_url)


@pytest.fixture
def sqlite_world(sqlite_url: str) -> World:
    return make_world(sqlite_url)
