"""``assessment-app template check``: validate interview template files."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assessment_app.errors import AppError


def register(sub: Any) -> None:
    tpl = sub.add_parser("template", help="interview templates").add_subparsers(
        dest="tpl_cmd", metavar="ACTION"
    )
    tpl.required = True
    p = tpl.add_parser("check", help="validate template files")
    p.add_argument("files", nargs="+")
    p.set_defaults(handler=cmd_template_check)


def cmd_template_check(args: argparse.Namespace) -> int:
    try:
        from assessment_app.templates.check import check_main
    except ImportError as exc:  # pragma: no cover - the package ships with the app
        raise AppError(f"Template support is missing: {exc}") from None
    return check_main(list(args.files), sys.stdout, sys.stderr)
