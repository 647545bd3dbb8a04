"""kill -9 during saves and key rotation: every round leaves a database that opens, whose
audit trail verifies and whose records all open (no damage), on SQLite and PostgreSQL.

``ASSESSMENT_FAULT_ROUNDS`` rounds (30 in ``make test``, 300 in ``make test-faults``); each round
kills a writer at a random moment, after it has signed in.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from typing import Any

import pytest

from assessment_app.records.cases import CaseQuery
from tests.conftest import ADMIN_PW, WORKER_PW, World
from tests.faults.conftest import ROUNDS

CHILD = """
import sys
from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.workspace import Workspace
url, mode, password = sys.argv[1], sys.argv[2], sys.argv[3]
user = "admin" if mode == "rotate" else "anna"
ws = Workspace(accounts.sign_in(Database.open(url), user, password))
print("ready", flush=True)
i = 0
while True:
    i += 1
    if mode == "rotate":
        ws.admin.rotate_keys()
    else:
        case = ws.cases.create(name=f"Person {i}", notes="anteckning " * 50)
        ws.cases.open(case.id)
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


def _check(admin: Any, anna: Any) -> None:
    result = admin.admin.verify_audit()
    assert result.ok, result
    rows = anna.cases.page(CaseQuery()).rows
    for row in rows[:3]:
        anna.cases.open(row.id)
    assert not anna.ctx.damaged, anna.ctx.damaged


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_kill_during_saves_and_rotation(world: World) -> None:
    rng = random.Random(16)
    anna = world.workspace("anna")
    anna.cases.create(name="Första Person")  # something for the rotation to re-encrypt
    admin = world.workspace("admin", ADMIN_PW)
    # The server rounds are slower (a server connection per step): a third as many.
    rounds = ROUNDS if world.url.startswith("sqlite") else max(1, ROUNDS // 3)
    for round_no in range(rounds):
        mode = "rotate" if round_no % 3 == 2 else "save"
        child = _writer(world.url, mode)
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        if child.stderr:
            child.stderr.close()
        child.stdout.close()
        if mode == "rotate":  # a new data key: sign in again to hold it
            anna.db.dispose()
            anna = world.workspace("anna")
        _check(admin, anna)
