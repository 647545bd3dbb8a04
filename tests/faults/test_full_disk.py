"""A full or vanishing target: a message and no partial file, for every command that writes one.

The target is made "full" with RLIMIT_FSIZE in the command's own process (a write past the
limit fails with EFBIG, as on a full disk), so the test needs no root and no special mount.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assessment_app import demo
from tests.conftest import ADMIN_PW, World

# The child signs in with room to spare, then the limit (soft only) is set for the backup.
CHILD = """
import resource, sys
from pathlib import Path
from assessment_app import accounts
from assessment_app.db.engine import Database
from assessment_app.errors import AppError
from assessment_app.workspace import Workspace
ws = Workspace(accounts.sign_in(Database.open(sys.argv[1]), "admin", sys.argv[2]))
limit = int(sys.argv[4])
if limit:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
try:
    ws.admin.backup(Path(sys.argv[3]))
except AppError as error:
    print(error.user_message)
    sys.exit(2)
print("saved")
"""


def _backup(url: str, out: Path, limit: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, url, ADMIN_PW, str(out), str(limit)],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_backup_onto_a_full_target_says_so_and_leaves_nothing(
    sqlite_world: World, tmp_path: Path
) -> None:
    list(demo.generate(sqlite_world.workspace("chef"), 2, seed=2))
    size = Path(sqlite_world.url.removeprefix("sqlite:///")).stat().st_size
    target = tmp_path / "out"
    target.mkdir()
    for limit in (0 + 1, 4096, size // 2, size - 1):
        out = _backup(sqlite_world.url, target / "b.db", limit)
        assert out.returncode == 2, (limit, out.stdout, out.stderr)
        assert "Traceback" not in out.stderr, out.stderr
        assert "Ingen säkerhetskopia gjordes" in out.stdout, out.stdout
        assert _leftovers(target) == [], limit
    # With room, the same backup works.
    ok = _backup(sqlite_world.url, target / "b.db", 0)
    assert ok.returncode == 0 and "saved" in ok.stdout, ok.stderr
    assert _leftovers(target) == ["b.db", "b.db.manifest.json"] or "b.db" in _leftovers(target)


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ASSESSMENT_PASSWORD": ADMIN_PW}
    return subprocess.run(
        [sys.executable, "-m", "assessment_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_backup_into_a_vanished_folder_says_so(sqlite_world: World, tmp_path: Path) -> None:
    gone = tmp_path / "usb-stick"
    out = _run(
        ["--database", sqlite_world.url, "--user", "admin", "backup", "--out", str(gone / "b.db")]
    )
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert "finns inte" in out.stderr
