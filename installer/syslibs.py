"""Checks that the system libraries Qt's X11 (xcb) platform plugin loads are installed, and
says in one line what to install (Swedish / English), or installs them where it may.

Runs with the system Python, standard library only, before the app starts (``make run``) and in
CI (``.ci/run`` passes ``--install``). Without a check a fresh Debian stops with Qt's English
"could not load the Qt platform plugin xcb ... libxcb-cursor0 is needed".

    python3 installer/syslibs.py              # exit 1 with the line when something is missing
    python3 installer/syslibs.py --install    # as root with apt-get: install what is missing
    python3 installer/syslibs.py --assume-missing libxcb-cursor.so.0   # what the line says

The probe asks the dynamic loader for each library (``ctypes.CDLL``), so it finds what the app
would find; when PySide6 is installed it also reads ``ldd`` of the xcb plugin, so a library this
list does not know is still named.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

# The libraries the PySide6 6.x wheels' xcb plugin, Qt Gui, OpenGL and D-Bus load from the
# system (the rest ship in the wheel), with the Debian/Ubuntu package that provides each.
QT_XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}

Loader = Callable[[str], bool]


def loads(soname: str) -> bool:
    """True when the dynamic loader finds and loads the library."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def xcb_plugin() -> Path | None:
    """The xcb platform plugin of the PySide6 that this Python would import, if any (found
    without importing PySide6, which would itself fail when a library is missing)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        plugin = Path(root, "Qt", "plugins", "platforms", "libqxcb.so")
        if plugin.exists():
            return plugin
    return None


def ldd_missing(binary: Path) -> list[str]:
    """Libraries ``ldd`` reports as "not found" for the binary (nothing without ldd)."""
    if shutil.which("ldd") is None:
        return []
    try:
        out = subprocess.run(
            ["ldd", str(binary)], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return re.findall(r"^\s*(\S+)\s+=>\s+not found", out, flags=re.MULTILINE)


def missing_libraries(
    sonames: Iterable[str] = QT_XCB_LIBRARIES,
    loader: Loader = loads,
    plugin: Path | None = None,
) -> list[str]:
    """The libraries of ``sonames`` the loader cannot load, then any others ``ldd`` finds
    missing for the plugin; each once, in that order."""
    missing = [name for name in sonames if not loader(name)]
    if plugin is not None:
        missing += [name for name in ldd_missing(plugin) if name not in missing]
    return missing


def packages_for(missing: Sequence[str]) -> tuple[list[str], list[str]]:
    """(Debian packages to install, libraries whose package this list does not know)."""
    packages: list[str] = []
    unknown: list[str] = []
    for name in missing:
        package = QT_XCB_LIBRARIES.get(name)
        if package is None:
            unknown.append(name)
        elif package not in packages:
            packages.append(package)
    return packages, unknown


def message(missing: Sequence[str]) -> str:
    """One line, Swedish then English, that says what to install."""
    packages, unknown = packages_for(missing)
    what = []
    if packages:
        what.append("sudo apt-get install " + " ".join(packages))
    if unknown:
        what.append(" ".join(unknown))
    return (
        "Qt (skärmens X11-stöd) saknar systembibliotek – installera / "
        "Qt's X11 platform plugin lacks system libraries – install: " + "; ".join(what)
    )


def may_install() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None


def install(packages: Sequence[str]) -> bool:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False)
        if done.returncode != 0:
            return False
    return True


def needs_xcb() -> bool:
    """Only the X11 plugin needs these: not when another platform is chosen explicitly."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return not platform or platform.startswith("xcb")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--install", action="store_true", help="install what is missing (root with apt-get)"
    )
    parser.add_argument(
        "--assume-missing",
        nargs="*",
        metavar="SONAME",
        help="treat these libraries as missing and probe nothing (to see or test the message)",
    )
    args = parser.parse_args(argv)
    if args.assume_missing is not None:
        missing = list(args.assume_missing)
    elif not needs_xcb():
        return 0
    else:
        missing = missing_libraries(plugin=xcb_plugin())
    if not missing:
        return 0
    packages, _unknown = packages_for(missing)
    wanted = args.install and args.assume_missing is None and packages and may_install()
    if wanted and install(packages):
        missing = missing_libraries(plugin=xcb_plugin())
        if not missing:
            print("Installerade / installed: " + " ".join(packages))
            return 0
    print(message(missing), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
