"""What municipal IT does on the server, for tests: roles, killing connections, lockouts."""

from __future__ import annotations

import time
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import MARIADB_ADMIN_URL, PG_ADMIN_URL

APP_PW = "app-role-password-1"


class ServerAdmin:
    """An administrator connection to the server that holds ``url``'s database."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.kind = "postgresql" if parsed.get_backend_name() == "postgresql" else "mariadb"
        self.database = str(parsed.database)
        self.url = parsed
        admin = PG_ADMIN_URL if self.kind == "postgresql" else MARIADB_ADMIN_URL
        self.engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        self.roles: list[str] = []

    def run(self, *statements: str) -> None:
        with self.engine.connect() as conn:
            for s in statements:
                conn.execute(text(s))

    def run_in_database(self, *statements: str) -> None:
        engine = create_engine(
            make_url(self.engine.url).set(database=self.database), isolation_level="AUTOCOMMIT"
        )
        try:
            with engine.connect() as conn:
                for s in statements:
                    conn.execute(text(s))
        finally:
            engine.dispose()

    def _sessions(self) -> list[int]:
        with self.engine.connect() as conn:
            if self.kind == "postgresql":
                q = (
                    "SELECT pid FROM pg_stat_activity "
                    "WHERE datname = :db AND pid <> pg_backend_pid()"
                )
            else:
                q = (
                    "SELECT id FROM information_schema.processlist "
                    "WHERE db = :db AND id <> CONNECTION_ID()"
                )
            return [int(r[0]) for r in conn.execute(text(q), {"db": self.database})]

    def kill_connections(self) -> int:
        """Terminate every connection to the database from the server side; wait until gone."""
        pids = self._sessions()
        with self.engine.connect() as conn:
            for pid in pids:
                if self.kind == "postgresql":
                    conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})
                else:
                    conn.execute(text(f"KILL {pid}"))
        deadline = time.monotonic() + 10
        while set(pids) & set(self._sessions()) and time.monotonic() < deadline:
            time.sleep(0.05)
        return len(pids)

    # --- roles as docs/server-setup.md describes them ---------------------------------------
    def make_roles(self) -> tuple[str, str]:
        """An owner role (migrations) and an app role (DML only). Returns both URLs."""
        suffix = uuid.uuid4().hex[:8]
        owner, app = f"aa_owner_{suffix}", f"aa_app_{suffix}"
        db = self.database
        if self.kind == "postgresql":
            self.run(
                f"CREATE ROLE {owner} LOGIN PASSWORD '{APP_PW}'",
                f"CREATE ROLE {app} LOGIN PASSWORD '{APP_PW}'",
                f'ALTER DATABASE "{db}" OWNER TO {owner}',
                f'REVOKE ALL ON DATABASE "{db}" FROM PUBLIC',
                f'GRANT CONNECT ON DATABASE "{db}" TO {app}',
            )
            self.run_in_database(
                f"ALTER SCHEMA public OWNER TO {owner}",
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                f"GRANT USAGE ON SCHEMA public TO {app}",
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
                f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
            )
        else:
            self.run(
                f"CREATE USER '{owner}'@'%' IDENTIFIED BY '{APP_PW}'",
                f"CREATE USER '{app}'@'%' IDENTIFIED BY '{APP_PW}'",
                f"GRANT ALL PRIVILEGES ON `{db}`.* TO '{owner}'@'%'",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON `{db}`.* TO '{app}'@'%'",
            )
        self.roles += [owner, app]
        return (
            self.url.set(username=owner, password=APP_PW).render_as_string(hide_password=False),
            self.url.set(username=app, password=APP_PW).render_as_string(hide_password=False),
        )

    def lock(self, role: str, locked: bool) -> None:
        """Refuse (or allow again) new logins of a role: the server is 'gone' for the app."""
        if self.kind == "postgresql":
            self.run(f"ALTER ROLE {role} {'NOLOGIN' if locked else 'LOGIN'}")
        else:
            self.run(f"ALTER USER '{role}'@'%' ACCOUNT {'LOCK' if locked else 'UNLOCK'}")

    def close(self) -> None:
        for role in reversed(self.roles):
            try:
                if self.kind == "postgresql":
                    self.run_in_database(f"DROP OWNED BY {role}")
                    self.run(f'ALTER DATABASE "{self.database}" OWNER TO CURRENT_USER')
                    self.run(f"DROP ROLE IF EXISTS {role}")
                else:
                    self.run(f"DROP USER IF EXISTS '{role}'@'%'")
            except Exception as exc:  # clean-up must not hide the test's own failure
                print(f"clean-up of role {role} failed: {type(exc).__name__}")
        self.engine.dispose()
