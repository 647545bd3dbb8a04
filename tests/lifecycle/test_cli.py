"""The lifecycle commands in a real subprocess, on a local SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import ADMIN_PW

WORKER = "worker-pw-123"


def run(args: list[str], home: Path, password: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSESSMENT_")}
    env.update(
        {
            "ASSESSMENT_PASSWORD": password,
            "ASSESSMENT_NEW_PASSWORD": WORKER,
            "ASSESSMENT_KDF_TARGET_MS": "5",
            "XDG_DATA_HOME": str(home / "data"),  # the state file stays in the test folder
            "XDG_CONFIG_HOME": str(home / "config"),
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "assessment_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.mark.slow
def test_lifecycle_commands(tmp_path: Path) -> None:
    db = tmp_path / "records.sqlite3"
    url = f"sqlite:///{db}"
    base = ["--database", url]
    assert run([*base, "init", "--admin", "admin"], tmp_path, ADMIN_PW).returncode == 0
    added = run(
        [
            *base,
            "--user",
            "admin",
            "user",
            "add",
            "chef",
            "--role",
            "supervisor",
            "--unit",
            "N",
            "--permanent-password",
        ],
        tmp_path,
        ADMIN_PW,
    )
    assert added.returncode == 0, added.stderr
    made = run([*base, "--user", "chef", "demo", "--cases", "3", "--seed", "4"], tmp_path, WORKER)
    refs = made.stdout.split()
    as_chef = [*base, "--user", "chef"]
    as_admin = [*base, "--user", "admin"]

    pdf = run(
        [*as_chef, "subject-access", refs[0], "--out", str(tmp_path / "u.pdf")], tmp_path, WORKER
    )
    assert pdf.returncode == 0, pdf.stderr
    assert (tmp_path / "u.pdf").read_bytes().startswith(b"%PDF")
    as_json = run(
        [*as_chef, "subject-access", refs[0], "--out", str(tmp_path / "u.txt"), "--format", "json"],
        tmp_path,
        WORKER,
    )
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads((tmp_path / "u.txt").read_text(encoding="utf-8"))["cases"]

    backup = run([*as_admin, "backup", "--out", str(tmp_path / "b.sqlite3")], tmp_path, ADMIN_PW)
    assert backup.returncode == 0, backup.stderr
    assert (tmp_path / "b.sqlite3.manifest.json").exists()
    restored = tmp_path / "restored.sqlite3"
    again = run(
        [*as_admin, "restore", str(tmp_path / "b.sqlite3"), "--to", str(restored)],
        tmp_path,
        ADMIN_PW,
    )
    assert again.returncode == 0, again.stderr
    refused = run(
        [*as_admin, "restore", str(tmp_path / "b.sqlite3"), "--to", str(restored)],
        tmp_path,
        ADMIN_PW,
    )
    assert refused.returncode != 0 and "finns redan" in refused.stderr
    server = run(
        ["--database", "postgresql://u@127.0.0.1/x", "--user", "admin", "backup", "--out", "x"],
        tmp_path,
        ADMIN_PW,
    )
    assert server.returncode != 0 and "docs/server-setup.md" in server.stderr

    # Retention: move every case's last entry back six years, list, then apply.
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE cases SET last_entry_at = :t"), {"t": datetime(2019, 1, 1)})
    engine.dispose()
    today = date.today().isoformat()
    listed = run([*as_admin, "retention", "--as-of", today], tmp_path, ADMIN_PW)
    assert listed.returncode == 0, listed.stderr
    assert all(ref in listed.stdout for ref in refs) and "Ingenting är raderat" in listed.stdout
    future = run([*as_admin, "retention", "--as-of", "2999-01-01", "--apply"], tmp_path, ADMIN_PW)
    assert future.returncode != 0 and "framtiden" in future.stderr
    applied = run([*as_admin, "retention", "--as-of", today, "--apply"], tmp_path, ADMIN_PW)
    assert applied.returncode == 0, applied.stderr
    due = [line.split()[0] for line in listed.stdout.splitlines() if " gallras " in line]
    deleted = [
        line.split()[1] for line in applied.stdout.splitlines() if line.startswith("Gallrat:")
    ]
    assert deleted == due
    engine = create_engine(url)
    with engine.connect() as conn:
        left = set(conn.execute(text("SELECT case_ref FROM cases")).scalars())
    engine.dispose()
    assert left == set(refs) - set(due)

    # The older copy replaces the database: the next command warns, and keeps working.
    os.replace(restored, db)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    warned = run([*as_admin, "rollback", "status"], tmp_path, ADMIN_PW)
    assert warned.returncode == 1 and "äldre" in warned.stderr
    backup2 = run([*as_admin, "backup", "--out", str(tmp_path / "c.sq3")], tmp_path, ADMIN_PW)
    assert backup2.returncode == 0 and "Varning" in backup2.stderr
    accepted = run([*as_admin, "rollback", "accept"], tmp_path, ADMIN_PW)
    assert accepted.returncode == 0, accepted.stderr
    assert run([*as_admin, "rollback", "status"], tmp_path, ADMIN_PW).returncode == 0
