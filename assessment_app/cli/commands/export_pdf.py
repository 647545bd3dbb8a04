"""``assessment-app export-pdf``: the action plan as PDF, for the individual or a provider."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assessment_app.cli.common import workspace
from assessment_app.errors import ConfigurationError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export-pdf", help="the action plan as PDF, for the individual or a provider"
    )
    p.add_argument("case_ref")
    p.add_argument("--audience", required=True, choices=("individual", "provider"))
    p.add_argument("--provider", metavar="NAME", help="the provider (with --audience provider)")
    p.add_argument("--language", choices=("sv", "en"), default="sv")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument(
        "--unapproved-reason",
        metavar="TEXT",
        help="why a provider's copy is made before the plan is approved (kept and audited)",
    )
    p.set_defaults(handler=cmd_export_pdf)


def cmd_export_pdf(args: argparse.Namespace) -> int:
    if args.audience == "provider" and not args.provider:
        raise ConfigurationError(
            "Name the provider with --provider NAME.", "Ange utföraren med --provider NAMN."
        )
    ws = workspace(args)
    built = ws.documents.export(
        args.case_ref,
        args.audience,
        args.out,
        provider_name=args.provider,
        language=args.language,
        unapproved_reason=args.unapproved_reason,
    )
    print(f"Handlingsplanen är sparad i {args.out}")
    if built.omitted_actions:
        print(
            f"{built.omitted_actions} av utförarens insatser ligger utanför samtycket och "
            "togs inte med."
        )
    return 0
