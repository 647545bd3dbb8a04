"""``assessment-app transfer export|import|close``: move a case to another database in an
encrypted file; the passphrase comes from ``ASSESSMENT_TRANSFER_PASSPHRASE`` or a prompt."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from assessment_app.cli.common import workspace
from assessment_app.errors import ConfigurationError

PASSPHRASE_ENV = "ASSESSMENT_TRANSFER_PASSPHRASE"  # noqa: S105 - an environment variable name


def register(sub: Any) -> None:
    transfer = sub.add_parser("transfer", help="move a case to another database").add_subparsers(
        dest="transfer_cmd", metavar="ACTION"
    )
    transfer.required = True
    p = transfer.add_parser("export", help=f"write an encrypted transfer file ({PASSPHRASE_ENV})")
    p.add_argument("case_ref")
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(handler=cmd_transfer_export)
    p = transfer.add_parser("import", help="import a transfer file into this database")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_transfer_import)
    p = transfer.add_parser("close", help="close a transferred case ('överförd till server')")
    p.add_argument("case_ref")
    p.set_defaults(handler=cmd_transfer_close)


def _passphrase(confirm: bool) -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("Lösenfras för överföringen / Transfer passphrase: ")
        if confirm and first != getpass.getpass("Upprepa / Repeat: "):
            raise ConfigurationError("The passphrases do not match.", "Lösenfraserna stämmer inte.")
        return first
    raise ConfigurationError(
        f"No passphrase: set {PASSPHRASE_ENV} or run the command in a terminal.",
        f"Ingen lösenfras: sätt {PASSPHRASE_ENV} eller kör kommandot i en terminal.",
    )


def cmd_transfer_export(args: argparse.Namespace) -> int:
    result = workspace(args).admin.export_case(args.case_ref, args.out, _passphrase(True))
    print(f"Ärendet {result.case_ref} är sparat krypterat i {args.out}.")
    print("Lämna lösenfrasen skild från filen (t.ex. muntligt). När importen på servern är klar:")
    print(f"  assessment-app transfer close {result.case_ref}")
    return 0


def cmd_transfer_import(args: argparse.Namespace) -> int:
    result = workspace(args).admin.import_case(args.file, _passphrase(False))
    print(
        f"Importerat som {result.case_ref} (från {result.source_case_ref}): "
        f"{result.assessments} kartläggningar, {result.plans} planer, "
        f"{result.consents} samtycken, {result.follow_ups} uppföljningar."
    )
    if result.known_person:
        print(
            "Personen fanns redan här (samma personnummer): ärendet är kopplat till personens "
            "befintliga uppgifter; kontrollera namn och kontaktuppgifter."
        )
    if result.unknown_reviewers:
        print(
            f"{result.unknown_reviewers} granskningsbeslut gjordes av användare som inte finns "
            "här; de visas utan namn."
        )
    return 0


def cmd_transfer_close(args: argparse.Namespace) -> int:
    from assessment_app.server.transfer import CLOSE_REASON

    workspace(args).admin.close_transferred(args.case_ref)
    print(f"Ärendet {args.case_ref} är avslutat: {CLOSE_REASON}.")
    return 0
