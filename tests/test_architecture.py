"""The layering, read from every import statement (``ast``, so imports inside functions and
under ``TYPE_CHECKING`` count too):

(a) the core (``assessment_app/``) imports neither the front end (``ui``) nor Qt: it starts the
    desktop app only through the ``assessment_app.frontends`` entry point (pyproject.toml);
(b) the front end does not import the command line (``assessment_app.cli``);
(c) the core kernel (context, db, crypto, errors, audit, config) imports no feature package;
(d) a command module (``assessment_app/cli/commands/*.py``) imports no other command module and
    nothing of the CLI but ``assessment_app.cli.common``, which imports no other CLI module;
(e) no file reaches into argparse's private attributes, and no command module looks up a
    parser another module made.

A failure names the file, the line and the import statement.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "assessment_app"
UI = ROOT / "ui"
CLI = CORE / "cli"
COMMANDS = CLI / "commands"
SKIP_DIRS = {".git", ".venv", "venv", "build", "dist", "__pycache__", ".mypy_cache", ".tox"}

FRONT_END_AND_QT = ("ui", "PySide6", "shiboken6")
KERNEL = (
    "assessment_app/context.py",
    "assessment_app/db/",
    "assessment_app/crypto/",
    "assessment_app/errors.py",
    "assessment_app/audit.py",
    "assessment_app/config.py",
)
FEATURE_PACKAGES = (
    "assessment_app.server",
    "assessment_app.records",
    "assessment_app.lifecycle",
    "assessment_app.pdf",
    "assessment_app.templates",
    "assessment_app.cli",
    "assessment_app.plan_export",
    "assessment_app.demo",
    "assessment_app.workspace",
)

# Kernel imports of feature packages that are known and being removed, as (file, module).
# Each entry must still exist (test_known_violations_still_exist): delete the entry together
# with the import. Nothing may be added here; fix the import instead.
KNOWN_VIOLATIONS_TO_REMOVE: frozenset[tuple[str, str]] = frozenset({})


# --- reading imports ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Import:
    """One import statement (or ``importlib.import_module("...")`` call) in one file."""

    path: Path
    line: int
    statement: str
    modules: tuple[str, ...]  # what it may load: ``from a import b`` gives ("a", "a.b")

    def __str__(self) -> str:
        return f"{rel(self.path)}:{self.line}: {self.statement}"

    def first_within(self, packages: Iterable[str]) -> str | None:
        wanted = tuple(packages)
        return next((m for m in self.modules if within(m, wanted)), None)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def within(module: str, packages: Iterable[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def python_files(*folders: Path) -> Iterator[Path]:
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            if not SKIP_DIRS.intersection(path.relative_to(ROOT).parts):
                yield path


@cache
def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _resolve(path: Path, module: str | None, level: int) -> str:
    if level == 0:
        return module or ""
    package = module_of(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, module] if module else base)


def _import_module_call(node: ast.Call) -> str | None:
    """The module named by ``importlib.import_module("x")`` / ``__import__("x")``."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in ("import_module", "__import__") or not node.args:
        return None
    first = node.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def imports_in(path: Path) -> list[Import]:
    found = []
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Import):
            modules = tuple(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(path, node.module, node.level)
            modules = (base, *(f"{base}.{a.name}" for a in node.names if a.name != "*"))
        elif isinstance(node, ast.Call) and (named := _import_module_call(node)):
            modules = (named,)
        else:
            continue
        found.append(Import(path, node.lineno, ast.unparse(node), modules))
    return sorted(found, key=lambda i: (rel(i.path), i.line))


def offenders(files: Iterable[Path], forbidden: Iterable[str]) -> list[str]:
    forbidden = tuple(forbidden)
    return [str(imp) for path in files for imp in imports_in(path) if imp.first_within(forbidden)]


# --- (a) the core does not import the front end or Qt -------------------------------------------


def test_core_imports_neither_ui_nor_qt() -> None:
    found = offenders(python_files(CORE), FRONT_END_AND_QT)
    assert found == [], "the core must not import ui/ or Qt:\n" + "\n".join(found)


def test_core_does_not_name_the_front_end_in_a_string() -> None:
    """Not even ``importlib.import_module("ui.app")`` or "ui.app:run_app": the entry point in
    pyproject.toml is the only link from the core to the front end."""
    front_end = re.compile(r"^ui(\.\w+)*(:\w+)?$")
    found = [
        f"{rel(path)}:{node.lineno}: {node.value!r}"
        for path in python_files(CORE)
        for node in ast.walk(parse(path))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and front_end.match(node.value)
    ]
    assert found == [], "the core names the front end module:\n" + "\n".join(found)


def test_importing_every_core_module_loads_neither_qt_nor_ui() -> None:
    code = (
        "import importlib, pkgutil, sys, assessment_app\n"
        "for m in pkgutil.walk_packages(assessment_app.__path__, 'assessment_app.'):\n"
        "    if '.migrations' not in m.name and not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "from assessment_app.cli.main import build_parser\n"
        "build_parser()\n"
        f"bad = sorted(n for n in sys.modules if n.split('.')[0] in {FRONT_END_AND_QT!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# --- (b) the front end does not import the command line ------------------------------------------


def test_ui_does_not_import_the_cli() -> None:
    found = offenders(python_files(UI), ["assessment_app.cli"])
    assert found == [], "ui/ must not import the command line:\n" + "\n".join(found)


# --- (c) the kernel does not import feature packages ---------------------------------------------


def kernel_violations() -> dict[tuple[str, str], list[str]]:
    """(file, imported module) -> the statements, for every kernel import of a feature."""
    kernel = [p for p in python_files(CORE) if rel(p).startswith(KERNEL)]
    assert any(rel(p) == "assessment_app/context.py" for p in kernel)
    found: dict[tuple[str, str], list[str]] = {}
    for path in kernel:
        for imp in imports_in(path):
            module = imp.first_within(FEATURE_PACKAGES)
            if module:
                found.setdefault((rel(path), module), []).append(str(imp))
    return found


def test_kernel_does_not_import_feature_packages() -> None:
    found = kernel_violations()
    new = [
        s
        for key, statements in found.items()
        if key not in KNOWN_VIOLATIONS_TO_REMOVE
        for s in statements
    ]
    assert new == [], (
        "the core kernel (context, db, crypto, errors, audit, config) must not import feature "
        "packages:\n" + "\n".join(new)
    )


def test_known_violations_still_exist() -> None:
    """The allow-list cannot rot: an entry whose import is gone must be deleted."""
    found = kernel_violations()
    gone = sorted(KNOWN_VIOLATIONS_TO_REMOVE - found.keys())
    assert gone == [], (
        "these imports are gone; delete them from KNOWN_VIOLATIONS_TO_REMOVE: "
        + ", ".join(f"{path} imports {module}" for path, module in gone)
    )


# --- (d) command modules share only cli/common.py ------------------------------------------------


def command_modules() -> list[Path]:
    return [p for p in python_files(COMMANDS) if p.name != "__init__.py"]


def test_command_modules_import_only_the_shared_helpers() -> None:
    cli_modules = {module_of(p) for p in python_files(CLI)}
    shared = "assessment_app.cli.common"
    not_shared = cli_modules - {"assessment_app.cli", shared}
    found = offenders([*command_modules(), CLI / "common.py"], not_shared)
    assert found == [], (
        "a command module may import only assessment_app.cli.common from the CLI, and "
        "common.py no other CLI module:\n" + "\n".join(found)
    )
    assert len(command_modules()) >= 10  # the rule is looking at the right folder


def test_every_command_module_is_in_the_registry_once() -> None:
    """GROUPS lists every module once, with exactly the top-level commands it adds: a command
    line naming one of them registers that module alone (``register_for``)."""
    import importlib

    from assessment_app.cli.commands import GROUPS, register_for

    registered = [f"assessment_app.cli.commands.{module}" for module, _ in GROUPS]
    expected = sorted(module_of(p) for p in command_modules())
    assert sorted(registered) == expected, "cli/commands/__init__.py GROUPS is out of date"
    for module, commands in GROUPS:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"assessment_app.cli.commands.{module}").register(sub)
        assert tuple(sub.choices) == commands, f"GROUPS entry for {module} is out of date"
        for command in commands:
            only = argparse.ArgumentParser().add_subparsers()
            register_for(only, ["--flag", command, "--help"])
            assert tuple(only.choices) == commands
    everything = argparse.ArgumentParser().add_subparsers()
    register_for(everything, ["--help", "user"])
    assert len(everything.choices) == sum(len(c) for _, c in GROUPS)


# --- (e) no argparse internals -------------------------------------------------------------------


def argparse_private_names() -> set[str]:
    """The private attributes and methods of argparse's parsers and sub-command actions."""
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    names = set()
    for obj in (parser, sub):
        names.update(vars(obj))
        names.update(dir(type(obj)))
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def test_no_file_uses_argparse_private_attributes() -> None:
    private = argparse_private_names()
    assert "_actions" in private
    found = []
    for path in python_files(ROOT):
        tree = parse(path)
        uses_argparse = any(within(m, ["argparse"]) for i in imports_in(path) for m in i.modules)
        for node in ast.walk(tree):
            bad = False
            if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                on_module = isinstance(node.value, ast.Name) and node.value.id == "argparse"
                bad = (on_module and not node.attr.startswith("__")) or (
                    uses_argparse and node.attr in private
                )
            elif isinstance(node, ast.ImportFrom) and node.module == "argparse":
                bad = any(a.name.startswith("_") for a in node.names)
            if bad:
                found.append(f"{rel(path)}:{node.lineno}: {ast.unparse(node)}")
    assert found == [], "argparse private attributes are not an API:\n" + "\n".join(found)


def test_no_command_module_looks_up_another_modules_parser() -> None:
    """``sub.choices["user"]`` would reach a group another module registered: each module
    builds its own groups whole."""
    found = [
        f"{rel(path)}:{node.lineno}: {ast.unparse(node)}"
        for path in python_files(CLI)
        for node in ast.walk(parse(path))
        if isinstance(node, ast.Attribute) and node.attr == "choices"
    ]
    assert found == [], "a command module must not look up parsers it did not make:\n" + "\n".join(
        found
    )
