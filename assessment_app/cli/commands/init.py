"""``assessment-app init``: create the database and the first administrator."""

from __future__ import annotations

import argparse
from typing import Any

from assessment_app import accounts
from assessment_app.cli.common import connect_url, read_new_password
from assessment_app.db.engine import Database


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="create the database and the first administrator")
    p.add_argument("--admin", required=True, metavar="NAME")
    p.add_argument("--unit", metavar="UNIT", help="the administrator's unit (created)")
    p.set_defaults(handler=cmd_init)


def cmd_init(args: argparse.Namespace) -> int:
    password = read_new_password("ASSESSMENT_PASSWORD")
    accounts.validate_password(password)
    db = Database.create(connect_url(args))
    try:
        recovery = accounts.initialise(db, args.admin, password, unit_name=args.unit)
    finally:
        db.dispose()
    print(f"Databasen är skapad: {db.display_name}")
    print(f"Administratör: {args.admin}")
    print()
    print("ÅTERSTÄLLNINGSNYCKEL / RECOVERY KEY (visas bara nu / shown only now):")
    print(f"    {recovery}")
    print("Skriv ut den eller förvara den säkert, skild från datorn. Den låser upp alla")
    print("uppgifter om alla lösenord glöms bort. / Print it or store it safely, away from")
    print("this computer. It unlocks all records if every password is lost.")
    return 0
