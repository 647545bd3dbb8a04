"""``assessment-app rollback status|accept``: has the database gone back in time (a restored
old copy), compared with this installation's anchor; accept it as it is now."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assessment_app.cli.common import note_rollback_checked, say, signed_in


def register(sub: Any) -> None:
    rb = sub.add_parser("rollback", help="rollback detection").add_subparsers(
        dest="rollback_cmd", metavar="ACTION"
    )
    rb.required = True
    rb.add_parser("status", help="compare the database with this installation").set_defaults(
        handler=cmd_rollback_status
    )
    rb.add_parser("accept", help="accept the database as it is now (administrator)").set_defaults(
        handler=cmd_rollback_accept
    )


def cmd_rollback_status(args: argparse.Namespace) -> int:
    from assessment_app.workspace import Workspace

    ctx = signed_in(args)
    status = Workspace(ctx).admin.check_rollback()
    note_rollback_checked(ctx)
    if status.state == "ok":
        print(
            say(
                args,
                f"OK: databasen har bara gått framåt (logghändelse {status.current_seq}).",
                f"OK: the database only moved forward (audit entry {status.current_seq}).",
            )
        )
        return 0
    if status.state == "unknown" and not status.warning:
        print(
            say(
                args,
                "Ingen kontrollpunkt för databasen på den här datorn än.",
                "No checkpoint for this database on this computer yet.",
            )
        )
        return 0
    print(status.message(args.lang), file=sys.stderr)
    return 1


def cmd_rollback_accept(args: argparse.Namespace) -> int:
    from assessment_app.workspace import Workspace

    ctx = signed_in(args)
    note_rollback_checked(ctx)
    status = Workspace(ctx).admin.accept_rollback()
    print(
        say(
            args,
            f"Databasen är godtagen som den är nu (logghändelse {status.current_seq}).",
            f"The database is accepted as it is now (audit entry {status.current_seq}).",
        )
    )
    return 0
