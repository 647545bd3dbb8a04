"""A scratch PostgreSQL database on 127.0.0.1 for the benchmarks that need a server.

Created here and dropped afterwards, like tests/conftest.py does it. Without a reachable
server the benchmark says so plainly and is skipped (its figures are not measured); with
CI=true that is an error instead.

The database is set up as its administrator, as ``init`` is (:func:`as_administrator`), and
measured as the app runs day to day: as the runtime role that ``server setup-roles`` makes
(:func:`runtime_role`).
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
def as_administrator() -> Iterator[None]:
    """Setting the scratch database up (schema, accounts, cases) as the server's
    administrator, as ``init`` is: the app's refusal of a privileged role is lifted for that
    only."""
    from assessment_app.server.roles import ALLOW_PRIVILEGED_ENV

    before = os.environ.get(ALLOW_PRIVILEGED_ENV)
    os.environ[ALLOW_PRIVILEGED_ENV] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ALLOW_PRIVILEGED_ENV, None)
        else:
            os.environ[ALLOW_PRIVILEGED_ENV] = before


@contextmanager
def runtime_role(url: str) -> Iterator[str]:
    """The URL of the runtime role on the scratch database ``url`` (whose schema exists),
    made as ``server setup-roles --run`` makes it; the roles are dropped afterwards (they
    belong to the whole server)."""
    from assessment_app.server import roles

    suffix = uuid.uuid4().hex[:8]
    names = roles.RoleNames(f"aa_bench_owner_{suffix}", f"aa_bench_app_{suffix}")
    password = f"bench-{uuid.uuid4().hex}"
    admin_url = make_url(url)
    admin = create_engine(admin_url)
    try:
        roles.run_setup(
            admin, names, owner_password=f"bench-{uuid.uuid4().hex}", runtime_password=password
        )
        yield admin_url.set(username=names.runtime, password=password).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as conn:  # only the roles that were made (a failed setup made none)
            for role in (names.runtime, names.owner):
                made = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
                if made.first() is not None:
                    conn.execute(text(f'DROP OWNED BY "{role}"'))
                    conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


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
