"""Check a built app the way IT would before shipping it.

    python installer/check_dist.py                 # checks dist/assessment-app
    python installer/check_dist.py --dist-dir DIR  # another build

Runs the built executable (never the source tree) with a private HOME and no ASSESSMENT_*
variables, under QT_QPA_PLATFORM=offscreen:

1. ``--version`` prints the package version;
2. ``--bundle-check`` (installer/bundle_check.py) finds resources, migrations, keyring backends,
   database drivers, PDF fonts, templates and Qt plugins inside the bundle;
3. ``--self-test`` starts the real app on a temporary database and opens the main window;
4. ``template check`` passes on the bundled interview templates;
5. the command line end to end on a throwaway SQLite file: init, add a caseworker, demo cases,
   an action plan PDF with the DejaVu font embedded, and the audit chain verified;
6. the bundle is lean: no unused Qt modules (WebEngine, Quick/QML, 3D, Multimedia).

Prints one PASS/FAIL line per step and exits 0 only when all pass.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP_NAME = "assessment-app"
ADMIN_PW = "check-admin-password-1"
WORKER_PW = "check-worker-password-1"
UNUSED_QT_LIBS = ("WebEngine", "Quick", "Qml", "3D", "Multimedia", "Charts", "Designer")
STEP_TIMEOUT = 300


class CheckFailed(Exception):
    pass


@dataclass
class Bundle:
    folder: Path
    home: Path

    @property
    def executable(self) -> Path:
        if sys.platform == "win32":  # the console twin of the windowed app
            return self.folder / f"{APP_NAME}-cli.exe"
        return self.folder / APP_NAME

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSESSMENT_")}
        home = str(self.home)
        env.update(
            HOME=home,
            USERPROFILE=home,
            APPDATA=str(self.home / "AppData" / "Roaming"),
            LOCALAPPDATA=str(self.home / "AppData" / "Local"),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            QT_QPA_PLATFORM="offscreen",
            ASSESSMENT_KDF_TARGET_MS="20",  # fast key derivation for the throwaway database
        )
        env.update(extra)
        return env

    def run(self, *args: str, ok: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.executable), *args],
            env=self.env(**env),
            cwd=self.home,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=STEP_TIMEOUT,
            check=False,
        )
        if ok and result.returncode != 0:
            raise CheckFailed(
                f"`{APP_NAME} {' '.join(args)}` exited {result.returncode}\n"
                f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
            )
        return result


def check_version(bundle: Bundle) -> str:
    expected = metadata.version(APP_NAME)
    out = bundle.run("--version").stdout.strip()
    if out != f"{APP_NAME} {expected}":
        raise CheckFailed(f"--version printed {out!r}, expected '{APP_NAME} {expected}'")
    return out


def check_bundle(bundle: Bundle) -> str:
    result = bundle.run("--bundle-check", ok=False)
    if result.returncode != 0:
        raise CheckFailed(result.stdout + result.stderr)
    return result.stdout.strip().splitlines()[-1]


def check_self_test(bundle: Bundle) -> str:
    result = bundle.run("--self-test")
    if "self-test passed" not in result.stdout:
        raise CheckFailed(f"no 'self-test passed' in the output:\n{result.stdout}{result.stderr}")
    return "self-test passed"


def check_templates(bundle: Bundle) -> str:
    files = sorted((bundle.internal / "resources" / "templates").glob("*.yaml"))
    if not files:
        raise CheckFailed("no bundled templates in _internal/resources/templates")
    result = bundle.run("template", "check", *map(str, files))
    return "; ".join(result.stdout.strip().splitlines())


def check_command_line(bundle: Bundle) -> str:
    db = f"sqlite:///{bundle.home / 'check.sqlite3'}"
    bundle.run(
        "--database",
        db,
        "init",
        "--admin",
        "admin",
        "--unit",
        "Kontroll",
        ASSESSMENT_PASSWORD=ADMIN_PW,
    )
    bundle.run(
        "--database",
        db,
        "--user",
        "admin",
        "user",
        "add",
        "worker",
        "--role",
        "caseworker",
        "--unit",
        "Kontroll",
        # The check signs in as this user at once; a temporary password
        # (the default for an account an administrator makes) would stop it.
        "--permanent-password",
        ASSESSMENT_PASSWORD=ADMIN_PW,
        ASSESSMENT_NEW_PASSWORD=WORKER_PW,
    )
    demo = bundle.run(
        "--database",
        db,
        "--user",
        "worker",
        "demo",
        "--cases",
        "3",
        "--seed",
        "7",
        ASSESSMENT_PASSWORD=WORKER_PW,
    )
    refs = re.findall(r"\b[A-Z]{2}-\d{4}-\d{4}\b", demo.stdout)
    if not refs:
        raise CheckFailed(f"`demo` listed no case references:\n{demo.stdout}")
    pdfs = []
    for ref in refs:
        out = bundle.home / f"{ref}.pdf"
        bundle.run(
            "--database",
            db,
            "--user",
            "worker",
            "export-pdf",
            ref,
            "--audience",
            "individual",
            "--out",
            str(out),
            ok=False,
            ASSESSMENT_PASSWORD=WORKER_PW,
        )
        if out.exists():
            pdfs.append(out)
    if not pdfs:
        raise CheckFailed(f"no action plan PDF could be exported for {refs}")
    data = pdfs[0].read_bytes()
    if not data.startswith(b"%PDF") or b"DejaVuSans" not in data:
        raise CheckFailed(f"{pdfs[0].name} is not a PDF with the DejaVu font embedded")
    verify = bundle.run(
        "--database", db, "--user", "admin", "audit", "verify", ASSESSMENT_PASSWORD=ADMIN_PW
    )
    return f"{len(refs)} demo cases, {len(pdfs)} PDF(s); {verify.stdout.strip()}"


def check_lean(bundle: Bundle) -> str:
    libs = [
        p.name
        for p in bundle.internal.rglob("*")
        if re.search(r"Qt6?\w*\.(so|dll|dylib)", p.name) and not p.is_symlink()
    ]
    unused = sorted(n for n in libs if any(word in n for word in UNUSED_QT_LIBS))
    if unused:
        raise CheckFailed(f"unused Qt libraries are bundled: {unused}")
    files = (p for p in bundle.folder.rglob("*") if p.is_file() and not p.is_symlink())
    size = sum(p.stat().st_size for p in files)
    return f"{size / 1e6:.0f} MB, {len(libs)} Qt libraries, none unused"


STEPS: list[tuple[str, Callable[[Bundle], str]]] = [
    ("version", check_version),
    ("bundle contents", check_bundle),
    ("self-test", check_self_test),
    ("template check", check_templates),
    ("command line", check_command_line),
    ("lean bundle", check_lean),
]


def run_checks(folder: Path, out: Callable[[str], None] = print) -> int:
    """Run every step against the build in ``folder``; return the number that failed."""
    failed = 0
    with tempfile.TemporaryDirectory(prefix="assessment-check-") as tmp:
        bundle = Bundle(folder.resolve(), Path(tmp))
        if not bundle.executable.exists():
            out(f"FAIL no executable at {bundle.executable} (run installer/build.py)")
            return len(STEPS)
        for name, step in STEPS:
            started = time.monotonic()
            try:
                detail = step(bundle)
            except (CheckFailed, subprocess.TimeoutExpired, OSError) as error:
                failed += 1
                out(f"FAIL {name}: {error}")
            else:
                out(f"PASS {name} ({time.monotonic() - started:.1f} s): {detail}")
    out(f"{len(STEPS) - failed} passed, {failed} failed")
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist-dir", type=Path, default=REPO / "dist" / APP_NAME)
    args = parser.parse_args(argv)
    return 1 if run_checks(args.dist_dir) else 0


if __name__ == "__main__":
    sys.exit(main())
