"""Least privilege on the server: an owner role for migrations, a runtime role for the app.

``assessment-app server setup-roles`` prints (or, with ``--run``, runs as a server
administrator) the SQL made here. The runtime role may read and write the app's tables in the
app's database only, may not create, alter or drop anything, and may only INSERT and SELECT the
audit trail (no UPDATE, no DELETE): an insider with the app's credentials cannot remove a row.
Run the migrations (``db upgrade``) as the owner, the app day to day as the runtime role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import URL, Engine

from assessment_app.db.models import Base
from assessment_app.errors import ValidationError

AUDIT_TABLES = ("audit_events",)
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class RoleNames:
    owner: str
    runtime: str


def _check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValidationError(
            f"{name!r} is not a role name (lower-case letters, digits and _).",
            f"{name!r} är inget rollnamn (små bokstäver, siffror och _).",
        )
    return name


def _app_tables() -> list[str]:
    return [t.name for t in Base.metadata.sorted_tables] + ["alembic_version"]


def _pw(password: str | None) -> str:
    if password is None:
        return "'CHANGE-ME'"
    return "'" + password.replace("'", "''") + "'"


def postgresql_sql(
    database: str,
    names: RoleNames,
    *,
    owner_password: str | None = None,
    runtime_password: str | None = None,
) -> list[str]:
    """Statements for PostgreSQL, run by a superuser connected to ``database``."""
    owner, runtime = _check_name(names.owner), _check_name(names.runtime)
    db = '"' + database.replace('"', '""') + '"'
    tables = _app_tables()
    writable = [t for t in tables if t not in AUDIT_TABLES and t != "alembic_version"]
    sql = [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{owner}') THEN "
        f"CREATE ROLE {owner} LOGIN PASSWORD {_pw(owner_password)}; END IF; END $$",
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{runtime}') THEN "
        f"CREATE ROLE {runtime} LOGIN PASSWORD {_pw(runtime_password)}; END IF; END $$",
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {db} TO {owner}, {runtime}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE, CREATE ON SCHEMA public TO {owner}",
        f"GRANT USAGE ON SCHEMA public TO {runtime}",
    ]
    sql += [f'ALTER TABLE IF EXISTS "{t}" OWNER TO {owner}' for t in tables]
    sql += [f"ALTER SEQUENCE IF EXISTS {s} OWNER TO {owner}" for s in ("audit_events_seq_seq",)]
    sql += [f'GRANT SELECT, INSERT, UPDATE, DELETE ON "{t}" TO {runtime}' for t in writable]
    sql += [f'GRANT SELECT, INSERT ON "{t}" TO {runtime}' for t in AUDIT_TABLES]
    sql += [f'REVOKE UPDATE, DELETE, TRUNCATE ON "{t}" FROM {runtime}' for t in AUDIT_TABLES]
    sql += [
        f'GRANT SELECT ON "alembic_version" TO {runtime}',
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {runtime}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {runtime}",
    ]
    return sql


def mariadb_sql(
    database: str,
    names: RoleNames,
    *,
    host: str = "%",
    owner_password: str | None = None,
    runtime_password: str | None = None,
) -> list[str]:
    """Statements for MariaDB, run by an administrator (grants are per database and table)."""
    owner, runtime = _check_name(names.owner), _check_name(names.runtime)
    db = "`" + database.replace("`", "``") + "`"
    h = "'" + host.replace("'", "''") + "'"
    tables = _app_tables()
    writable = [t for t in tables if t not in AUDIT_TABLES and t != "alembic_version"]
    sql = [
        f"CREATE USER IF NOT EXISTS '{owner}'@{h} IDENTIFIED BY {_pw(owner_password)}",
        f"CREATE USER IF NOT EXISTS '{runtime}'@{h} IDENTIFIED BY {_pw(runtime_password)}",
        f"GRANT ALL PRIVILEGES ON {db}.* TO '{owner}'@{h}",
    ]
    sql += [
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {db}.`{t}` TO '{runtime}'@{h}" for t in writable
    ]
    sql += [f"GRANT SELECT, INSERT ON {db}.`{t}` TO '{runtime}'@{h}" for t in AUDIT_TABLES]
    sql += [f"GRANT SELECT ON {db}.`alembic_version` TO '{runtime}'@{h}"]
    return sql


def setup_sql(
    url: URL,
    names: RoleNames,
    *,
    owner_password: str | None = None,
    runtime_password: str | None = None,
) -> list[str]:
    backend = url.get_backend_name()
    if backend == "postgresql":
        return postgresql_sql(
            str(url.database),
            names,
            owner_password=owner_password,
            runtime_password=runtime_password,
        )
    if backend in ("mysql", "mariadb"):
        return mariadb_sql(
            str(url.database),
            names,
            owner_password=owner_password,
            runtime_password=runtime_password,
        )
    raise ValidationError(
        "Roles are set up on a PostgreSQL or MariaDB server, not for a local file.",
        "Roller sätts upp på en PostgreSQL- eller MariaDB-server, inte för en lokal fil.",
    )


def run_setup(
    engine: Engine,
    names: RoleNames,
    *,
    owner_password: str | None = None,
    runtime_password: str | None = None,
) -> list[str]:
    """Run the statements (as a server administrator); returns them."""
    statements = setup_sql(
        engine.url, names, owner_password=owner_password, runtime_password=runtime_password
    )
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    return statements


# --- day to day: not as the owner or a superuser -------------------------------------------

ALLOW_PRIVILEGED_ENV = "ASSESSMENT_ALLOW_PRIVILEGED_ROLE"


def privileged_reason(engine: Engine) -> str | None:
    """Why the connection's role is more than the runtime role (None when it is not)."""
    backend = engine.url.get_backend_name()
    with engine.connect() as conn:
        if backend == "postgresql":
            row = conn.execute(
                text(
                    "SELECT r.rolsuper, (SELECT tableowner FROM pg_tables "
                    "WHERE tablename = 'audit_events' LIMIT 1) = current_user "
                    "FROM pg_roles r WHERE r.rolname = current_user"
                )
            ).first()
            if row is not None and row[0]:
                return "superuser"
            if row is not None and row[1]:
                return "owner"
            return None
        if backend in ("mysql", "mariadb"):
            database = conn.execute(text("SELECT DATABASE()")).scalar() or ""
            for (grant,) in conn.execute(text("SHOW GRANTS FOR CURRENT_USER()")):
                line = str(grant).upper()
                on_all = " ON *.* " in line
                on_db = f" ON `{str(database).upper()}`.* " in line
                mighty = "ALL PRIVILEGES" in line or "DROP" in line or "ALTER" in line
                if (on_all or on_db) and mighty:
                    return "superuser" if on_all else "owner"
            return None
    return None


def refuse_privileged(engine: Engine) -> None:
    """Day to day the app runs as the runtime role; the owner or a superuser only when told
    (``ASSESSMENT_ALLOW_PRIVILEGED_ROLE=1``, e.g. for ``init`` and ``db upgrade``)."""
    import os

    if engine.url.get_backend_name() == "sqlite" or os.environ.get(ALLOW_PRIVILEGED_ENV) == "1":
        return
    reason = privileged_reason(engine)
    if reason is None:
        return
    from assessment_app.errors import ConfigurationError

    raise ConfigurationError(
        f"The app connects as the database {reason} ({engine.url.username}); day to day it runs "
        "as the runtime role (see docs/server-setup.md, `server setup-roles`). To do it anyway, "
        f"set {ALLOW_PRIVILEGED_ENV}=1.",
        f"Appen ansluter som databasens {'superanvändare' if reason == 'superuser' else 'ägare'} "
        f"({engine.url.username}); till vardags körs den som körrollen (se docs/server-setup.md, "
        f"`server setup-roles`). Sätt {ALLOW_PRIVILEGED_ENV}=1 för att ändå göra det.",
    )
