"""Opening rules on every backend: never create, never touch a foreign file, refuse newer."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from assessment_app import accounts
from assessment_app.db.engine import Database, head_revision
from assessment_app.errors import (
    DatabaseExistsError,
    DatabaseMissingError,
    DatabaseTooNewError,
    NotADatabaseError,
    WrongPasswordError,
)
from tests.conftest import ADMIN_PW, World


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_schema_is_current_after_init(world: World) -> None:
    db = world.db()
    assert db.current_revision() == head_revision()
    db.dispose()


def test_init_refuses_an_existing_database(world: World) -> None:
    with pytest.raises(DatabaseExistsError):
        Database.create(world.url)


def test_newer_database_is_refused(world: World) -> None:
    db = world.db()
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    db.dispose()
    with pytest.raises(DatabaseTooNewError) as info:
        Database.open(world.url)
    assert "newer version" in info.value.message_en
    assert "nyare version" in info.value.user_message


def test_sqlite_runs_in_wal_with_full_sync(sqlite_world: World) -> None:
    db = sqlite_world.db()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_missing_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nothing.sqlite3"
    with pytest.raises(DatabaseMissingError):
        Database.open(f"sqlite:///{path}")
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "content", [b"hello, not a database" * 100, b"", b"SQLite format 3\x00" + b"\xff" * 200]
)
def test_not_a_database_is_left_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "records.sqlite3"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(NotADatabaseError) as info:
        Database.open(f"sqlite:///{path}")
    assert "untouched" in info.value.message_en
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.sqlite3"]


def test_foreign_sqlite_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotADatabaseError):
        Database.open(f"sqlite:///{path}")
    assert digest(path) == before
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_wrong_password_changes_no_record(sqlite_world: World) -> None:
    db = sqlite_world.db()
    with pytest.raises(WrongPasswordError):
        accounts.sign_in(db, "admin", "not the password")
    ctx = accounts.sign_in(db, "admin", ADMIN_PW)  # the database is still fine
    assert ctx.role == "administrator"
    db.dispose()


def test_upgrade_of_a_current_database_is_a_no_op(sqlite_world: World) -> None:
    db = Database.open(sqlite_world.url, allow_old_schema=True)
    assert db.upgrade() is None
    db.dispose()


def test_pre_upgrade_backup_is_a_consistent_private_copy(sqlite_world: World) -> None:
    from datetime import date

    from assessment_app.records import cases
    from assessment_app.workspace import Workspace

    sqlite_world.workspace("chef").cases.create(name="Kopia Person", opened_on=date(2026, 3, 1))
    db = sqlite_world.db()
    backup = db.backup_sqlite("pre-upgrade-test")
    db.dispose()
    assert backup.name.startswith("records.sqlite3.pre-upgrade-test.")
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    copy = Database.open(f"sqlite:///{backup}")
    ws = Workspace(accounts.sign_in(copy, "chef", "worker-password-1"))
    assert [r.case_ref for r in ws.cases.page(cases.CaseQuery()).rows] == ["AV-2026-0001"]
    copy.dispose()


def test_every_released_schema_upgrades_with_a_backup(db_url: str) -> None:
    """A database at each earlier revision is refused until upgraded; SQLite is backed up first."""
    from alembic import command

    from assessment_app.db.engine import alembic_config, known_revisions
    from assessment_app.errors import DatabaseNeedsUpgradeError
    from assessment_app.records import cases
    from assessment_app.workspace import Workspace

    db = Database.create(db_url)
    accounts.initialise(db, "admin", ADMIN_PW, unit_name="U")
    admin = accounts.sign_in(db, "admin", ADMIN_PW)
    accounts.add_user(admin, "chef", "worker-password-1", "supervisor", unit="U")
    Workspace(accounts.sign_in(db, "chef", "worker-password-1")).cases.create(
        name="Före Uppgradering"
    )
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
    db.dispose()
    assert "0001" in known_revisions()
    with pytest.raises(DatabaseNeedsUpgradeError) as info:
        Database.open(db_url)
    assert "db upgrade" in info.value.message_en
    old = Database.open(db_url, allow_old_schema=True)
    backup = old.upgrade()
    assert old.current_revision() == head_revision()
    if old.is_sqlite:
        assert backup is not None and ".pre-upgrade-0001." in backup.name
        copy = Database.open(f"sqlite:///{backup}", allow_old_schema=True)
        assert copy.current_revision() == "0001"  # the backup is the file as it was
        copy.dispose()
    else:
        assert backup is None  # server databases are backed up with the server's own tools
    old.dispose()
    chef = Workspace(accounts.sign_in(Database.open(db_url), "chef", "worker-password-1"))
    assert chef.cases.count(cases.CaseQuery(text="Uppgradering")) == 1


def test_migrations_match_the_models(world: World) -> None:
    """Autogenerate finds nothing to do: every model change came with its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from assessment_app.db.models import Base

    db = world.db()
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    db.dispose()
    assert diff == []


def test_the_light_revision_reader_agrees_with_alembic() -> None:
    """Opening a database reads the migration graph without alembic; alembic reads it the same."""
    from alembic.script import ScriptDirectory

    from assessment_app.db.engine import _revision_graph, alembic_config, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert [head_revision()] == list(script.get_heads())
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
    for rev in script.walk_revisions():
        assert _revision_graph()[rev.revision] == tuple(rev._normalized_down_revisions)


def test_a_database_with_two_schema_versions_is_refused(world: World) -> None:
    from assessment_app.errors import DatabaseOpenError

    db = world.db()
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999')"))
    with pytest.raises(DatabaseOpenError) as caught:
        db.check_schema_version()
    assert "flera schemaversioner" in caught.value.localized("sv")
    db.dispose()
