"""Alembic environment: always runs on a connection handed over by the app."""

from __future__ import annotations

import logging
from typing import Any

from alembic import context
from sqlalchemy.exc import DBAPIError

from assessment_app.db.models import Base

log = logging.getLogger("assessment_app.db.migrations")

# MariaDB errors that mean "this schema change is already done": the table, column, index or
# foreign key exists already, or what is to be dropped is gone.
ALREADY_DONE = {
    1050: "table exists",
    1051: "table already dropped",
    1060: "column exists",
    1061: "index exists",
    1091: "already dropped",
    1826: "foreign key exists",
}


def resume_repeated_ddl(impl: Any) -> None:
    """Let an upgrade that was broken off on MariaDB be run again.

    MariaDB commits every DDL statement on its own (each one atomically), so a killed upgrade
    can stop inside a migration: some of its statements done, the recorded revision still the
    one before. Running the migration again then meets its own earlier work. A statement whose
    work is already there is skipped (logged), so the second run finishes the migration. Only
    DDL goes through here; a migration's data changes run in the upgrade's transaction.
    """
    run = impl._exec

    def _exec(construct: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return run(construct, *args, **kwargs)
        except DBAPIError as exc:
            code = exc.orig.args[0] if exc.orig is not None and exc.orig.args else None
            if code not in ALREADY_DONE:
                raise
            log.warning("upgrade resumed: a step was already done (%s)", ALREADY_DONE[code])
            return None

    impl._exec = _exec


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run through assessment_app.db.engine, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
if connection.dialect.name in ("mysql", "mariadb"):
    resume_repeated_ddl(context.get_context().impl)
with context.begin_transaction():
    context.run_migrations()
