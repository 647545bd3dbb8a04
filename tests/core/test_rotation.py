"""Data-key rotation re-encrypts everything while earlier sessions keep reading."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from assessment_app.crypto.aead import Sealed
from assessment_app.db.models import DataKey, Individual
from assessment_app.errors import AccessDeniedError
from assessment_app.keys_admin import encrypted_columns, rotate_data_key
from assessment_app.records.plans import Goal, PlanContent, PlanEdit
from assessment_app.workspace import Saved
from tests.conftest import ADMIN_PW, World


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


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_copied_key_wrap_of_a_removed_user_still_opens_a_rotated_database(world: World) -> None:
    """The limit stated in docs/server-setup.md (section 7) and ARCHITECTURE.md (Keys): the master
    key is never replaced, so neither `user remove` nor `keys rotate` shuts out a copy of a
    removed user's key wrap. When the master key can be replaced, this test must change."""
    from assessment_app.crypto import keys as keymod
    from assessment_app.db.models import KeyWrap, User
    from tests.conftest import WORKER_PW

    db = world.db()
    with db.sessions() as session:
        anna = session.execute(select(User).where(User.username == "anna")).scalar_one()
        copy = session.execute(
            select(KeyWrap).where(KeyWrap.user_id == anna.id, KeyWrap.purpose == "password")
        ).scalar_one()
        copied = (copy.id, copy.kdf, bytes(copy.wrapped))  # e.g. from last month's dump
    admin = world.workspace("admin", ADMIN_PW)
    admin.admin.remove_user("anna")
    new_key_id = admin.admin.rotate_keys().new_key_id
    with db.sessions() as session:
        assert session.execute(select(KeyWrap).where(KeyWrap.user_id == anna.id)).first() is None
        new_key = session.get(DataKey, new_key_id)
        assert new_key is not None
        master = keymod.unwrap_with_password(WORKER_PW, copied[1], copied[2], copied[0])
        assert len(keymod.unwrap_subkey(master, "data", new_key.id, new_key.wrapped)) == 32
    db.dispose()
