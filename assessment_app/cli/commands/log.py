"""``assessment-app log review``: who opened which case when; CSV for Excel with ``--out``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from assessment_app.cli.common import workspace


def register(sub: Any) -> None:
    log = sub.add_parser("log", help="access-log review").add_subparsers(
        dest="log_cmd", metavar="ACTION"
    )
    log.required = True
    p = log.add_parser("review", help="who opened which case when (supervisor, own unit)")
    p.add_argument("--user", dest="log_user", metavar="USER")
    p.add_argument("--case", metavar="REF")
    p.add_argument("--from", dest="date_from", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=date.fromisoformat, metavar="YYYY-MM-DD")
    p.add_argument("--action", metavar="CODE", help="e.g. case.open, or a prefix like case.")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--out", type=Path, metavar="FILE.csv", help="export as CSV for Excel")
    p.set_defaults(handler=cmd_log_review)


def cmd_log_review(args: argparse.Namespace) -> int:
    from assessment_app.server import access_log

    ws = workspace(args)
    filters = access_log.LogFilter(
        args.log_user, args.case, args.date_from, args.date_to, args.action
    )
    if args.out:
        count = ws.review.export_access_log(filters, args.out)
        print(f"{count} loggposter sparade i {args.out}")
        return 0
    page = ws.review.access_log(
        username=filters.username,
        case_ref=filters.case_ref,
        date_from=filters.date_from,
        date_to=filters.date_to,
        action=filters.action,
        limit=args.limit,
    )
    print(f"{'TIDPUNKT':<20} {'ANVÄNDARE':<14} {'HÄNDELSE':<16} {'ÄRENDE':<14} DETALJ")
    for e in page.entries:
        print(
            f"{e.at.astimezone():%Y-%m-%d %H:%M:%S} {(e.username or '-'):<14} {e.action:<16} "
            f"{(e.case_ref or '-'):<14} {e.detail or ''}"
        )
    print(f"Visar {len(page.entries)} av {page.total} poster.")
    return 0
