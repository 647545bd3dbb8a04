"""``assessment-app audit verify``: check the audit trail's hash chain."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assessment_app.audit import problem_text
from assessment_app.cli.common import say, workspace


def register(sub: Any) -> None:
    audit_p = sub.add_parser("audit", help="audit trail").add_subparsers(
        dest="audit_cmd", metavar="ACTION"
    )
    audit_p.required = True
    audit_p.add_parser("verify", help="check the hash chain").set_defaults(handler=cmd_audit_verify)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    result = workspace(args).admin.verify_audit()
    if result.ok:
        extra_sv = f" ({result.unsealed} ännu inte förseglade)" if result.unsealed else ""
        extra_en = f" ({result.unsealed} not sealed yet)" if result.unsealed else ""
        print(
            say(
                args,
                f"OK: {result.entries} loggposter, kedjan är hel{extra_sv}.",
                f"OK: {result.entries} audit entries, the chain is whole{extra_en}.",
            )
        )
        return 0
    problem = result.problem or ""
    print(
        say(
            args,
            f"FEL: loggen är manipulerad eller skadad: {problem_text(problem, 'sv')}",
            f"ERROR: the audit trail was tampered with or damaged: {problem}",
        ),
        file=sys.stderr,
    )
    if result.first_bad_seq is not None:
        print(
            say(
                args,
                f"Första felaktiga post: {result.first_bad_seq}",
                f"First bad entry: {result.first_bad_seq}",
            ),
            file=sys.stderr,
        )
    return 1
