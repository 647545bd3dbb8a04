"""``assessment-app server set-password|check``: the database server connection (the password
kept in the OS keyring; is the server reachable)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from sqlalchemy.engine import make_url

from assessment_app.cli.common import connect_url, database_url
from assessment_app.errors import ConfigurationError, ValidationError

SERVER_PASSWORD_ENV = "ASSESSMENT_SERVER_PASSWORD"  # noqa: S105 - an environment variable name


def register(sub: Any) -> None:
    server = sub.add_parser("server", help="database server connection").add_subparsers(
        dest="server_cmd", metavar="ACTION"
    )
    server.required = True
    p = server.add_parser(
        "set-password", help=f"keep the server password in the OS keyring ({SERVER_PASSWORD_ENV})"
    )
    p.add_argument("url", help="the server URL without password")
    p.set_defaults(handler=cmd_server_set_password)
    p = server.add_parser("check", help="is the database server reachable?")
    p.set_defaults(handler=cmd_server_check)
    p = server.add_parser(
        "setup-roles",
        help="print (or --run) the SQL for an owner role and a least-privilege runtime role",
    )
    p.add_argument("--owner", default="assessment_owner", help="role for migrations")
    p.add_argument("--runtime", default="assessment_app", help="role the app runs as")
    p.add_argument(
        "--run", action="store_true", help="run it now (connected as a server administrator)"
    )
    p.set_defaults(handler=cmd_server_setup_roles)


def cmd_server_set_password(args: argparse.Namespace) -> int:
    from assessment_app.credentials import CredentialStore

    url = make_url(args.url)
    if url.get_backend_name() == "sqlite":
        raise ValidationError(
            "A local database file has no server password.",
            "En lokal databasfil har inget serverlösenord.",
        )
    if url.password:
        raise ValidationError(
            "Give the URL without the password; it is asked for separately.",
            "Ange adressen utan lösenord; lösenordet efterfrågas separat.",
        )
    store = CredentialStore()
    store.check()  # a clear message when there is no secure keyring, before asking
    password = os.environ.get(SERVER_PASSWORD_ENV)
    if not password:
        if sys.stdin is None or not sys.stdin.isatty():
            raise ConfigurationError(
                f"No password: set {SERVER_PASSWORD_ENV} or run the command in a terminal.",
                f"Inget lösenord: sätt {SERVER_PASSWORD_ENV} eller kör kommandot i en terminal.",
            )
        password = getpass.getpass("Serverns lösenord / Server password: ")
    store.set_server_password(url, password)
    print(f"Lösenordet för {CredentialStore.server_key(url)[3:]} är sparat i nyckelringen.")
    return 0


def cmd_server_check(args: argparse.Namespace) -> int:
    from assessment_app.db.engine import Database
    from assessment_app.server import health

    db = Database.open(connect_url(args))
    try:
        health.check_reachable(db)
    finally:
        db.dispose()
    print(f"Servern svarar: {make_url(database_url(args)).render_as_string(hide_password=True)}")
    return 0


def cmd_server_setup_roles(args: argparse.Namespace) -> int:
    """The SQL of :mod:`assessment_app.server.roles`: printed, or run with ``--run``."""
    from sqlalchemy import create_engine

    from assessment_app.server import roles

    url = make_url(connect_url(args))
    names = roles.RoleNames(args.owner, args.runtime)
    if not args.run:
        for statement in roles.setup_sql(url, names):
            print(statement + ";")
        print(
            "-- Sätt riktiga lösenord i stället för CHANGE-ME. Kör migreringar som "
            f"{names.owner}, appen som {names.runtime}. Se docs/server-setup.md.",
            file=sys.stderr,
        )
        return 0
    from assessment_app.db.connection import secure_server_url

    engine = create_engine(secure_server_url(url))
    try:
        roles.run_setup(engine, names)
    finally:
        engine.dispose()
    print(
        f"Rollerna {names.owner} och {names.runtime} är uppsatta (lösenord CHANGE-ME: byt dem "
        "nu, t.ex. ALTER ROLE ... PASSWORD ...)."
    )
    return 0
