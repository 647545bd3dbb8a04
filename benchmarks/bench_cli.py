"""The start-up cost of a command, as a user starts it:

- cli_version_ms / cli_version_ratio: ``assessment-app --version`` over a bare ``python -c pass``;
- cli_user_list_ms / cli_user_list_ratio: ``assessment-app user list`` on a small database
  (opening it, signing in with the password, the rollback check, the list) over the same baseline;
- cli_user_list_over_libs_ratio: the same over a process that only imports the libraries every
  database command needs (SQLAlchemy's ORM, cryptography's AEAD and KDF, keyring): what the
  app adds on top of its libraries, the part it controls.

Medians of interleaved runs of whole processes (the OS file cache warmed first). The password
check's cost is set low (``ASSESSMENT_KDF_TARGET_MS``) so the figure is the program's own start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
LIBS = (
    "import sqlalchemy.orm, sqlalchemy.dialects.sqlite, keyring; "
    "from cryptography.hazmat.primitives.ciphers.aead import AESGCM; "
    "from cryptography.hazmat.primitives.kdf.argon2 import Argon2id"
)
PW = "bench-password-1"


def _ms(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{command[1:3]} failed: {done.stderr[-500:]}")
    return elapsed


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "ASSESSMENT_KDF_TARGET_MS": "5", "ASSESSMENT_PASSWORD": PW}
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(folder / name.lower())
        url = f"sqlite:///{folder / 'cli.sqlite3'}"
        app = [sys.executable, "-m", "assessment_app", "--database", url]
        subprocess.run([*app, "init", "--admin", "admin"], env=env, capture_output=True, check=True)
        bare = [sys.executable, "-c", "pass"]
        libs = [sys.executable, "-c", LIBS]
        version = [*app, "--version"]
        users = [*app, "--user", "admin", "user", "list"]
        for command in (bare, libs, version, users):  # warm the OS file cache
            _ms(command, env)
        samples: dict[str, list[float]] = {"bare": [], "libs": [], "version": [], "users": []}
        for _ in range(RUNS):
            samples["bare"].append(_ms(bare, env))
            samples["libs"].append(_ms(libs, env))
            samples["version"].append(_ms(version, env))
            samples["users"].append(_ms(users, env))
    bare_ms = statistics.median(samples["bare"])
    version_ms = statistics.median(samples["version"])
    users_ms = statistics.median(samples["users"])
    libs_ms = statistics.median(samples["libs"])
    return {
        "cli_bare_python_ms": bare_ms,
        "cli_version_ms": version_ms,
        "cli_version_ratio": version_ms / bare_ms,
        "cli_user_list_ms": users_ms,
        "cli_user_list_ratio": users_ms / bare_ms,
        "cli_libraries_ms": libs_ms,
        "cli_user_list_over_libs_ratio": users_ms / libs_ms,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:g}")
