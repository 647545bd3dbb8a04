"""The use-case layer: one door through which every screen and every command reaches the
records. See :mod:`assessment_app.workspace.workspace`."""

from __future__ import annotations

from assessment_app.workspace.results import Conflict, KeptLocally, NotKept, Saved, SaveResult
from assessment_app.workspace.unit import RuleViolation, UnitOfWork
from assessment_app.workspace.workspace import UIThreadError, Workspace

__all__ = [
    "Conflict",
    "KeptLocally",
    "NotKept",
    "RuleViolation",
    "SaveResult",
    "Saved",
    "UIThreadError",
    "UnitOfWork",
    "Workspace",
]
