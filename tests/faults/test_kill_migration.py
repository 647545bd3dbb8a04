"""kill -9 during a schema upgrade (``db upgrade``): a database at an old revision, with users,
records and an audit trail, is upgraded by a child process that is killed at a random moment.

On SQLite and PostgreSQL the whole upgrade is one transaction (their DDL is transactional):
after a kill the database is at the old revision or at the newest, never in between. MariaDB
commits every DDL statement on its own, so a kill there often stops inside a migration; the
second run skips the steps already done (migrations/env.py). Everywhere: a database short of
the newest schema is never opened for work, running the upgrade again finishes it with the
same schema as an upgrade that was never interrupted, and then the database opens, the audit
trail verifies and the records open undamaged.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from alembic import command
from sqlalchemy import inspect

from assessment_app.db.engine import Database, alembic_config, head_revision
from assessment_app.errors import DatabaseNeedsUpgradeError
from tests.conftest import World
from tests.faults.conftest import ROUNDS
from tests.faults.test_kill_loop import _check

OLD = "0001"  # the first schema: every later migration runs in the killed upgrade

CHILD = """
import sys
from assessment_app.cli.main import configure_logging
from assessment_app.db.engine import Database
configure_logging()
db = Database.open(sys.argv[1], allow_old_schema=True)
print("upgrading", flush=True)
db.upgrade()
print("done", flush=True)
"""


def _downgrade(url: str) -> None:
    db = Database.open(url, allow_old_schema=True)
    try:
        with db.engine.begin() as conn:
            command.downgrade(alembic_config(conn), OLD)
        assert db.current_revision() == OLD
    finally:
        db.dispose()


def _upgrade(url: str) -> float:
    db = Database.open(url, allow_old_schema=True)
    try:
        started = time.monotonic()
        db.upgrade()
        assert db.current_revision() == head_revision()
        return time.monotonic() - started
    finally:
        db.dispose()


def _revision(url: str) -> str | None:
    db = Database.open(url, allow_old_schema=True)
    try:
        return db.current_revision()
    finally:
        db.dispose()


def _killed_upgrade(url: str, delay: float) -> bool:
    """Run ``db upgrade`` in a child and kill -9 it ``delay`` seconds into the upgrade.
    True when the kill came before the upgrade had finished."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert child.stdout is not None and child.stderr is not None
    line = child.stdout.readline()
    assert line.strip() == "upgrading", child.stderr.read()
    time.sleep(delay)
    alive = child.poll() is None
    child.send_signal(signal.SIGKILL)  # not if it has finished meanwhile (poll reaped it)
    child.wait(30)
    rest, err = child.stdout.read(), child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert "Traceback" not in err, err
    return alive and "done" not in rest


def _world_with_records(world: World) -> None:
    anna = world.workspace("anna")
    for i in range(3):
        anna.cases.create(name=f"Person {i}", notes="anteckning " * 20)
    anna.db.dispose()


def _schema(url: str) -> dict[str, tuple[object, ...]]:
    """Every table's columns, indexes, unique constraints and foreign keys, by name."""
    db = Database.open(url, allow_old_schema=True)
    try:
        with db.engine.connect() as conn:
            look = inspect(conn)
            return {
                table: (
                    sorted(
                        (c["name"], str(c["type"]), c["nullable"]) for c in look.get_columns(table)
                    ),
                    sorted(str(i["name"]) for i in look.get_indexes(table)),
                    sorted(str(u["name"]) for u in look.get_unique_constraints(table)),
                    sorted(str(f["name"]) for f in look.get_foreign_keys(table)),
                )
                for table in look.get_table_names()
            }
    finally:
        db.dispose()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql", "mariadb"], indirect=True)
def test_kill_during_upgrade(world: World) -> None:
    rng = random.Random(1616)
    _world_with_records(world)
    _downgrade(world.url)
    took = _upgrade(world.url)  # how long an upgrade takes here, to kill inside it
    _check(world)
    schema = _schema(world.url)
    transactional = not world.url.startswith("mysql")
    rounds = max(4, ROUNDS // 5)
    interrupted = 0
    for _ in range(rounds):
        _downgrade(world.url)
        interrupted += _killed_upgrade(world.url, rng.uniform(0.0, took * 1.2))
        if transactional:  # one transaction: all of it or none of it, never in between
            assert _revision(world.url) in (OLD, head_revision())
        if _revision(world.url) != head_revision():  # never opened for work half upgraded
            with pytest.raises(DatabaseNeedsUpgradeError):
                Database.open(world.url)
        _upgrade(world.url)  # the upgrade run again finishes (on MariaDB: resumes)
        assert _schema(world.url) == schema
        _check(world)
    # Most kills land inside the upgrade, or the test tests nothing.
    assert interrupted >= rounds // 3, (interrupted, rounds)
