"""kill -9 during saves and key rotation, and the server ending the connection: every round
leaves a database that opens, whose audit trail verifies and whose records all open (no damage),
on SQLite, PostgreSQL and MariaDB.

``ASSESSMENT_FAULT_ROUNDS`` rounds (30 in ``make test``, 300 in ``make test-faults``; a third as
many on a server); each round kills a writer at a random moment, after it has signed in.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from typing import IO

import pytest

from assessment_app.records.cases import CaseQuery
from tests.conftest import ADMIN_PW, WORKER_PW, World
from tests.faults.conftest import ROUNDS
from tests.server.server_admin import ServerAdmin

CHILD = """
import sys
from assessment_app import accounts
from assessment_app.cli.main import configure_logging
from assessment_app.db.engine import Database
from assessment_app.errors import AppError
from assessment_app.workspace import Workspace
configure_logging()  # as the app does: warnings on stderr
url, mode, password = sys.argv[1], sys.argv[2], sys.argv[3]
user = "admin" if mode == "rotate" else "anna"
ws = Workspace(accounts.sign_in(Database.open(url), user, password))
print("ready", flush=True)
i = 0
while True:
    i += 1
    try:
        if mode == "rotate":
            ws.admin.rotate_keys()
        else:
            case = ws.cases.create(name=f"Person {i}", notes="anteckning " * 50)
            ws.cases.open(case.id)
    except AppError as error:  # what the app shows the user; the user tries again
        print("error", error.user_message, flush=True)
        continue
    print("done", flush=True)
"""


def _writer(url: str, mode: str) -> subprocess.Popen[str]:
    password = ADMIN_PW if mode == "rotate" else WORKER_PW
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, url, mode, password],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def _lines(stream: IO[str]) -> queue.Queue[str]:
    """The child's output lines, read on a thread so the test can wait with a deadline."""
    found: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            found.put(line.strip())

    threading.Thread(target=pump, daemon=True).start()
    return found


def _wait_for(lines: queue.Queue[str], want: str, seconds: float) -> list[str]:
    """Lines up to and including the first that starts with ``want``; fails after ``seconds``."""
    seen: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.1)
        except queue.Empty:
            continue
        seen.append(line)
        if line.startswith(want):
            return seen
    pytest.fail(f"the child never printed {want!r}; it printed {seen[-5:]}")


def _kill(child: subprocess.Popen[str]) -> str:
    """kill -9 a child that must still be running; its stderr."""
    assert child.poll() is None, child.stderr.read() if child.stderr else ""
    child.send_signal(signal.SIGKILL)  # not if it has finished meanwhile (poll reaped it)
    child.wait(30)
    err = child.stderr.read() if child.stderr else ""
    for stream in (child.stderr, child.stdout):
        if stream:
            stream.close()
    return err


def _check(world: World) -> None:
    admin = world.workspace("admin", ADMIN_PW)
    anna = world.workspace("anna")
    try:
        result = admin.admin.verify_audit()
        assert result.ok, result
        rows = anna.cases.page(CaseQuery()).rows
        assert rows
        for row in rows[:3]:
            anna.cases.open(row.id)
        assert not anna.ctx.damaged, anna.ctx.damaged
    finally:
        admin.db.dispose()
        anna.db.dispose()


def _rounds(world: World) -> int:
    # The server rounds are slower (a server connection per step): a third as many.
    return ROUNDS if world.url.startswith("sqlite") else max(1, ROUNDS // 3)


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql", "mariadb"], indirect=True)
def test_kill_during_saves_and_rotation(world: World) -> None:
    rng = random.Random(16)
    anna = world.workspace("anna")
    anna.cases.create(name="Första Person")  # something for the rotation to re-encrypt
    anna.db.dispose()
    for round_no in range(_rounds(world)):
        mode = "rotate" if round_no % 3 == 2 else "save"
        child = _writer(world.url, mode)
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.4))
        err = _kill(child)
        assert "Traceback" not in err, err
        _check(world)  # a new sign-in each round: after a rotation it holds the new data key


@pytest.mark.parametrize("db_url", ["postgresql", "mariadb"], indirect=True)
def test_server_ends_the_connection_during_saves_and_rotation(world: World) -> None:
    """The server terminates the writer's connections (pg_terminate_backend / KILL) at a random
    moment: the writer goes on (at most with the app's clear message, never a traceback) and
    its next saves work; the database opens, the audit trail verifies, no record is damaged."""
    rng = random.Random(61)
    anna = world.workspace("anna")
    anna.cases.create(name="Första Person")
    anna.db.dispose()
    server = ServerAdmin(world.url)
    messages: list[str] = []
    try:
        for round_no in range(_rounds(world)):
            mode = "rotate" if round_no % 3 == 2 else "save"
            child = _writer(world.url, mode)
            assert child.stdout is not None
            lines = _lines(child.stdout)
            _wait_for(lines, "ready", 60)
            _wait_for(lines, "done", 60)  # it works before the server cuts it off
            time.sleep(rng.uniform(0.0, 0.3))
            assert server.kill_connections() >= 1
            # The writer goes on working: a lost connection is made again (the app retries a
            # unit of work that had not started) or the user gets the app's message.
            for _ in range(2):
                seen = _wait_for(lines, "done", 60)
                messages += [line for line in seen if line.startswith("error")]
            err = _kill(child)
            assert "Traceback" not in err, err
            _check(world)
    finally:
        server.close()
    # The message is the app's own: the server could not be reached or the line was made again.
    assert all("databasserver" in m.lower() or "anslutning" in m.lower() for m in messages), (
        messages
    )


ROTATE_CHILD = """
import sys
from assessment_app import accounts, keys_admin
from assessment_app.db.engine import Database
url, password = sys.argv[1], sys.argv[2]
ctx = accounts.sign_in(Database.open(url), "admin", password)
print("ready", flush=True)
while True:
    keys_admin.rotate_master_key(ctx, "bo", batch_size=1)
"""


def _readable_by_admin(world: World) -> tuple[int, bool]:
    """Every stored name opens with the keys a fresh administrator sign-in gets (mid-rotation
    too): the count of names, and whether a rotation was cut off."""
    from sqlalchemy import select

    from assessment_app import accounts
    from assessment_app.db.models import Individual, KeyRotation

    ctx = accounts.sign_in(world.db(), "admin", ADMIN_PW)
    with ctx.db.sessions() as session:
        rows = session.execute(select(Individual.id, Individual.name_enc)).all()
        for ind_id, blob in rows:
            ctx.keys.keyring.open("individuals", "name_enc", ind_id, blob)
        running = session.execute(
            select(KeyRotation.id).where(KeyRotation.status == "running")
        ).first()
    ctx.db.dispose()
    return len(rows), running is not None


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_kill_during_master_key_rotation_then_resume(world: World) -> None:
    """kill -9 at a random moment of `user remove --rotate`, again and again: the data stays
    readable at every point, and running the rotation again finishes it: everyone else signs
    in and reads everything, search finds people, the audit trail verifies."""
    from assessment_app.keys_admin import rotate_master_key

    rng = random.Random(61)
    anna = world.workspace("anna")
    made = [anna.cases.create(name=f"Nyckel Person{i}", notes="anteckning") for i in range(12)]
    anna.db.dispose()
    rounds = max(3, ROUNDS // 3 if world.url.startswith("sqlite") else ROUNDS // 6)
    interrupted = 0
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, "-c", ROTATE_CHILD, world.url, ADMIN_PW],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.6))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        if child.stderr:
            child.stderr.close()
        child.stdout.close()
        count, running = _readable_by_admin(world)
        assert count == len(made)
        interrupted += running
    assert interrupted, "no round was killed in the middle of a rotation"
    admin = world.workspace("admin", ADMIN_PW)
    if admin.admin.key_rotation_running():
        assert rotate_master_key(admin.ctx, resume_only=True).resumed
    assert not admin.admin.key_rotation_running()
    admin.db.dispose()
    _check(world)
    anna = world.workspace("anna")
    found = anna.cases.page(CaseQuery(text="Nyckel")).rows
    assert {r.id for r in found} == {c.id for c in made}
    for case in made:
        assert anna.cases.open(case.id).individual.name.startswith("Nyckel Person")
    assert not anna.ctx.damaged
    anna.db.dispose()
