"""``assessment-app backup`` and ``restore``: a checked copy of a local database file, and
restoring one into a new file (the audit chain is checked on the way)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assessment_app.cli.common import connect_url, read_password, say, workspace
from assessment_app.errors import ConfigurationError


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="a checked copy of a local database file")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace an existing backup file")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="restore a backup into a new database file")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--to", required=True, metavar="NEW_DB_PATH")
    p.add_argument("--force", action="store_true", help="replace an existing file at --to")
    p.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from assessment_app.lifecycle.backup import sqlite_path_of

    sqlite_path_of(connect_url(args))  # a server URL is refused before connecting
    ws = workspace(args)
    try:
        info = ws.admin.backup(args.out, overwrite=args.force)
    finally:
        ws.db.dispose()
    print(
        say(
            args,
            f"Säkerhetskopian är sparad: {info.path}\nManifest: {info.manifest}\n"
            f"SHA-256: {info.sha256}",
            f"The backup is saved: {info.path}\nManifest: {info.manifest}\nSHA-256: {info.sha256}",
        )
    )
    print(
        say(
            args,
            "Förvara båda filerna tillsammans, på en annan plats än datorn.",
            "Keep both files together, somewhere other than this computer.",
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from assessment_app.lifecycle.backup import restore_backup, restore_target

    if not args.user:
        raise ConfigurationError(
            "Say who you are with --user NAME: the restore signs in to check the audit trail.",
            "Ange vem du är med --user NAMN: återställningen loggar in för att kontrollera loggen.",
        )
    target = restore_target(args.to)
    info = restore_backup(args.file, target, args.user, read_password(), force=args.force)
    print(
        say(
            args,
            f"Säkerhetskopian är kontrollerad och återställd till {info.path} "
            f"(gjord {info.created_at}, {info.audit_entries} loggposter, kedjan är hel).",
            f"The backup was checked and restored to {info.path} "
            f"(made {info.created_at}, {info.audit_entries} audit entries, the chain is whole).",
        )
    )
    if info.rollback.warning:
        print(info.rollback.message(args.lang), file=sys.stderr)
        print(
            say(
                args,
                "Om återställningen var avsiktlig och den här kopian ska användas framöver: "
                f"assessment-app --database sqlite:///{info.path} --user ADMIN rollback accept",
                "If the restore was deliberate and this copy is to be used from now on: "
                f"assessment-app --database sqlite:///{info.path} --user ADMIN rollback accept",
            ),
            file=sys.stderr,
        )
    return 0
