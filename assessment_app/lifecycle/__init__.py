"""The record lifecycle after the last meeting: retention, subject access PDF, backup, restore.

Qt-free. Screens and commands reach these through the workspace (``ws.admin``,
``ws.documents``):

- retention: :func:`plan_retention` (list), then :func:`apply_retention` (after confirmation);
- subject access: :func:`render_subject_access_pdf` (the data is gathered by
  :mod:`assessment_app.records.subject_access` in one snapshot);
- backup: :func:`create_backup`, :func:`restore_backup`, :func:`backup_due`;
- rollback: :func:`check_rollback`, :func:`record_head`, :func:`accept_rollback`.

The names are read from their modules when first used (PEP 562), so a command that needs
one part (the rollback check) does not import the others (the PDF renderer).

Long calls take a ``progress(done, total)`` callback for the UI's background helper.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_MODULE_OF = {
    "RollbackStatus": "anchor",
    "accept_rollback": "anchor",
    "check_rollback": "anchor",
    "record_head": "anchor",
    "BackupError": "backup",
    "BackupInfo": "backup",
    "Manifest": "backup",
    "RestoreInfo": "backup",
    "backup_due": "backup",
    "create_backup": "backup",
    "last_backup": "backup",
    "manifest_path": "backup",
    "read_manifest": "backup",
    "restore_backup": "backup",
    "RetentionItem": "retention",
    "RetentionPlan": "retention",
    "RetentionResult": "retention",
    "apply_retention": "retention",
    "cutoff_date": "retention",
    "plan_retention": "retention",
    "RetentionSettings": "settings",
    "load_retention_settings": "settings",
    "StateStore": "state",
    "render_subject_access_pdf": "subject_access_pdf",
}

__all__ = [
    "BackupError",
    "BackupInfo",
    "Manifest",
    "RestoreInfo",
    "RetentionItem",
    "RetentionPlan",
    "RetentionResult",
    "RetentionSettings",
    "RollbackStatus",
    "StateStore",
    "accept_rollback",
    "apply_retention",
    "backup_due",
    "check_rollback",
    "create_backup",
    "cutoff_date",
    "last_backup",
    "load_retention_settings",
    "manifest_path",
    "plan_retention",
    "read_manifest",
    "record_head",
    "render_subject_access_pdf",
    "restore_backup",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from assessment_app.lifecycle.anchor import (
        RollbackStatus,
        accept_rollback,
        check_rollback,
        record_head,
    )
    from assessment_app.lifecycle.backup import (
        BackupError,
        BackupInfo,
        Manifest,
        RestoreInfo,
        backup_due,
        create_backup,
        last_backup,
        manifest_path,
        read_manifest,
        restore_backup,
    )
    from assessment_app.lifecycle.retention import (
        RetentionItem,
        RetentionPlan,
        RetentionResult,
        apply_retention,
        cutoff_date,
        plan_retention,
    )
    from assessment_app.lifecycle.settings import RetentionSettings, load_retention_settings
    from assessment_app.lifecycle.state import StateStore
    from assessment_app.lifecycle.subject_access_pdf import render_subject_access_pdf
