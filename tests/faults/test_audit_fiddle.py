# ruff: noqa: S608 - the SQL is built from the fixed column names above, values are bound
"""The audit bit-fiddle: every single change to any audit row is caught by ``audit verify``.

A demo database (cases, plans, failed logins before anyone signs in again, so the trail ends in
pre-sign-in entries) gets, one at a time and each rolled back: every column of every row
changed one character at a time (a spread of positions, or every one in the long run), set to
NULL, to an empty string, to a number; every row deleted, swapped with the next one; and the
trail cut at every point. Each must be caught, with the first bad entry named, and none may
end in a traceback.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from assessment_app import demo
from assessment_app.audit import VerifyResult, verify
from assessment_app.errors import WrongPasswordError
from tests.conftest import World
from tests.faults.conftest import FULL

COLUMNS = ("at", "user_id", "action", "object_type", "object_id", "detail", "prev_mac", "mac")


def _positions(length: int) -> list[int]:
    if FULL or length <= 2:
        return list(range(length))
    return sorted({0, length // 2, length - 1})


def _other_char(c: str) -> str:
    pool = string.hexdigits.lower() if c in string.hexdigits else string.ascii_letters
    for candidate in (*pool, "@", "9"):
        if candidate != c:
            return candidate
    return "x"  # pragma: no cover


def _as_text(session: Session, seq: int, column: str) -> str | None:
    # Cast to text in SQL so the timestamp is seen as stored on every backend.
    cast = (
        "CAST({} AS CHAR)"
        if session.bind.dialect.name in ("mysql", "mariadb")
        else "CAST({} AS TEXT)"
    )  # type: ignore[union-attr]
    value = session.execute(
        text(f"SELECT {cast.format(column)} FROM audit_events WHERE seq = :s"), {"s": seq}
    ).scalar()
    return None if value is None else str(value)


Mutation = tuple[str, int, str, dict[str, Any], str | None, str | None]


def _mutations(session: Session, seqs: list[int]) -> Iterator[Mutation]:
    """(description, first seq it touches, SQL, parameters, column, value before)."""
    for seq in seqs:
        for column in COLUMNS:
            value = _as_text(session, seq, column)
            sql = f"UPDATE audit_events SET {column} = :v WHERE seq = :s"
            if value is not None:
                for i in _positions(len(value)):
                    changed = value[:i] + _other_char(value[i]) + value[i + 1 :]
                    yield f"{column}[{i}]", seq, sql, {"v": changed, "s": seq}, column, value
                yield f"{column} shortened", seq, sql, {"v": value[:-1], "s": seq}, column, value
                yield f"{column} longer", seq, sql, {"v": value + "0", "s": seq}, column, value
                yield f"{column}=NULL", seq, sql, {"v": None, "s": seq}, column, value
            yield f"{column}=''", seq, sql, {"v": "", "s": seq}, column, value
        yield "deleted", seq, "DELETE FROM audit_events WHERE seq = :s", {"s": seq}, None, None
        yield "cut here", seq, "DELETE FROM audit_events WHERE seq >= :s", {"s": seq}, None, None
        yield (
            "renumbered",
            seq,
            "UPDATE audit_events SET seq = :n WHERE seq = :s",
            {"n": seqs[-1] + 100, "s": seq},
            None,
            None,
        )


def _swap(session: Session, seq: int) -> None:
    cols = ", ".join(COLUMNS)
    a = session.execute(text(f"SELECT {cols} FROM audit_events WHERE seq = :s"), {"s": seq}).one()
    b = session.execute(
        text(f"SELECT {cols} FROM audit_events WHERE seq = :s"), {"s": seq + 1}
    ).one()
    sets = ", ".join(f"{c} = :{c}" for c in COLUMNS)
    session.execute(
        text(f"UPDATE audit_events SET {sets} WHERE seq = :s"), {**b._asdict(), "s": seq}
    )
    session.execute(
        text(f"UPDATE audit_events SET {sets} WHERE seq = :s"), {**a._asdict(), "s": seq + 1}
    )


def _demo_trail(world: World) -> tuple[bytes, list[int]]:
    chef = world.workspace("chef")
    list(demo.generate(chef, 2, seed=3))
    for name in ("anna", "nobody"):
        with pytest.raises(WrongPasswordError):
            world.sign_in(name, "wrong-password-x")
    db = world.db()
    with db.sessions() as session:
        seqs = [r[0] for r in session.execute(text("SELECT seq FROM audit_events ORDER BY seq"))]
        result = verify(session, chef.ctx.keys.audit_key)
    db.dispose()
    assert result.ok and result.pre_sign_in == 2 and result.unsealed == 0, result
    return chef.ctx.keys.audit_key, seqs


def _check(session: Session, key: bytes, what: str, first: int) -> VerifyResult:
    result = verify(session, key)  # a traceback here fails the test as it should
    assert not result.ok, f"not caught: {what} at entry {first}"
    assert result.first_bad_seq is not None and result.first_bad_seq <= first, (what, result)
    return result


def test_every_change_to_the_audit_table_is_caught(world: World) -> None:
    key, seqs = _demo_trail(world)
    db = world.db()
    caught = 0
    with db.session() as session:
        mutations = list(_mutations(session, seqs))
        for what, first, sql, params, column, before in mutations:
            point = session.begin_nested()
            try:
                session.execute(text(sql), params)
            except Exception:  # the database itself refused the value (a typed column)
                point.rollback()
                continue
            if column is not None and _as_text(session, first, column) == before:
                point.rollback()  # the database stored the same value (e.g. rounded a time)
                continue
            _check(session, key, what, first)
            caught += 1
            point.rollback()
        for seq in seqs[:-1]:
            point = session.begin_nested()
            _swap(session, seq)
            _check(session, key, "swapped with the next", seq)
            point.rollback()
        assert verify(session, key).ok
        session.rollback()
    db.dispose()
    assert caught > len(seqs) * 20


def test_every_change_to_the_audit_head_is_caught(world: World) -> None:
    key, _seqs = _demo_trail(world)
    db = world.db()
    with db.session() as session:
        for column in ("seq", "sealed_seq", "mac", "head_mac", "pre_key"):
            row = session.execute(text(f"SELECT {column} FROM audit_head WHERE id = 1")).scalar()
            values: list[object] = [None, ""]
            if isinstance(row, int):
                values += [row - 1, row + 1]
            elif isinstance(row, str):
                values += [row[:-1] + _other_char(row[-1]), _other_char(row[0]) + row[1:]]
            for value in values:
                point = session.begin_nested()
                try:
                    session.execute(
                        text(f"UPDATE audit_head SET {column} = :v WHERE id = 1"), {"v": value}
                    )
                except Exception:
                    point.rollback()
                    continue
                result = verify(session, key)
                assert not result.ok, f"not caught: audit_head.{column} = {value!r}"
                point.rollback()
        point = session.begin_nested()
        session.execute(text("DELETE FROM audit_head"))
        assert not verify(session, key).ok
        point.rollback()
        session.rollback()
    db.dispose()
