"""No traceback, whatever is corrupt: every column type reads a damaged stored value as damage.

The column types are enumerated from the models, so a new type without a corrupt-value case
fails :func:`test_every_column_type_has_a_corrupt_value`. Values are corrupted the way a hex
editor or an SQL client would leave them in an SQLite file (which keeps whatever it is given):
text in a number column, a timestamp that does not parse, a blob in a text column, text in a
blob column, NULL in a NOT NULL column (the schema itself edited, as a hex editor can).
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import select

from assessment_app import demo
from assessment_app.damage import DAMAGED, is_damaged
from assessment_app.db.models import Base
from tests.conftest import World

# One or more stored values per column type that the app never writes (a number given to a
# text column is stored by SQLite as text, so text columns get blobs).
CORRUPT: dict[str, list[Any]] = {
    "SafeString": [b"\x00\xff", b"ab"],
    "SafeText": [b"\xfe"],
    "SafeInteger": ["abc", b"\x01"],
    "SafeBigInteger": ["12x"],
    "SafeBoolean": [7, "yes"],
    "SafeDate": ["2024-02-30", "x", 5],
    "UTCDateTime": ["2026-12-01 20:41:00.@55808", "", 17],
    "SafeBinary": ["not a blob", 42],
}


def _type_name(column: Any) -> str:
    return type(column.type).__name__


def _columns() -> list[tuple[str, str, str, bool]]:
    """(table, column, type name, primary key) for every column of the schema."""
    return [
        (table.name, column.name, _type_name(column), column.primary_key)
        for table in Base.metadata.sorted_tables
        for column in table.columns
    ]


def test_every_column_type_has_a_corrupt_value() -> None:
    used = {type_name for _t, _c, type_name, _pk in _columns()}
    missing = used - set(CORRUPT)
    assert not missing, f"column types without a corrupt-value case: {missing}"


def _seeded(world: World) -> World:
    chef = world.workspace("chef")
    list(demo.generate(chef, 1, seed=5))
    return world


def _path(world: World) -> str:
    return world.url.removeprefix("sqlite:///")


def _model_for(table: str) -> Any:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == table:
            return mapper.class_
    raise AssertionError(table)


def _load_everything(world: World) -> tuple[list[Any], set[tuple[str, str]]]:
    """Every row of every table through the ORM in a read transaction of the workspace."""
    ws = world.workspace("admin", "admin-password-1")
    loaded: list[Any] = []
    with ws.read() as uow:
        for mapper in Base.registry.mappers:
            loaded += list(uow.session.execute(select(mapper.class_)).scalars())
        damage = {(d.table, d.column) for d in uow.damage}
    return loaded, damage


# Read at sign-in: damage there stops the sign-in with a message (checked separately).
SIGN_IN_TABLES = frozenset({"users", "key_wraps", "data_keys", "meta", "audit_head"})


def _corrupt(world: World, targets: list[tuple[str, str]], values: list[Any]) -> set[Any]:
    conn = sqlite3.connect(_path(world))
    conn.execute("PRAGMA foreign_keys = OFF")
    corrupted: set[tuple[str, str]] = set()
    for i, (table, column) in enumerate(targets):
        # One row per table and column: the first one.
        cur = conn.execute(
            f'UPDATE "{table}" SET "{column}" = ? '  # noqa: S608 - names from the schema
            f'WHERE rowid = (SELECT min(rowid) FROM "{table}")',
            (values[i % len(values)],),
        )
        if cur.rowcount:
            corrupted.add((table, column))
    conn.commit()
    conn.close()
    return corrupted


@pytest.mark.parametrize("type_name", sorted(CORRUPT))
def test_a_corrupt_value_of_each_type_is_damage_not_a_traceback(
    sqlite_world: World, type_name: str
) -> None:
    from assessment_app.errors import AppError

    world = _seeded(sqlite_world)
    targets = [(t, c) for t, c, name, pk in _columns() if name == type_name and not pk]
    assert targets
    ordinary = [(t, c) for t, c in targets if t not in SIGN_IN_TABLES]
    if ordinary:
        corrupted = _corrupt(world, ordinary, CORRUPT[type_name])
        assert corrupted
        loaded, damage = _load_everything(world)
        assert loaded
        assert corrupted <= damage, corrupted - damage
    for target in [(t, c) for t, c in targets if t in SIGN_IN_TABLES]:
        _corrupt(world, [target], CORRUPT[type_name])
        try:
            _load_everything(world)
        except AppError as error:
            assert error.user_message, target  # a message, not a traceback


def test_null_where_none_may_be_is_damage(sqlite_world: World) -> None:
    world = _seeded(sqlite_world)
    conn = sqlite3.connect(_path(world))
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name = 'cases'")
    conn.commit()
    conn.close()
    conn = sqlite3.connect(_path(world))
    conn.execute("UPDATE cases SET opened_on = NULL, status = NULL WHERE rowid = 1")
    conn.commit()
    conn.close()
    _loaded, damage = _load_everything(world)
    assert {("cases", "opened_on"), ("cases", "status")} <= damage


def test_a_damaged_time_costs_that_value_only(sqlite_world: World) -> None:
    """The case list still lists every case; the damaged value shows as the marker; the
    damage is audited; the audit trail itself still verifies."""
    world = _seeded(sqlite_world)
    chef = world.workspace("chef")
    from assessment_app.records.cases import CaseQuery

    before = chef.cases.page(CaseQuery()).rows
    conn = sqlite3.connect(_path(world))
    conn.execute(
        "UPDATE cases SET last_entry_at = '2026-12-01 20:41:00.@55808', opened_on = '2024-02-30'"
        " WHERE rowid = 1"
    )
    conn.commit()
    conn.close()
    chef = world.workspace("chef")
    after = chef.cases.page(CaseQuery()).rows
    assert len(after) == len(before)
    shown = [str(getattr(r, "opened_on", "")) for r in after]
    assert DAMAGED in shown
    opened = chef.cases.open(after[shown.index(DAMAGED)].id)
    assert is_damaged(opened.opened_on) or DAMAGED in str(opened.opened_on)
    admin = world.workspace("admin", "admin-password-1")
    result = admin.admin.verify_audit()
    assert result.ok
    from assessment_app.db.models import AuditEvent

    with world.db().sessions() as session:
        audited = session.execute(
            select(AuditEvent.object_type, AuditEvent.detail).where(
                AuditEvent.action == "integrity.failure"
            )
        ).all()
    assert ("cases", "opened_on") in [tuple(r) for r in audited]
