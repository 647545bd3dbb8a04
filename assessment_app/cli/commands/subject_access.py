"""``assessment-app subject-access``: everything stored about a case's individual (GDPR art. 15),
as PDF or JSON (``--format``, else from the file name)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assessment_app.cli.common import say, signed_in_checked
from assessment_app.fileio import dump_json, write_private_file


def register(sub: Any) -> None:
    p = sub.add_parser("subject-access", help="export everything stored about a case's individual")
    p.add_argument("case_ref")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument(
        "--format", choices=("pdf", "json"), help="default: from the file name (.pdf gives PDF)"
    )
    p.set_defaults(handler=cmd_subject_access)


def cmd_subject_access(args: argparse.Namespace) -> int:
    from assessment_app.records import subject_access

    out: Path = args.out
    fmt = args.format or ("pdf" if out.suffix.lower() == ".pdf" else "json")
    ctx = signed_in_checked(args)
    if fmt == "pdf":
        from assessment_app.lifecycle.subject_access_pdf import export_subject_access_pdf

        export_subject_access_pdf(ctx, args.case_ref, out)
    else:
        write_private_file(out, dump_json(subject_access.export(ctx, args.case_ref)))
    print(
        say(args, f"Registerutdraget är sparat i {out}", f"The subject access export is in {out}")
    )
    return 0
