"""``assessment-app subject-access``: everything stored about a case's individual (GDPR art. 15),
as PDF or JSON (``--format``, else from the file name)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assessment_app.cli.common import say, workspace
from assessment_app.damage import DAMAGED


def register(sub: Any) -> None:
    p = sub.add_parser(
        "subject-access", help="export everything stored about a person, across their cases"
    )
    p.add_argument("case_ref", metavar="CASE_REF|PERSONNUMMER")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument(
        "--format", choices=("pdf", "json"), help="default: from the file name (.pdf gives PDF)"
    )
    p.set_defaults(handler=cmd_subject_access)


def cmd_subject_access(args: argparse.Namespace) -> int:
    out: Path = args.out
    fmt = args.format or ("pdf" if out.suffix.lower() == ".pdf" else "json")
    ws = workspace(args)  # signs in; the rollback check runs first
    if fmt == "pdf":
        result = ws.documents.subject_access_pdf(args.case_ref, out)
    else:
        result = ws.documents.subject_access_json(args.case_ref, out)
    print(
        say(args, f"Registerutdraget är sparat i {out}", f"The subject access export is in {out}")
    )
    if result.damaged:
        print(
            say(
                args,
                f"{result.damaged} lagrade uppgifter gick inte att läsa; de är markerade "
                f"{DAMAGED} i utdraget.",
                f"{result.damaged} stored values could not be read; they are marked "
                f"{DAMAGED} in the export.",
            )
        )
    return 0
