"""The audit chain detects edits, deletions, reordering and truncation on every backend."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from assessment_app.audit import verify
from assessment_app.db.models import AuditEvent
from tests.conftest import World


def populated(world: World) -> tuple[object, int]:
    anna = world.workspace("anna")
    for i in range(3):
        anna.cases.open(anna.cases.create(name=f"Person {i}").id)
    with world.db().sessions() as session:
        total = session.execute(select(func.max(AuditEvent.seq))).scalar_one()
    return anna.ctx, total


def check(world: World, ctx: object) -> object:
    db = world.db()
    with db.sessions() as session:
        result = verify(session, ctx.keys.audit_key)  # type: ignore[attr-defined]
    db.dispose()
    return result


def test_intact_chain_verifies_and_holds_no_personal_data(world: World) -> None:
    anna, total = populated(world)
    result = check(world, anna)
    assert result.ok and result.entries == total  # type: ignore[attr-defined]
    with world.db().sessions() as session:
        text = " ".join(
            f"{e.action} {e.detail or ''} {e.object_id or ''}"
            for e in session.execute(select(AuditEvent)).scalars()
        )
    assert "Person" not in text


def _edit(s: Session, seq: int) -> None:
    s.execute(update(AuditEvent).where(AuditEvent.seq == seq).values(action="case.create"))


def _delete(s: Session, seq: int) -> None:
    s.execute(delete(AuditEvent).where(AuditEvent.seq == seq))


def _swap(s: Session, seq: int) -> None:
    a = s.get(AuditEvent, seq)
    b = s.get(AuditEvent, seq + 1)
    fields = ("at", "user_id", "action", "object_type", "object_id", "detail", "prev_mac", "mac")
    va, vb = ({f: getattr(a, f) for f in fields}, {f: getattr(b, f) for f in fields})
    s.execute(update(AuditEvent).where(AuditEvent.seq == seq).values(**vb))
    s.execute(update(AuditEvent).where(AuditEvent.seq == seq + 1).values(**va))


@pytest.mark.parametrize(
    ("tamper", "expect"),
    [
        (_edit, "altered"),
        (_delete, "missing"),
        (_swap, "altered"),
    ],
)
def test_tampering_is_detected_and_first_bad_entry_named(
    world: World, tamper: Callable[[Session, int], None], expect: str
) -> None:
    anna, total = populated(world)
    target = total // 2
    db = world.db()
    with db.session() as session:
        tamper(session, target)
    result = check(world, anna)
    assert not result.ok  # type: ignore[attr-defined]
    assert expect in result.problem  # type: ignore[attr-defined]
    assert result.first_bad_seq == target  # type: ignore[attr-defined]
    db.dispose()


def test_truncation_is_detected(world: World) -> None:
    anna, total = populated(world)
    db = world.db()
    with db.session() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.seq >= total - 1))
    result = check(world, anna)
    assert not result.ok and "truncated" in result.problem  # type: ignore[attr-defined]
    assert result.first_bad_seq == total - 1  # type: ignore[attr-defined]
    db.dispose()


def test_failed_logins_are_sealed_when_written(world: World) -> None:
    """Before anyone signs in again, a failed login cannot be edited or removed unseen."""
    from assessment_app.errors import WrongPasswordError

    anna = world.sign_in("anna")
    for _ in range(2):
        with pytest.raises(WrongPasswordError):
            world.sign_in("anna", "wrong-password")
    result = check(world, anna)
    assert result.ok and result.unsealed == 0 and result.pre_sign_in == 2  # type: ignore[attr-defined]
    db = world.db()
    with db.sessions() as session:
        failed = (
            session.execute(select(AuditEvent.seq).where(AuditEvent.action == "login.failed"))
            .scalars()
            .all()
        )
    assert len(failed) == 2
    tampers: list[Callable[[Session], None]] = [
        lambda s: _edit(s, failed[0]),
        lambda s: s.execute(
            update(AuditEvent).where(AuditEvent.seq == failed[1]).values(detail="x")
        ),
        lambda s: _delete(s, failed[1]),  # the newest one: the head's key no longer fits
        lambda s: s.execute(delete(AuditEvent).where(AuditEvent.seq >= failed[0])),
    ]
    for tamper in tampers:
        with db.session() as session:
            point = session.begin_nested()
            tamper(session)
            result = verify(session, anna.keys.audit_key)
            assert not result.ok and result.first_bad_seq in failed, result
            point.rollback()
            session.rollback()
    # A later sign-in continues the chain; the pre-sign-in entries still verify.
    world.sign_in("anna")
    assert check(world, anna).ok  # type: ignore[attr-defined]
    db.dispose()


def test_failed_logins_are_sealed_by_the_next_sign_in(sqlite_world: World) -> None:
    from assessment_app.errors import WrongPasswordError

    with pytest.raises(WrongPasswordError):
        sqlite_world.sign_in("anna", "wrong-password")
    anna = sqlite_world.sign_in("anna")
    result = check(sqlite_world, anna)
    assert result.ok and result.unsealed == 0  # type: ignore[attr-defined]
    with sqlite_world.db().sessions() as session:
        failed = session.execute(
            select(AuditEvent).where(AuditEvent.action == "login.failed")
        ).scalar_one()
    assert failed.mac is not None
