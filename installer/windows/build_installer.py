"""Compile the Windows installer from a PyInstaller folder with NSIS's makensis.

    python installer/windows/build_installer.py                       # dist/assessment-app
    python installer/windows/build_installer.py --dist-dir D --out F  # other folders

The version comes from the package metadata. makensis runs on Windows and on Linux
(Debian: ``apt-get install nsis``); the payload must be a Windows build of the app.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCRIPT = HERE / "assessment-app.nsi"
SETTINGS_EXAMPLE = HERE / "settings.example.json"
DIST_NAME = "assessment-app"


def version_quad(version: str) -> str:
    """Windows wants four numbers: ``1.2`` -> ``1.2.0.0``, ``1.2.3rc1`` -> ``1.2.3.0``."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers = [*numbers, 0, 0, 0, 0][:4] if len(numbers) < 3 else [*numbers, 0]
    return ".".join(str(n) for n in numbers)


def makensis_command(
    dist_dir: Path, out_file: Path, version: str, makensis: str = "makensis"
) -> list[str]:
    return [
        makensis,
        "-V2",
        "-WX",  # a warning is an error
        f"-DVERSION={version}",
        f"-DVERSION_QUAD={version_quad(version)}",
        f"-DDIST_DIR={dist_dir}",
        f"-DOUTFILE={out_file}",
        f"-DSETTINGS_EXAMPLE={SETTINGS_EXAMPLE}",
        str(SCRIPT),
    ]


def main(argv: list[str] | None = None) -> int:
    version = metadata.version(DIST_NAME)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist-dir", type=Path, default=REPO / "dist" / DIST_NAME)
    parser.add_argument(
        "--out", type=Path, default=REPO / "dist" / f"{DIST_NAME}-{version}-setup.exe"
    )
    parser.add_argument("--makensis", default=shutil.which("makensis") or "makensis")
    args = parser.parse_args(argv)
    if not (args.dist_dir / "assessment-app.exe").exists():
        print(f"warning: {args.dist_dir} holds no assessment-app.exe (not a Windows build)")
    command = makensis_command(args.dist_dir.resolve(), args.out.resolve(), version, args.makensis)
    result = subprocess.run(command, check=False)
    if result.returncode == 0:
        print(f"== built {args.out}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
