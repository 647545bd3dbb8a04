"""Is the database server there? The probe and the connection-loss rule live in
:mod:`assessment_app.db.connection`; this is the server-mode view of them."""

from __future__ import annotations

from assessment_app.db.connection import (
    PROBE_TIMEOUT_S,
    is_reachable,
    server_errors,
    unavailable,
)
from assessment_app.db.engine import Database

DEFAULT_TIMEOUT_S = PROBE_TIMEOUT_S

__all__ = ["check_reachable", "is_reachable", "server_errors", "unavailable"]


def check_reachable(db: Database, timeout: float = DEFAULT_TIMEOUT_S) -> None:
    if not is_reachable(db, timeout):
        raise unavailable(db)
