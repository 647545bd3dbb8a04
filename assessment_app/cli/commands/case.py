"""``assessment-app case create``: open a case from the command line.

A personnummer that is already known joins the new case to that person's record (one person
across cases); the command says so, and that the person's stored name was kept.
"""

from __future__ import annotations

import argparse
from typing import Any

from assessment_app.cli.common import say, workspace


def register(sub: Any) -> None:
    group = sub.add_parser("case", help="cases").add_subparsers(dest="case_cmd", metavar="ACTION")
    p = group.add_parser("create", help="open a case for a person")
    p.add_argument("--name", required=True)
    p.add_argument("--personnummer")
    p.set_defaults(handler=cmd_case_create)


def cmd_case_create(args: argparse.Namespace) -> int:
    ws = workspace(args)
    row = ws.cases.create(name=args.name, personnummer=args.personnummer or None)
    print(say(args, f"Ärendet {row.case_ref} är upplagt.", f"Case {row.case_ref} is opened."))
    if row.attached:
        print(
            say(
                args,
                "Personen fanns redan (samma personnummer): ärendet är kopplat till personens "
                "befintliga uppgifter, och det namn som redan fanns är kvar.",
                "The person was already known (same personnummer): the case is joined to "
                "their existing record, and the name already stored is kept.",
            )
        )
    return 0
