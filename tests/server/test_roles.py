"""Least privilege: the runtime role works the app but cannot edit or remove audit rows."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from assessment_app.server import roles
from tests.conftest import World
from tests.server.conftest import ON_SERVERS


@ON_SERVERS
def test_the_runtime_role_cannot_update_or_delete_audit_rows(
    server_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = make_url(server_world.url)
    suffix = uuid.uuid4().hex[:8]
    names = roles.RoleNames(f"aa_owner_{suffix}", f"aa_app_{suffix}")
    admin = create_engine(url)
    password = "runtime-pw-" + suffix
    try:
        roles.run_setup(
            admin, names, owner_password="owner-pw-" + suffix, runtime_password=password
        )
        runtime_url = url.set(username=names.runtime, password=password)
        if url.get_backend_name() != "postgresql":
            runtime_url = runtime_url.set(host="127.0.0.1")
        from assessment_app import accounts
        from assessment_app.db.engine import Database
        from assessment_app.errors import ConfigurationError
        from assessment_app.workspace import Workspace

        monkeypatch.delenv(roles.ALLOW_PRIVILEGED_ENV)
        # Day to day, not as a superuser ...
        with pytest.raises(ConfigurationError, match="runtime role"):
            server_world.workspace("anna")
        db = Database.open(runtime_url.render_as_string(hide_password=False))
        # ... but as the runtime role: sign in (which appends to the audit trail) and work.
        ctx = accounts.sign_in(db, "anna", "worker-password-1")
        ws = Workspace(ctx)
        ws.cases.create(name="Person Roll")
        assert ws.admin is not None
        with db.engine.connect() as conn:
            for statement in (
                "UPDATE audit_events SET detail = 'edited' WHERE seq = 1",
                "DELETE FROM audit_events WHERE seq = 1",
                "DROP TABLE cases",
                "ALTER TABLE cases ADD COLUMN x INTEGER",
            ):
                with pytest.raises(Exception, match=r"(?i)denied|permission|must be owner"):
                    conn.execute(text(statement))
                conn.rollback()
            assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar()
        db.dispose()
    finally:
        with admin.begin() as conn:
            if url.get_backend_name() == "postgresql":
                for role in (names.runtime, names.owner):
                    conn.execute(text(f"DROP OWNED BY {role}"))
            for role in (names.runtime, names.owner):
                if url.get_backend_name() == "postgresql":
                    conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
                else:
                    conn.execute(text(f"DROP USER IF EXISTS '{role}'@'%'"))
        admin.dispose()


def test_role_names_are_checked() -> None:
    from assessment_app.errors import ValidationError

    with pytest.raises(ValidationError):
        roles.postgresql_sql("db", roles.RoleNames("x; DROP", "app"))
