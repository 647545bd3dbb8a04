"""The encrypted local draft store and its sync (SQLite; the server cases are in
test_server_gone.py)."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from assessment_app.db.types import utcnow
from assessment_app.errors import IntegrityError
from assessment_app.records import drafts
from assessment_app.server.local_drafts import CONFLICT_SUFFIX, LocalDraftStore, sync_local_drafts
from tests.conftest import World

SECRET = "Hotad av sin bror, behöver skydd i natt"


def test_files_are_sealed_private_and_bound_to_user_and_slot(
    sqlite_world: World, tmp_path: Path
) -> None:
    anna, bo = sqlite_world.sign_in("anna"), sqlite_world.sign_in("bo")
    store = LocalDraftStore.for_context(anna, root=tmp_path)
    store.save("interview", "a1", {"answer": SECRET})
    store.save("interview", "a2", {"answer": "annat"})
    files = sorted(store.folder.glob("*.draft"))
    assert len(files) == 2
    for f in files:
        assert SECRET.encode() not in f.read_bytes() and "a1" not in f.name
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
    anna = sqlite_world.sign_in("anna")
    store = LocalDraftStore.for_context(anna, root=tmp_path)
    earlier = utcnow() - timedelta(minutes=5)
    # 1: only local. 2: local newer than the server's. 3: the server's newer than local.
    store.save("plan", "p1", {"note": "bara lokalt"})
    drafts.save_draft(anna, "plan", "p2", {"note": "server äldre"})
    store.save("plan", "p2", {"note": "lokalt nyare"})
    store.save("plan", "p3", {"note": "lokalt äldre"}, saved_at=earlier)
    drafts.save_draft(anna, "plan", "p3", {"note": "server nyare"})

    result = sync_local_drafts(anna, store)
    assert sorted(result.pushed) == [("plan", "p1"), ("plan", "p2")]
    assert result.conflicts == [("plan", "p3")]
    assert store.list() == ([], [])
    got = {(d.kind, d.object_id): d.payload["note"] for d in drafts.list_drafts(anna)}
    assert got == {
        ("plan", "p1"): "bara lokalt",
        ("plan", "p2"): "lokalt nyare",
        ("plan", "p3"): "server nyare",
        ("plan" + CONFLICT_SUFFIX, "p3"): "lokalt äldre",
    }
