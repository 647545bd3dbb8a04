"""Build the translations: refresh the ``.ts`` sources from the code (pyside6-lupdate) and
compile them to ``.qm`` (pyside6-lrelease). The ``.qm`` files are build output, not committed.

    python -m ui.build_translations            # compile .ts -> .qm
    python -m ui.build_translations --update   # also extract new strings into the .ts first
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from assessment_app.resources import resource_path

LANGUAGES = ("en",)
UI_DIR = Path(__file__).resolve().parent


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 (it ships the tool)")
    return found


def sources() -> list[str]:
    return sorted(
        str(p)
        for p in UI_DIR.rglob("*.py")
        if "__pycache__" not in p.parts and p.name != "build_translations.py"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--update", action="store_true", help="run lupdate first")
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        ts = resource_path("translations", f"assessment_app_{language}.ts")
        if args.update:
            subprocess.run(
                [
                    _tool("pyside6-lupdate"),
                    *sources(),
                    "-source-language",
                    "sv_SE",
                    "-target-language",
                    f"{language}",
                    "-no-obsolete",
                    "-ts",
                    str(ts),
                ],
                check=True,
            )
        subprocess.run(
            [_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
