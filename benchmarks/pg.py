"""A scratch PostgreSQL database on 127.0.0.1 for the benchmarks that need a server.

Created here and dropped afterwards, like tests/conftest.py does it. Without a reachable
server the benchmark says so plainly and is skipped (its figures are not measured); with
CI=true that is an error instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ADMIN_URL = os.environ.get(
    "ASSESSMENT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@contextmanager
def scratch_database(benchmark: str) -> Iterator[str | None]:
    """The URL of a new, empty database, or None (after saying why) when there is no server."""
    admin_url = make_url(PG_ADMIN_URL)
    if admin_url.host not in LOOPBACK:
        raise SystemExit(f"{benchmark} runs against a server on 127.0.0.1 only")
    name = f"aa_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'"))
    except Exception as error:
        admin.dispose()
        reason = (
            f"PostgreSQL is not reachable at {admin_url.host}:{admin_url.port or 5432} "
            f"({type(error).__name__})"
        )
        if IN_CI:
            raise RuntimeError(f"{reason}; CI requires {benchmark}") from None
        print(f"  SKIPPED {benchmark}: {reason}; its figures are not measured")
        yield None
        return
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
