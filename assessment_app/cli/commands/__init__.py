"""The command groups of ``assessment-app``, one module each, registered in help order.

Each module owns its whole group: ``register(sub)`` adds the group's parser (and its actions)
to the top-level sub-command set and points each at a handler in the same module. Modules share
helpers only through ``assessment_app.cli.common`` and never import each other or reach into a
parser another module made (``tests/test_architecture.py`` holds both).

Imported only when a command is given: starting the desktop app does not load these modules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assessment_app.cli.commands import (
    audit,
    backup,
    db,
    demo,
    export_pdf,
    init,
    keys,
    log,
    provider,
    retention,
    review,
    rollback,
    server,
    subject_access,
    template,
    transfer,
    user,
)

Register = Callable[[Any], None]

#: Every group's ``register``, in the order ``assessment-app --help`` lists them.
REGISTRY: tuple[Register, ...] = (
    init.register,  # init
    user.register,  # user add|list|disable|enable|reset-password|remove|reset
    demo.register,  # demo
    provider.register,  # provider add|list|edit|retire|reactivate
    subject_access.register,  # subject-access
    export_pdf.register,  # export-pdf
    audit.register,  # audit verify
    db.register,  # db upgrade
    keys.register,  # keys rotate
    template.register,  # template check
    retention.register,  # retention
    backup.register,  # backup, restore
    rollback.register,  # rollback status|accept
    review.register,  # review list
    log.register,  # log review
    transfer.register,  # transfer export|import|close
    server.register,  # server set-password|check
)


def register_all(sub: Any) -> None:
    """Add every command group to ``sub`` (the result of ``parser.add_subparsers``)."""
    for register in REGISTRY:
        register(sub)
