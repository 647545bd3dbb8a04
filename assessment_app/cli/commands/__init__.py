"""The command groups of ``assessment-app``, one module each, registered in help order.

Each module owns its whole group: ``register(sub)`` adds the group's parser (and its actions)
to the top-level sub-command set and points each at a handler in the same module. Modules share
helpers only through ``assessment_app.cli.common`` and never import each other or reach into a
parser another module made (``tests/test_architecture.py`` holds both).

Imported only when a command is given, and then only the module of that command
(:func:`register_for`): ``assessment-app user list`` does not load the PDF or backup code.
Help, and a command that is not known, register every group so the message lists them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

#: Every group's module and the top-level commands it adds, in the order
#: ``assessment-app --help`` lists them. ``tests/test_architecture.py`` holds this to the modules.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("init", ("init",)),
    ("user", ("user",)),  # user add|list|disable|enable|reset-password|remove|reset
    ("demo", ("demo",)),
    ("provider", ("provider",)),  # provider add|list|edit|retire|reactivate
    ("case", ("case",)),  # case create
    ("subject_access", ("subject-access",)),
    ("export_pdf", ("export-pdf",)),
    ("audit", ("audit",)),  # audit verify
    ("db", ("db",)),  # db upgrade
    ("keys", ("keys",)),  # keys rotate
    ("template", ("template",)),  # template check
    ("retention", ("retention",)),
    ("backup", ("backup", "restore")),
    ("rollback", ("rollback",)),  # rollback status|accept
    ("review", ("review",)),  # review list
    ("reminders", ("reminders",)),  # reminders [--unit] [--ics FILE]
    ("log", ("log",)),  # log review
    ("stats", ("stats",)),  # stats --from --to [--unit] [--out]
    ("transfer", ("transfer",)),  # transfer export|import|close
    ("server", ("server",)),  # server set-password|check|setup-roles
)

_MODULE_OF_COMMAND = {command: module for module, commands in GROUPS for command in commands}


def _register(sub: Any, module: str) -> None:
    importlib.import_module(f"{__name__}.{module}").register(sub)


def register_all(sub: Any) -> None:
    """Add every command group to ``sub`` (the result of ``parser.add_subparsers``)."""
    for module, _commands in GROUPS:
        _register(sub, module)


def register_for(sub: Any, rest: Sequence[str]) -> None:
    """Add the group of the command ``rest`` starts with (what is left of the command line after
    the global options), or every group when there is none or it is not known."""
    command = next((word for word in rest if not word.startswith("-")), None)
    module = _MODULE_OF_COMMAND.get(command) if command is not None else None
    if module is None or any(word in ("-h", "--help") for word in rest[: rest.index(command)]):
        register_all(sub)
    else:
        _register(sub, module)
