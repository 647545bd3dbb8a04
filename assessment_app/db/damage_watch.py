"""Report damaged values as rows are loaded: one place, for every table.

The column types (:mod:`assessment_app.db.types`) read a value that is not what the app wrote
as a damaged stand-in; a NULL where the schema allows none is one too. When the ORM loads a
row, each such value is replaced by its stand-in and reported to the session's unit of work
(``uow.damaged``: marked, logged, and audited with the transaction or right after the read),
so one damaged value costs that value, never the screen or the rest of the data.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ColumnProperty
from sqlalchemy.orm.attributes import set_committed_value

from assessment_app.damage import DamagedValue

log = logging.getLogger(__name__)


def stand_in_for(column: Any) -> object:
    """The damaged stand-in for a value of ``column``'s type."""
    from assessment_app.db import types

    stand_in = getattr(column.type, "stand_in", None)
    return stand_in() if stand_in is not None else types.DamagedStr()


def _row_id(state: Any) -> str:
    identity = state.identity or ()
    return "/".join(str(part) for part in identity) or "?"


def _on_load(target: Any, context: Any) -> None:
    state = inspect(target)
    found: list[tuple[str, str]] = []
    for prop in state.mapper.iterate_properties:
        if not isinstance(prop, ColumnProperty) or len(prop.columns) != 1:
            continue
        column: Any = prop.columns[0]
        value = state.dict.get(prop.key, ...)
        if value is ...:
            continue  # deferred or not loaded
        if isinstance(value, DamagedValue):
            found.append((column.table.name, column.name))
        elif value is None and not column.nullable and not column.primary_key:
            set_committed_value(target, prop.key, stand_in_for(column))
            found.append((column.table.name, column.name))
    if not found:
        return
    session = getattr(context, "session", None)
    uow = session.info.get("uow") if session is not None else None
    for table, column_name in found:
        if uow is not None:
            uow.damaged_on_load(table, column_name, _row_id(state))
        else:
            log.warning("damaged value in %s.%s row %s", table, column_name, _row_id(state))


def watch(base: type[Any]) -> None:
    event.listen(base, "load", _on_load, propagate=True)
