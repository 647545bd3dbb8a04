"""``assessment-app db upgrade``: migrate the database to the newest schema."""

from __future__ import annotations

import argparse
from typing import Any

from assessment_app.cli.common import connect_url
from assessment_app.db.engine import Database


def register(sub: Any) -> None:
    db_p = sub.add_parser("db", help="database schema").add_subparsers(
        dest="db_cmd", metavar="ACTION"
    )
    db_p.required = True
    db_p.add_parser("upgrade", help="migrate to the newest schema").set_defaults(
        handler=cmd_db_upgrade
    )


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = Database.open(connect_url(args), allow_old_schema=True)
    try:
        backup = db.upgrade()
    finally:
        db.dispose()
    if backup:
        print(f"Databasen är uppgraderad. Säkerhetskopia före uppgraderingen: {backup}")
    else:
        print("Databasen har redan det senaste schemat.")
    return 0
