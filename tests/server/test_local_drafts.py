"""The encrypted local draft store and the workspace's sync (SQLite; the server cases are in
test_server_gone.py)."""

from __future__ import annotations

import hashlib
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from assessment_app.db.types import utcnow
from assessment_app.errors import IntegrityError
from assessment_app.records import drafts
from assessment_app.records.drafts import DraftPayload
from assessment_app.server.local_drafts import CONFLICT_SUFFIX, LocalDraftStore
from tests.conftest import World

SECRET = "Hotad av sin bror, behöver skydd i natt"


def slot_name(user_id: str, kind: str, object_id: str) -> str:
    """The file name a slot must have: a hash of user, kind and id, nothing in the clear."""
    digest = hashlib.sha256(f"{user_id}\x1f{kind}\x1f{object_id}".encode()).hexdigest()
    return f"{digest[:40]}.draft"


def test_files_are_sealed_private_and_bound_to_user_and_slot(
    sqlite_world: World, tmp_path: Path
) -> None:
    anna, bo = sqlite_world.sign_in("anna"), sqlite_world.sign_in("bo")
    store = LocalDraftStore.for_context(anna, root=tmp_path)
    store.save("interview", "a1", {"answer": SECRET})
    store.save("interview", "a2", {"answer": "annat"})
    files = sorted(store.folder.glob("*.draft"))
    assert len(files) == 2
    # The names are the slots' hashes (so they say nothing about the record), not the ids.
    assert sorted(f.name for f in files) == sorted(
        slot_name(anna.user_id, "interview", oid) for oid in ("a1", "a2")
    )
    for f in files:
        assert re.fullmatch(r"[0-9a-f]{40}\.draft", f.name)
        assert SECRET.encode() not in f.read_bytes()
        assert oct(f.stat().st_mode & 0o777) == "0o600"
    assert oct(store.folder.stat().st_mode & 0o777) == "0o700"
    loaded = store.load("interview", "a1")
    assert loaded is not None and loaded.payload == {"answer": SECRET}

    # A file copied over another slot does not open, and is left alone, not deleted.
    target = store._path(store._slot("interview", "a2"))
    shutil.copyfile(store._path(store._slot("interview", "a1")), target)
    with pytest.raises(IntegrityError):
        store.load("interview", "a2")
    found, damaged = store.list()
    assert [d.object_id for d in found] == ["a1"] and damaged == [target] and target.exists()

    # Another user's store with the same keys cannot open anna's file either.
    bo_store = LocalDraftStore.for_context(bo, root=tmp_path)
    bo_store.folder.mkdir(parents=True)
    shutil.copy(
        store._path(store._slot("interview", "a1")),
        bo_store._path(bo_store._slot("interview", "a1")),
    )
    with pytest.raises(IntegrityError):
        bo_store.load("interview", "a1")


def test_sync_last_writer_wins_and_conflicts_keep_both(sqlite_world: World, tmp_path: Path) -> None:
    ctx = sqlite_world.sign_in("anna")
    store = LocalDraftStore.for_context(ctx, root=tmp_path)
    anna = sqlite_world.workspace("anna", local_store=store)

    def note(text: str) -> DraftPayload:
        return DraftPayload(None, {"note": text})

    def on_server(object_id: str, text: str) -> None:
        saved = anna.offline.save_draft("plan", object_id, None, note(text))
        assert saved.value <= utcnow()  # type: ignore[union-attr]

    earlier = utcnow() - timedelta(minutes=5)
    # 1: only local. 2: local newer than the server's. 3: the server's newer than local.
    store.save("plan", "p1", note("bara lokalt").to_json())
    on_server("p2", "server äldre")
    store.save("plan", "p2", note("lokalt nyare").to_json())
    store.save("plan", "p3", note("lokalt äldre").to_json(), saved_at=earlier)
    on_server("p3", "server nyare")
    assert anna.offline.has_pending()

    result = anna.offline.sync()
    assert sorted(result.pushed) == [("plan", "p1"), ("plan", "p2")]
    assert result.conflicts == [("plan", "p3")]
    assert result.done and result.damaged == []
    assert store.list() == ([], [])
    assert not anna.offline.has_pending()
    got = {(d.kind, d.object_id): d.payload.content["note"] for d in anna.cases.my_drafts()}
    assert got == {
        ("plan", "p1"): "bara lokalt",
        ("plan", "p2"): "lokalt nyare",
        ("plan", "p3"): "server nyare",
        ("plan" + CONFLICT_SUFFIX, "p3"): "lokalt äldre",
    }
    with anna.read() as uow:  # the pushed draft keeps the time it was written here
        p3_copy = drafts.load_draft(uow, "plan" + CONFLICT_SUFFIX, "p3")
    assert p3_copy is not None and p3_copy.updated_at == earlier
