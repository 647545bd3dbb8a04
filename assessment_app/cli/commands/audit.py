"""``assessment-app audit verify``: check the audit trail's hash chain."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assessment_app.cli.common import workspace


def register(sub: Any) -> None:
    audit_p = sub.add_parser("audit", help="audit trail").add_subparsers(
        dest="audit_cmd", metavar="ACTION"
    )
    audit_p.required = True
    audit_p.add_parser("verify", help="check the hash chain").set_defaults(handler=cmd_audit_verify)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    result = workspace(args).admin.verify_audit()
    if result.ok:
        extra = f" ({result.unsealed} ännu inte förseglade)" if result.unsealed else ""
        print(f"OK: {result.entries} loggposter, kedjan är hel{extra}.")
        return 0
    print(f"FEL: loggen är manipulerad eller skadad: {result.problem}", file=sys.stderr)
    if result.first_bad_seq is not None:
        print(f"Första felaktiga post: {result.first_bad_seq}", file=sys.stderr)
    return 1
