"""Fixtures for the lifecycle tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment_app.credentials import CredentialStore
from assessment_app.lifecycle.state import StateStore
from tests.conftest import MemoryKeyring


@pytest.fixture
def store(tmp_path: Path, memory_keyring: MemoryKeyring) -> StateStore:
    """A state file in tmp_path, protected by the in-memory keyring."""
    return StateStore(
        tmp_path / "state" / "lifecycle-state.json",
        CredentialStore(memory_keyring, allow_any_backend=True),
    )
