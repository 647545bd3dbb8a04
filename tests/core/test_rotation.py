"""Data-key rotation re-encrypts everything while earlier sessions keep reading; master-key
rotation (`user remove --rotate`) shuts out a copy of a removed user's key wrap."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import delete, select, update

from assessment_app import accounts, audit
from assessment_app.crypto import keys as keymod
from assessment_app.crypto.aead import Sealed
from assessment_app.db.models import AuditEvent, DataKey, Individual, KeyWrap, UrgentFlag, User
from assessment_app.db.types import utcnow
from assessment_app.errors import (
    AccessDeniedError,
    AccountDisabledError,
    DamagedKeyWrapError,
    IntegrityError,
    KeyRotationRunningError,
    KeysChangedError,
    ValidationError,
    WrongPasswordError,
    WrongRecoveryKeyError,
)
from assessment_app.keys_admin import encrypted_columns, rotate_data_key
from assessment_app.records.cases import CaseQuery
from assessment_app.records.plans import Goal, PlanContent, PlanEdit
from assessment_app.workspace import Saved
from tests.conftest import ADMIN_PW, WORKER_PW, World


def test_rotation_reencrypts_and_old_sessions_keep_reading(world: World) -> None:
    chef = world.workspace("chef")  # signed in before the rotation: holds only the old key
    rows = [chef.cases.create(name=f"Rotera {i}", personnummer=None) for i in range(3)]
    plan = chef.plans.create(rows[0].id)
    content = PlanContent([Goal("housing", "Eget boende")], [])
    assert isinstance(chef.plans.save(PlanEdit(plan, content)), Saved)
    admin = world.sign_in("admin", ADMIN_PW)
    with pytest.raises(AccessDeniedError):
        rotate_data_key(chef.ctx)
    with pytest.raises(AccessDeniedError):
        chef.admin.rotate_keys()
    result = rotate_data_key(admin, batch_size=2)
    assert result.failed == 0 and result.reencrypted >= 7
    new_key = bytes.fromhex(result.new_key_id)
    db = world.db()
    with db.sessions() as session:
        for ind in session.execute(select(Individual)).scalars():
            assert Sealed.parse(ind.name_enc).key_id == new_key
        statuses = {
            k.status
            for k in session.execute(select(DataKey).where(DataKey.purpose == "data")).scalars()
        }
    assert statuses == {"active", "retired"}
    db.dispose()
    # The old session reloads keys on demand and reads everything.
    assert chef.cases.open(rows[2].id).individual.name == "Rotera 2"
    assert chef.plans.get(plan.id).goals[0].text == "Eget boende"
    assert chef.ctx.damaged == set()
    # A second rotation finds nothing left on an old key and still reads fine.
    second = rotate_data_key(admin)
    assert second.reencrypted >= result.reencrypted
    assert chef.cases.open(rows[1].id).individual.name == "Rotera 1"


def test_every_encrypted_column_is_covered() -> None:
    covered = {(m.__tablename__, c) for m, c in encrypted_columns()}
    assert ("individuals", "name_enc") in covered and ("drafts", "payload_enc") in covered
    assert ("plan_actions", "body_enc") in covered and ("consents", "details_enc") in covered
    assert ("urgent_flags", "details_enc") in covered
    assert ("urgent_flags", "handling_enc") in covered
    assert ("safety_plans", "content_enc") in covered  # the safety plan
    assert ("safety_plan_reviews", "comment_enc") in covered
    assert ("assessments", "instruments_enc") in covered  # scored instruments
    assert len(covered) == 22
    assert ("providers", "contact_enc") in covered
    assert ("providers", "retired_reason_enc") in covered
    assert ("users", "contact_enc") in covered  # a worker's work phone and e-mail
    assert ("consent_documents", "content_enc") in covered
    assert ("assessments", "instruments_enc") in covered  # AUDIT, DUDIT


def _copy_of_wrap(db: Any, username: str) -> tuple[str, str, bytes, bytes | None, bytes | None]:
    """A user's password key wrap as an old dump holds it."""
    with db.sessions() as session:
        user = session.execute(select(User).where(User.username == username)).scalar_one()
        wrap = session.execute(
            select(KeyWrap).where(KeyWrap.user_id == user.id, KeyWrap.purpose == "password")
        ).scalar_one()
        return (
            wrap.id,
            wrap.kdf,
            bytes(wrap.wrapped),
            wrap.public_key and bytes(wrap.public_key),
            wrap.private_sealed and bytes(wrap.private_sealed),
        )


def _opens_anything(db: Any, master: bytes) -> list[str]:
    """Every key in the database the given master key opens."""
    opened = []
    with db.sessions() as session:
        for row in session.execute(select(DataKey)).scalars():
            try:
                keymod.unwrap_subkey(master, row.purpose, row.id, row.wrapped)
            except IntegrityError:
                continue
            opened.append(row.purpose)
    return opened


def _private_key_opens(copied: tuple[Any, ...], password: str, sealed: bytes, wrap_id: str) -> bool:
    """Whether the private key in a copied wrap opens a master key sealed to another wrap."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    kek = keymod.kdf.derive(password, keymod.KdfParams.from_json(json.loads(copied[1])))
    private = X25519PrivateKey.from_private_bytes(
        keymod._open(kek, copied[4], b"sk|password|" + copied[0].encode())
    )
    eph = sealed[: keymod.PUBLIC_KEY_LEN]
    shared = private.exchange(X25519PublicKey.from_public_bytes(eph))
    key = keymod._sealed_key(
        shared, eph, private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    )
    try:
        keymod._open(key, sealed[keymod.PUBLIC_KEY_LEN :], b"mk|sealed|" + wrap_id.encode())
    except InvalidTag:
        return False
    return True


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_user_remove_rotate_shuts_out_a_copied_key_wrap(world: World) -> None:
    """`user remove --rotate`: a copy of the removed user's old key wrap, with their password,
    opens nothing in the rotated database; everyone else signs in and reads everything, the
    recovery key still works, search finds people, the audit trail verifies across the change
    and still catches a change to an entry from before it."""
    anna = world.workspace("anna")
    people = [
        anna.cases.create(name=f"Rotera Person{i}", personnummer=pnr)
        for i, pnr in enumerate(("19121212-1212", None, "20000101-0008"))
    ]
    plan = anna.plans.create(people[0].id)
    assert isinstance(
        anna.plans.save(PlanEdit(plan, PlanContent([Goal("housing", "Eget boende")], []))), Saved
    )
    bo_before = world.workspace("bo")  # signed in before the rotation
    db = world.db()
    for name in ("anna", "bo", "chef", "admin"):
        world.sign_in(name, ADMIN_PW if name == "admin" else WORKER_PW)  # key pairs at sign-in
    with db.session() as session:  # syd's wrap as made before key pairs (schema 0006a)
        syd = session.execute(select(User.id).where(User.username == "syd")).scalar_one()
        session.execute(
            update(KeyWrap)
            .where(KeyWrap.user_id == syd)
            .values(public_key=None, private_sealed=None)
        )
    copied = _copy_of_wrap(db, "anna")
    old_master = keymod.unwrap_with_password(WORKER_PW, copied[1], copied[2], copied[0])
    assert "data" in _opens_anything(db, old_master)  # before: the copy opens the keys

    admin = world.workspace("admin", ADMIN_PW)
    result = admin.admin.remove_user("anna", rotate=True)
    assert result is not None and result.failed == 0
    assert result.reencrypted >= 5 and result.reindexed >= 3
    assert result.needs_reset == ("syd",)  # no key pair: an administrator sets a new password
    assert result.recovery_key is None  # the recovery wrap has a key pair: the old one works

    # The copy: the old master key it opens fits no key stored now, and the private key in it
    # opens no sealed master key (anna's wrap was deleted before anything was sealed).
    assert _opens_anything(db, old_master) == []
    with db.sessions() as session:
        assert session.execute(select(KeyWrap).where(KeyWrap.wrapped == copied[2])).first() is None
        sealed = [
            (bytes(w.sealed_master), w.id)
            for w in session.execute(select(KeyWrap)).scalars()
            if w.sealed_master is not None
        ]
    assert len(sealed) == 4  # bo, chef, admin, the recovery wrap
    assert not any(_private_key_opens(copied, WORKER_PW, blob, wid) for blob, wid in sealed)
    with pytest.raises(AccountDisabledError):
        world.sign_in("anna", WORKER_PW)
    # Even the copied row put back, the account enabled: the password opens the old master key,
    # which opens none of the keys stored now.
    with db.session() as session:
        anna_id = session.execute(select(User.id).where(User.username == "anna")).scalar_one()
        session.add(
            KeyWrap(
                id=copied[0],
                user_id=anna_id,
                purpose="password",
                kdf=copied[1],
                wrapped=copied[2],
                public_key=copied[3],
                private_sealed=copied[4],
            )
        )
        session.execute(update(User).where(User.id == anna_id).values(active=True))
    with pytest.raises(IntegrityError):
        world.sign_in("anna", WORKER_PW)
    with db.session() as session:
        session.execute(delete(KeyWrap).where(KeyWrap.id == copied[0]))
        session.execute(update(User).where(User.id == anna_id).values(active=False))

    # A session from before the rotation can write nothing more.
    with pytest.raises(KeysChangedError):
        bo_before.cases.create(name="Efter Bytet", personnummer=None)

    # The others sign in (the new master key from their sealed wrap) and read everything.
    chef = world.workspace("chef")
    assert chef.cases.open(people[2].id).individual.name == "Rotera Person2"
    assert chef.plans.get(plan.id).goals[0].text == "Eget boende"
    found = chef.cases.page(CaseQuery(text="Rotera")).rows
    assert {r.id for r in found} == {p.id for p in people}
    assert [r.id for r in chef.cases.page(CaseQuery(text="19121212-1212")).rows] == [people[0].id]
    assert chef.ctx.damaged == set()
    with db.sessions() as session:
        assert all(
            w.sealed_master is None
            for w in session.execute(
                select(KeyWrap)
                .join(User, User.id == KeyWrap.user_id)
                .where(User.username == "chef")
            ).scalars()
        )
        statuses = sorted((k.purpose, k.status) for k in session.execute(select(DataKey)).scalars())
        assert statuses == [
            ("audit", "active"),
            ("audit", "retired"),
            ("data", "active"),
            ("data", "retired"),  # wrapped under the new master key: for drafts kept locally
            ("index", "active"),
        ]
        for ind in session.execute(select(Individual)).scalars():
            assert Sealed.parse(ind.name_enc).key_id == chef.ctx.keys.keyring.current_key_id
    bo = world.workspace("bo")
    assert bo.cases.create(name="Ny Efter", personnummer=None).id

    # The recovery key still works, on the new master key.
    accounts.reset_password_with_recovery(db, world.recovery_key, "bo", "nytt-losenord-1")
    assert world.workspace("bo", "nytt-losenord-1").cases.page(CaseQuery()).rows is not None

    # The audit trail verifies across the change, and an entry from before it is still guarded.
    admin2 = world.workspace("admin", ADMIN_PW)
    assert admin2.admin.verify_audit().ok
    with db.session() as session:
        switch = session.execute(
            select(AuditEvent).where(AuditEvent.object_type == "audit_key")
        ).scalar_one()
        session.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(detail="ändrad"))
    bad = admin2.admin.verify_audit()
    assert not bad.ok and bad.first_bad_seq == 3 and switch.seq > 3
    db.dispose()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_an_entry_after_the_switch_sealed_with_the_old_key_is_caught(world: World) -> None:
    """The old audit key (which the removed user may have) cannot extend the chain."""
    admin = world.workspace("admin", ADMIN_PW)
    old_audit = admin.ctx.keys.audit_key
    admin.admin.remove_user("bo", rotate=True)
    assert admin.admin.verify_audit().ok
    db = world.db()
    with db.session() as session, pytest.raises(audit.HeadKeyMismatch):
        audit.append(session, old_audit, "case.open", object_type="case", object_id="x")
    # Forged offline with the old key: an entry chained on the head, the head sealed again.
    with db.session() as session:
        head = audit.locked_head(session)
        event = AuditEvent(
            seq=head.seq + 1,
            at=utcnow(),
            user_id=None,
            action="case.open",
            object_type="case",
            object_id="x",
            detail=None,
            prev_mac=head.mac,
            mac=None,
        )
        event.mac = audit._mac(old_audit, head.mac, event)
        head.seq = event.seq
        audit._seal_head(old_audit, head, event.seq, event.mac)
        session.add(event)
    result = admin.admin.verify_audit()
    assert not result.ok and result.first_bad_seq == event.seq
    db.dispose()


def test_a_killed_rotation_is_refused_to_others_and_finished_by_running_it_again(
    world: World,
) -> None:
    """Between the start and the end, only administrators sign in; running it again ends it."""
    anna = world.workspace("anna")
    case = anna.cases.create(name="Halvvägs Person", personnummer="19121212-1212")
    for name in ("bo", "chef"):
        world.sign_in(name)
    admin = world.workspace("admin", ADMIN_PW)
    from assessment_app import keys_admin

    keys_admin._start(admin.ctx, "anna", False)  # the first step only, as if killed after it
    with pytest.raises(KeyRotationRunningError):
        world.sign_in("chef")
    # A fresh sign-in of the administrator opens the new master key from their own wrap.
    admin2 = world.workspace("admin", ADMIN_PW)
    assert admin2.admin.key_rotation_running()
    result = admin2.admin.rotate_master_key(resume_only=True)
    assert result.resumed and result.failed == 0
    assert not admin2.admin.key_rotation_running()
    chef = world.workspace("chef")
    assert chef.cases.open(case.id).individual.name == "Halvvägs Person"
    assert [r.id for r in chef.cases.page(CaseQuery(text="Halvvägs")).rows] == [case.id]
    assert admin2.admin.verify_audit().ok
    with pytest.raises(ValidationError):
        admin2.admin.rotate_master_key(resume_only=True)


def test_wraps_from_before_key_pairs_get_one_at_sign_in_and_a_new_recovery_key_is_made(
    world: World,
) -> None:
    """A wrap from before schema 0006a (no key pair) gets one at the next sign-in; a recovery
    wrap without one is replaced by a new recovery key at the rotation (the old one stops)."""
    db = world.db()
    with db.session() as session:
        session.execute(update(KeyWrap).values(public_key=None, private_sealed=None))
    world.sign_in("chef")
    with db.sessions() as session:
        pairs = {
            name: wrap.public_key is not None
            for wrap, name in session.execute(
                select(KeyWrap, User.username).outerjoin(User, User.id == KeyWrap.user_id)
            ).all()
        }
    assert pairs == {
        "chef": True,
        "admin": False,
        "anna": False,
        "bo": False,
        "syd": False,
        None: False,
    }
    admin = world.workspace("admin", ADMIN_PW)  # now the administrator's wrap has one too
    result = admin.admin.remove_user("anna", rotate=True)
    assert result is not None and result.recovery_key is not None
    assert result.needs_reset == ("bo", "syd")
    with pytest.raises(WrongRecoveryKeyError):
        accounts.reset_password_with_recovery(db, world.recovery_key, "bo", "nytt-losenord-1")
    accounts.reset_password_with_recovery(db, result.recovery_key, "bo", "nytt-losenord-1")
    assert world.workspace("bo", "nytt-losenord-1").cases.page(CaseQuery()).rows == []
    assert world.workspace("chef").admin.must_change_password is False
    # A second rotation: the new recovery wrap has a key pair, so the new key keeps working.
    again = admin.admin.rotate_master_key()
    assert again.recovery_key is None
    accounts.reset_password_with_recovery(db, result.recovery_key, "syd", "nytt-losenord-2")
    assert world.sign_in("syd", "nytt-losenord-2").username == "syd"
    assert admin.admin.verify_audit().ok
    db.dispose()


def test_a_master_key_sealed_to_a_key_pair_opens_only_with_that_password() -> None:
    master = keymod.random_key()
    new = keymod.new_password_wrap(master, "rätt lösenord", "w1")
    sealed = keymod.seal_to_public(new.public_key, keymod.random_key(), "w1")
    opened = keymod.open_password_wrap(
        "rätt lösenord",
        new.kdf,
        b"",
        "w1",
        public_key=new.public_key,
        private_enc=new.private_enc,
        sealed_master=sealed,
    )
    assert opened.wrapped is not None and opened.changes()["sealed_master"] is None
    again = keymod.open_password_wrap("rätt lösenord", new.kdf, opened.wrapped, "w1")
    assert again.master_key == opened.master_key != master
    with pytest.raises(WrongPasswordError):
        keymod.open_password_wrap(
            "fel lösenord",
            new.kdf,
            b"",
            "w1",
            public_key=new.public_key,
            private_enc=new.private_enc,
            sealed_master=sealed,
        )
    with pytest.raises(DamagedKeyWrapError):  # sealed for another wrap
        keymod.open_password_wrap(
            "rätt lösenord",
            new.kdf,
            b"",
            "w1",
            public_key=new.public_key,
            private_enc=new.private_enc,
            sealed_master=keymod.seal_to_public(new.public_key, master, "w2"),
        )


def test_an_open_urgent_flag_is_found_again_after_the_rotation(world: World) -> None:
    """The urgent flags' blind index is computed again: the same urgent answer saved after the
    rotation raises no second flag while the first is open."""
    from assessment_app.workspace.interview import AssessmentEdit

    tonight = {"safety_threatened": True, "safety_protection_tonight": True}
    bo = world.workspace("bo")
    row = bo.cases.create(name="Akut Person")
    saved = bo.interviews.save(AssessmentEdit.of(bo.interviews.start(row.id), dict(tonight), {}))
    assert isinstance(saved, Saved) and len(bo.cases.urgent_flags(row.id)) == 1
    db = world.db()
    with db.sessions() as session:
        before = session.execute(select(UrgentFlag.key_token)).scalar_one()
    admin = world.workspace("admin", ADMIN_PW)
    result = admin.admin.remove_user("syd", rotate=True)
    assert result is not None and result.failed == 0
    with db.sessions() as session:
        assert session.execute(select(UrgentFlag.key_token)).scalar_one() != before
    bo = world.workspace("bo")
    info = bo.interviews.get(saved.value.info.id)
    again = bo.interviews.save(AssessmentEdit.of(info, dict(tonight), {}))
    assert isinstance(again, Saved)
    flags = bo.cases.urgent_flags(row.id)
    assert len(flags) == 1 and flags[0].open and flags[0].question_id == "safety_protection_tonight"
    db.dispose()


def _planted_wrap(
    user_id: str | None, purpose: str = "password", wrap_id: str | None = None
) -> tuple[KeyWrap, bytes]:
    """A key_wraps row with a key pair of the planter's own (returned: the key it is under)."""
    import os

    from assessment_app.db.types import new_id

    kek = os.urandom(32)
    wrap_id = wrap_id or new_id()
    public, private_enc = keymod.new_key_pair(kek, purpose, wrap_id)
    row = KeyWrap(
        id=wrap_id,
        user_id=user_id,
        purpose=purpose,
        kdf="{}",
        wrapped=b"x",
        public_key=public,
        private_sealed=private_enc,
    )
    return row, kek


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_the_new_master_key_is_sealed_only_to_active_users_and_one_recovery_wrap(
    world: World,
) -> None:
    """Rows planted in key_wraps (a wrap of no user, a second wrap of a user, a second
    recovery wrap) and a disabled account's wrap get nothing and are deleted (audited); a
    swapped public key is caught at that user's next sign-in as a possible substitution."""
    db = world.db()
    for name in ("bo", "chef", "syd"):
        world.sign_in(name)  # key pairs at sign-in
    with db.session() as session:
        ids = dict(session.execute(select(User.username, User.id)).all())
        orphan, _ = _planted_wrap(None)
        second, _ = _planted_wrap(ids["bo"])
        extra_recovery, _ = _planted_wrap(None, "recovery")
        session.add_all([orphan, second, extra_recovery])
        session.execute(update(User).where(User.id == ids["syd"]).values(active=False))
        chef_wrap_id = session.execute(
            select(KeyWrap.id).where(KeyWrap.user_id == ids["chef"])
        ).scalar_one()
        swapped, swapped_kek = _planted_wrap(None, wrap_id=chef_wrap_id)  # its key pair only
        session.execute(
            update(KeyWrap)
            .where(KeyWrap.user_id == ids["chef"])
            .values(public_key=swapped.public_key)
        )
    admin = world.workspace("admin", ADMIN_PW)
    result = admin.admin.remove_user("anna", rotate=True)
    assert result is not None and result.failed == 0
    assert result.needs_reset == ("bo", "syd")  # two wraps; disabled
    assert result.recovery_key is not None  # two recovery wraps: a new one
    with db.sessions() as session:
        rows = {
            (w.purpose, name)
            for w, name in session.execute(
                select(KeyWrap, User.username).outerjoin(User, User.id == KeyWrap.user_id)
            ).all()
        }
        assert rows == {("password", "admin"), ("password", "chef"), ("recovery", None)}
        for wrap_id in (orphan.id, second.id, extra_recovery.id):
            assert session.get(KeyWrap, wrap_id) is None
        chef_wrap = session.execute(
            select(KeyWrap).where(KeyWrap.user_id == ids["chef"])
        ).scalar_one()
        details = [
            e.detail or ""
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.object_type == "key_wrap")
            ).scalars()
        ]
    assert len(details) == 6  # two of bo, two recovery, syd (disabled), the orphan
    assert all("deleted at master key rotation" in d for d in details)
    assert not any(ids["syd"] in d and "disabled" not in d for d in details)
    # The swapped key: the planter opens the sealed key, but chef's sign-in catches it.
    planted_master = keymod.open_sealed(
        swapped_kek, "password", chef_wrap.id, swapped.private_sealed, chef_wrap.sealed_master
    )
    assert planted_master == admin.ctx.keys.master_key  # the documented remaining risk
    from assessment_app.errors import KeySubstitutionError

    with pytest.raises(KeySubstitutionError):
        world.sign_in("chef")
    with db.sessions() as session:
        last = session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))
        assert last.scalar_one().detail == "possible key substitution"
    # syd, enabled again, needs a new password; then signs in on the new key.
    admin.admin.reset_user("syd", "nytt-losenord-3")
    assert world.sign_in("syd", "nytt-losenord-3").keys.master_key == admin.ctx.keys.master_key
    db.dispose()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
@pytest.mark.parametrize("asked", [False, True])
def test_a_rotation_killed_after_its_start_still_gives_the_new_recovery_key_and_the_list(
    world: World, asked: bool
) -> None:
    """The new recovery key and the users who need a new password come from the last step, so
    the run that finishes a killed rotation reports them (nothing was lost with the kill)."""
    from assessment_app import keys_admin

    db = world.db()
    world.sign_in("bo")
    with db.session() as session:
        syd = session.execute(select(User.id).where(User.username == "syd")).scalar_one()
        session.execute(
            update(KeyWrap)
            .where((KeyWrap.user_id == syd) | (KeyWrap.purpose == "recovery"))
            .values(public_key=None, private_sealed=None)
        )
    admin = world.workspace("admin", ADMIN_PW)
    keys_admin._start(admin.ctx, "anna", asked)  # killed right after the first step
    admin2 = world.workspace("admin", ADMIN_PW)
    result = admin2.admin.rotate_master_key(resume_only=True)
    assert result.resumed and result.needs_reset == ("syd",)
    assert result.recovery_key is not None
    with pytest.raises(WrongRecoveryKeyError):
        accounts.reset_password_with_recovery(db, world.recovery_key, "bo", "nytt-losenord-1")
    accounts.reset_password_with_recovery(db, result.recovery_key, "bo", "nytt-losenord-1")
    assert world.sign_in("bo", "nytt-losenord-1").keys.master_key == admin2.ctx.keys.master_key
    db.dispose()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_remove_rotate_during_a_running_rotation_rotates_again_for_that_user(
    world: World,
) -> None:
    """Removed without --rotate while another rotation ran, a user's wrap held the new master
    key; `user remove --rotate` for them then finishes the running one and rotates once more."""
    from assessment_app import keys_admin

    world.sign_in("bo")
    db = world.db()
    admin = world.workspace("admin", ADMIN_PW)
    keys_admin._start(admin.ctx, "anna", False)  # running (killed after its start)
    admin2 = world.workspace("admin", ADMIN_PW)
    with db.sessions() as session:
        bo_id = session.execute(select(User.id).where(User.username == "bo")).scalar_one()
        row = session.execute(select(KeyWrap).where(KeyWrap.user_id == bo_id)).scalar_one()
        copy = (row.id, row.kdf, bytes(row.wrapped), row.public_key, row.private_sealed)
        sealed = bytes(row.sealed_master)
    admin2.admin.remove_user("bo")  # plain removal while it runs
    result = admin2.admin.remove_user("bo", rotate=True)
    assert result is not None and result.resumed
    opened = keymod.open_password_wrap(
        WORKER_PW,
        copy[1],
        copy[2],
        copy[0],
        public_key=copy[3],
        private_enc=copy[4],
        sealed_master=sealed,
    )
    assert _opens_anything(db, opened.master_key) == []  # the copy opens nothing now
    assert world.workspace("chef").cases.page(CaseQuery()).rows is not None
    # Asked for the user whose rotation is running (syd), it is finished, not repeated.
    keys_admin._start(admin2.ctx, "syd", False)
    admin3 = world.workspace("admin", ADMIN_PW)
    master = admin3.ctx.keys.master_key
    admin3.admin.remove_user("syd", rotate=True)
    assert admin3.ctx.keys.master_key == master
    db.dispose()


def test_removing_an_administrator_replaces_the_recovery_key_by_default(world: World) -> None:
    """A removed administrator usually knows the recovery key: a new one unless told not to."""
    admin = world.workspace("admin", ADMIN_PW)
    accounts.add_user(admin.ctx, "it2", "it-admin-pw-123", "administrator", unit="Enhet Nord")
    accounts.add_user(admin.ctx, "it3", "it-admin-pw-123", "administrator", unit="Enhet Nord")
    result = admin.admin.remove_user("it2", rotate=True)
    assert result is not None and result.recovery_key is not None
    db = world.db()
    with pytest.raises(WrongRecoveryKeyError):
        accounts.reset_password_with_recovery(db, world.recovery_key, "bo", "nytt-losenord-1")
    kept = admin.admin.remove_user("it3", rotate=True, new_recovery_key=False)
    assert kept is not None and kept.recovery_key is None
    worker = admin.admin.remove_user("syd", rotate=True)  # not an administrator: kept
    assert worker is not None and worker.recovery_key is None
    accounts.reset_password_with_recovery(db, result.recovery_key, "bo", "nytt-losenord-1")
    db.dispose()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_malformed_public_key_does_not_stop_the_rotation(world: World) -> None:
    """A low-order or wrong-length public key (written by hand) is a wrap without a key pair:
    its user is listed for a new password, a recovery wrap's is replaced; audited."""
    db = world.db()
    world.sign_in("bo")
    with db.session() as session:
        syd = session.execute(select(User.id).where(User.username == "syd")).scalar_one()
        bo = session.execute(select(User.id).where(User.username == "bo")).scalar_one()
        session.execute(update(KeyWrap).where(KeyWrap.user_id == syd).values(public_key=b"\0" * 32))
        session.execute(update(KeyWrap).where(KeyWrap.user_id == bo).values(public_key=b"kort"))
        session.execute(
            update(KeyWrap).where(KeyWrap.purpose == "recovery").values(public_key=b"\1" * 31)
        )
    admin = world.workspace("admin", ADMIN_PW)
    result = admin.admin.remove_user("anna", rotate=True)
    assert result is not None and result.failed == 0
    assert result.needs_reset == ("bo", "syd") and result.recovery_key is not None
    with db.sessions() as session:
        details = [
            e.detail or ""
            for e in session.execute(
                select(AuditEvent).where(AuditEvent.object_type == "key_wrap")
            ).scalars()
        ]
    assert len(details) == 3 and all("unusable public key" in d for d in details)
    accounts.reset_password_with_recovery(db, result.recovery_key, "bo", "nytt-losenord-1")
    assert world.sign_in("bo", "nytt-losenord-1").keys.master_key == admin.ctx.keys.master_key
    # The administrator's own: refused before anything changes (they would lose the key).
    with db.session() as session:
        session.execute(
            update(KeyWrap)
            .where(KeyWrap.user_id == admin.ctx.user_id)
            .values(public_key=b"\0" * 32, sealed_master=None)
        )
    with pytest.raises(ValidationError, match="public key is damaged"):
        admin.admin.remove_user("chef", rotate=True)
    assert not admin.admin.key_rotation_running()
    db.dispose()


def test_no_key_is_in_a_repr(world: World) -> None:
    """Opened wraps, a session's keys and a rotation's result never show a key in their repr
    (a log line, a traceback's locals)."""
    admin = world.workspace("admin", ADMIN_PW)
    keys = admin.ctx.keys
    secrets = [keys.master_key, keys.index_key, keys.audit_key]
    shown = repr(keys)
    assert not any(s.hex() in shown or repr(s) in shown for s in secrets)
    new = keymod.new_password_wrap(keys.master_key, "rätt lösenord", "w1")
    opened = keymod.open_password_wrap("rätt lösenord", new.kdf, new.wrapped, "w1")
    assert opened.master_key == keys.master_key and repr(keys.master_key) not in repr(opened)
    result = admin.admin.remove_user("anna", rotate=True, new_recovery_key=True)
    assert result is not None and result.recovery_key
    assert result.recovery_key not in repr(result)


def _flip_last_byte(blob: bytes) -> bytes:
    return bytes(blob[:-1]) + bytes([blob[-1] ^ 1])


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_damaged_value_keeps_no_index_under_the_old_key(world: World) -> None:
    """A name, personnummer or urgent flag that does not open at the rotation: its name tokens
    are deleted, its personnummer index cleared, the flag given a random token, so nothing
    computed with the old index key (which the removed user may hold) is left."""
    from assessment_app.db.models import NameToken
    from assessment_app.workspace.interview import AssessmentEdit

    bo = world.workspace("bo")
    row = bo.cases.create(name="Trasig Person", personnummer="19121212-1212")
    tonight = {"safety_threatened": True, "safety_protection_tonight": True}
    saved = bo.interviews.save(AssessmentEdit.of(bo.interviews.start(row.id), dict(tonight), {}))
    assert isinstance(saved, Saved)
    db = world.db()
    with db.session() as session:
        ind = session.execute(select(Individual)).scalar_one()
        ind_id = ind.id
        ind.name_enc = _flip_last_byte(ind.name_enc)
        ind.pnr_enc = _flip_last_byte(ind.pnr_enc)
        flag = session.execute(select(UrgentFlag)).scalar_one()
        old_token = flag.key_token
        flag.details_enc = _flip_last_byte(flag.details_enc)
        assert session.execute(select(NameToken).where(NameToken.individual_id == ind_id)).first()
    admin = world.workspace("admin", ADMIN_PW)
    result = admin.admin.remove_user("anna", rotate=True)
    assert result is not None and result.failed >= 3
    with db.sessions() as session:
        assert (
            session.execute(select(NameToken).where(NameToken.individual_id == ind_id)).first()
            is None
        )
        assert session.get(Individual, ind_id).pnr_index is None
        token = session.execute(select(UrgentFlag.key_token)).scalar_one()
    assert token != old_token and len(token) == len(old_token)
    db.dispose()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_sign_in_racing_the_start_of_a_rotation_is_told_so_not_damage(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrap opened just before a rotation's start commits: the sign-in is refused as keys
    replaced (sign in again; others: a rotation under way), audited, not reported as damage."""
    from assessment_app import keys_admin

    world.sign_in("chef")
    accounts.add_user(world.sign_in("admin", ADMIN_PW), "it2", "it-admin-pw-123", "administrator")
    admin = world.workspace("admin", ADMIN_PW)
    opening = accounts._open_password_wrap

    def open_then_rotation_starts(password: str, wrap: KeyWrap) -> keymod.OpenedWrap:
        opened = opening(password, wrap)
        keys_admin._start(admin.ctx, "anna", False)  # commits right after the wrap was opened
        return opened

    monkeypatch.setattr(accounts, "_open_password_wrap", open_then_rotation_starts)
    with pytest.raises(KeysChangedError):  # not DamagedKeyWrapError / IntegrityError
        world.sign_in("it2", "it-admin-pw-123")
    monkeypatch.setattr(accounts, "_open_password_wrap", opening)
    db = world.db()
    with db.sessions() as session:
        last = session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1))
        assert last.scalar_one().detail == "keys replaced during sign-in"
    admin2 = world.workspace("it2", "it-admin-pw-123")  # signing in again works
    assert admin2.admin.rotate_master_key(resume_only=True).resumed
    assert world.sign_in("chef").keys.master_key == admin2.ctx.keys.master_key
    db.dispose()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_audit_verify_does_not_depend_on_the_clocks_that_made_the_keys(world: World) -> None:
    """The rotation ran on a computer whose clock was behind: the new audit key looks older
    than the old one. `audit verify` starts with the key that seals entry 1 and follows the
    switch entries, so it still verifies, and still catches an edit."""
    from datetime import timedelta

    admin = world.workspace("admin", ADMIN_PW)
    admin.admin.remove_user("anna", rotate=True)
    db = world.db()
    with db.session() as session:
        active, retired = (
            session.execute(
                select(DataKey).where(DataKey.purpose == "audit").order_by(DataKey.status)
            )
            .scalars()
            .all()
        )
        assert (active.status, retired.status) == ("active", "retired")
        active.created_at = retired.created_at - timedelta(days=1)  # the new key looks older
    again = world.workspace("admin", ADMIN_PW)
    assert again.ctx.keys.audit_history[0][1] == again.ctx.keys.audit_key
    assert again.admin.verify_audit().ok
    with db.session() as session:
        session.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(detail="ändrad"))
    bad = again.admin.verify_audit()
    assert not bad.ok and bad.first_bad_seq == 2
    db.dispose()
