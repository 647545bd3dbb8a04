"""Helpers for the packaging tests: load the installer scripts (not a package) by path, and
require outside tools (skipped with the reason locally, a failure in CI)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
INSTALLER = REPO / "installer"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def load_script(relative: str) -> ModuleType:
    """Import ``installer/<relative>`` as a module (the installer folder is no package)."""
    path = INSTALLER / relative
    name = "installer_" + path.stem
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def require_tool(command: str, package: str) -> str:
    found = shutil.which(command)
    if found:
        return found
    reason = f"{command} is not installed (Debian: apt-get install {package})"
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)
