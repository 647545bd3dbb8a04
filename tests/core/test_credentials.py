"""The credential service: allow-list, clear messages, never a plaintext fallback."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from keyring.backends import fail

from assessment_app.credentials import CredentialStore
from assessment_app.errors import KeyringUnavailableError
from tests.conftest import IN_CI, MemoryKeyring

URL = "postgresql+psycopg://worker@db.kommun.local:5432/bistand"


def test_memory_backend_is_refused_unless_allowed_for_tests() -> None:
    store = CredentialStore(MemoryKeyring())
    assert not store.available
    with pytest.raises(KeyringUnavailableError) as info:
        store.get_server_password(URL)
    assert "nyckelring" in info.value.user_message and "keyring" in info.value.message_en


def test_no_backend_gives_a_clear_message_and_writes_no_file(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = CredentialStore(fail.Keyring())
    with pytest.raises(KeyringUnavailableError):
        store.set_server_password(URL, "s3cret")
    assert list(tmp_path.iterdir()) == []


def test_server_password_round_trip_and_url_resolution() -> None:
    backend = MemoryKeyring()
    store = CredentialStore(backend, allow_any_backend=True)
    store.set_server_password(URL, "s3cret")
    assert store.get_server_password(URL + "?sslmode=require") is None  # other URL, other key
    resolved = store.resolve_server_url(URL)
    assert resolved.password == "s3cret"
    assert store.resolve_server_url("sqlite:///x.sqlite3").password is None
    assert all("s3cret" not in key for _, key in backend.store)
    store.delete_server_password(URL)
    assert store.get_server_password(URL) is None


def test_installation_secret_is_stable() -> None:
    store = CredentialStore(MemoryKeyring(), allow_any_backend=True)
    first = store.installation_secret()
    assert len(first) == 32 and store.installation_secret() == first


REAL_KEYRING_SCRIPT = r"""
import sys
import keyring
from assessment_app.credentials import CredentialStore
store = CredentialStore()
store.check()
store.set_server_password(sys.argv[1], "pw-från-test")
assert CredentialStore().get_server_password(sys.argv[1]) == "pw-från-test"
secret = store.installation_secret()
assert CredentialStore().installation_secret() == secret
store.delete_server_password(sys.argv[1])
assert store.get_server_password(sys.argv[1]) is None
print("backend:", type(keyring.get_keyring()).__module__)
"""


@pytest.mark.keyring_real
def test_real_secret_service() -> None:
    """Runs against GNOME Keyring over D-Bus (the keyring job starts both)."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") or not shutil.which("gnome-keyring-daemon"):
        if IN_CI:
            pytest.fail("CI requires the real Secret Service test (run under dbus-run-session)")
        pytest.skip(
            "no D-Bus session with gnome-keyring here; `make test` runs it under "
            "dbus-run-session when gnome-keyring is installed"
        )
    import sys

    out = subprocess.run(
        [sys.executable, "-c", REAL_KEYRING_SCRIPT, URL], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert "SecretService" in out.stdout


def test_a_command_loads_only_this_platforms_keyring_backends(tmp_path) -> None:
    """keyring's own discovery imports every backend; on Linux the macOS one runs
    ctypes.util.find_library (gcc, several times) at import. A command must not pay for that."""
    import subprocess
    import sys

    from tests.conftest import ADMIN_PW, make_world

    world = make_world(f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    script = f"""
import ctypes.util, os, sys
calls = []
original = ctypes.util.find_library
ctypes.util.find_library = lambda name: calls.append(name) or original(name)
os.environ["ASSESSMENT_PASSWORD"] = {ADMIN_PW!r}
from assessment_app.cli.main import main
code = main(["--database", {world.url!r}, "--user", "admin", "user", "list"])
print("EXIT", code)
print("FIND_LIBRARY", calls)
print("MACOS", "keyring.backends.macOS" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert "EXIT 0" in done.stdout, done.stderr
    if sys.platform.startswith("linux"):
        assert "FIND_LIBRARY []" in done.stdout
        assert "MACOS False" in done.stdout
