"""Count the SQL statements an engine sends, exactly, with SQLAlchemy's
``before_cursor_execute`` event.

Every cursor execution counts as one statement, except transaction control: statements whose
first word is BEGIN (also BEGIN IMMEDIATE), COMMIT, ROLLBACK (also ROLLBACK TO SAVEPOINT),
SAVEPOINT or RELEASE. An ``executemany`` is one call into the driver and counts as one; it is
also counted in ``executemany``. Commits and rollbacks that SQLAlchemy does through the driver's
``commit()``/``rollback()`` never pass the event and so are not counted either.

    with StatementCounter(db.engine) as counter:
        do_something()
    counter.count, counter.statements

Set ``BENCH_SQL_VERBOSE=1`` to print every counted statement (benchmarks that use this do).
"""

from __future__ import annotations

import os
from types import TracebackType
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"})
VERBOSE = os.environ.get("BENCH_SQL_VERBOSE", "") not in ("", "0")


def is_transaction_control(statement: str) -> bool:
    words = statement.lstrip().split(None, 1)
    return bool(words) and words[0].rstrip(";").upper() in TRANSACTION_CONTROL


class StatementCounter:
    """Counts statements on ``engine`` (every connection of its pool) while in the block."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[str] = []
        self.skipped = 0  # transaction control, seen but not counted
        self.executemany = 0

    @property
    def count(self) -> int:
        return len(self.statements)

    def _before(
        self,
        _conn: Any,
        _cursor: Any,
        statement: str,
        _parameters: Any,
        _context: Any,
        executemany: bool,
    ) -> None:
        if is_transaction_control(statement):
            self.skipped += 1
            return
        self.statements.append(" ".join(statement.split()))
        self.executemany += bool(executemany)

    def __enter__(self) -> StatementCounter:
        self.statements = []
        self.skipped = 0
        self.executemany = 0
        event.listen(self.engine, "before_cursor_execute", self._before)
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)

    def report(self, name: str) -> None:
        """Print the counted statements (only with BENCH_SQL_VERBOSE=1)."""
        if not VERBOSE:
            return
        print(f"  {name}: {self.count} statements")
        for number, statement in enumerate(self.statements, start=1):
            print(f"    {number:>2}. {statement[:160]}")
