"""Build the one-folder app with PyInstaller.

    python installer/build.py                 # -> dist/assessment-app/
    python installer/build.py --dist OUT      # another output folder
    python installer/build.py --clean         # drop PyInstaller's cache first

Builds the Qt translations first (``python -m ui.build_translations``), then runs PyInstaller on
``installer/assessment-app.spec`` and reports the bundle's size and the build time. Needs
PyInstaller in the same environment (``pip install -e '.[dist]'``).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

INSTALLER_DIR = Path(__file__).resolve().parent
REPO = INSTALLER_DIR.parent
SPEC = INSTALLER_DIR / "assessment-app.spec"
APP_NAME = "assessment-app"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def bundle_dir(dist: Path) -> Path:
    return dist / APP_NAME


def build(dist: Path, work: Path, clean: bool = False) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        raise SystemExit(
            "PyInstaller is not installed in this environment: pip install -e '.[dist]'"
        )
    print("== building translations", flush=True)
    subprocess.run([sys.executable, "-m", "ui.build_translations"], cwd=REPO, check=True)
    print(f"== PyInstaller {SPEC.relative_to(REPO)} -> {dist}", flush=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        command.append("--clean")
    subprocess.run(command, cwd=REPO, check=True)
    return bundle_dir(dist)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=REPO / "build" / "pyinstaller", help="PyInstaller's cache"
    )
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    args = parser.parse_args(argv)
    started = time.monotonic()
    out = build(args.dist.resolve(), args.work.resolve(), args.clean)
    seconds = time.monotonic() - started
    size = folder_size(out)
    files = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"== built {out}")
    print(f"   {size / 1e6:.0f} MB in {files} files, {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
