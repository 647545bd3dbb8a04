"""A busy SQLite file: another connection holds the write lock. Reading goes on (WAL); a write
waits the busy timeout (a setting; short here), retrying, then says who waits on what, and
nothing is changed (issue 17, point 6)."""

from __future__ import annotations

import sqlite3
import time

import pytest

from assessment_app.db.engine import sqlite_busy_timeout_s
from assessment_app.errors import DatabaseLockedError
from assessment_app.records.cases import CaseQuery
from tests.conftest import World


def test_a_held_write_lock_is_waited_for_and_named(
    sqlite_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSMENT_SQLITE_BUSY_TIMEOUT_S", "1.5")
    assert sqlite_busy_timeout_s() == 1.5
    anna = sqlite_world.workspace("anna")
    first = anna.cases.create(name="Före Låset")
    path = sqlite_world.url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    other.execute("UPDATE meta SET value = value WHERE key = 'none'")
    try:
        started = time.monotonic()
        rows = anna.cases.page(CaseQuery()).rows  # a read does not wait for the writer
        assert [r.case_ref for r in rows] == [first.case_ref]
        assert time.monotonic() - started < 1.0
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError) as info:
            anna.cases.create(name="Under Låset")
        waited = time.monotonic() - started
        assert 1.4 <= waited < 10
        message = info.value.message_en
        assert "another program or user" in message and "write lock" in message
        assert "waited 1.5 s" in message and "Nothing was changed" in message
        assert "skrivlåset" in info.value.user_message
        assert "database is locked" not in message
    finally:
        other.execute("ROLLBACK")
        other.close()
    # The lock is gone: the same write goes through, and nothing was half-written before.
    anna.cases.create(name="Efter Låset")
    assert anna.cases.count(CaseQuery()) == 2


def test_a_lock_released_within_the_wait_is_not_an_error(
    sqlite_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    monkeypatch.setenv("ASSESSMENT_SQLITE_BUSY_TIMEOUT_S", "10")
    anna = sqlite_world.workspace("anna")
    path = sqlite_world.url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(1.0, lambda: other.execute("ROLLBACK"))
    timer.start()
    try:
        started = time.monotonic()
        anna.cases.create(name="Väntar Lite")  # retried by the busy handler until it is free
        assert time.monotonic() - started >= 0.9
    finally:
        timer.join()
        other.close()
