"""``assessment-app review list``: a supervisor's review queue, a caseworker's decisions."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from assessment_app.cli.common import workspace


def register(sub: Any) -> None:
    review = sub.add_parser("review", help="supervisor review").add_subparsers(
        dest="review_cmd", metavar="ACTION"
    )
    review.required = True
    p = review.add_parser(
        "list", help="supervisor: the review queue; caseworker: decisions on my plans"
    )
    p.add_argument("--today", type=date.fromisoformat, help="date to count overdue from")
    p.add_argument("--mark-seen", action="store_true", help="caseworker: mark decisions as seen")
    p.set_defaults(handler=cmd_review_list)


def cmd_review_list(args: argparse.Namespace) -> int:
    ws = workspace(args)
    if ws.ctx.role == "supervisor":
        queue = ws.review.queue(args.today)
        print(f"Planer som väntar på granskning ({len(queue.waiting)}):")
        for w in queue.waiting:
            who = w.submitted_by or "-"
            print(
                f"  {w.case_ref:<14} plan v{w.plan_version}  inskickad {w.submitted_at:%Y-%m-%d}"
                f" av {who}  (plan-id {w.plan_id})"
            )
        print(f"Försenade uppföljningar ({len(queue.overdue)}):")
        for o in queue.overdue:
            print(
                f"  {o.case_ref:<14} skulle följas upp {o.due_on}  ({o.days_overdue} dagar sen)"
                f"  handläggare {o.assigned_username or '-'}"
            )
        print(f"Akuta markeringar som inte är hanterade ({len(queue.urgent)}):")
        for u in queue.urgent:
            late = "  ESKALERAD" if u.escalated else ""
            print(
                f"  {u.case_ref:<14} sedan {u.raised_at.astimezone():%Y-%m-%d %H:%M}  "
                f"område {u.area_id}: {u.message('sv')}{late}"
            )
        return 0
    badges = ws.review.badges()
    print(f"Nya beslut om dina planer ({len(badges)}):")
    for b in badges:
        word = "godkänd" if b.decision == "approved" else "återlämnad"
        comment = f": {b.comment}" if b.comment else ""
        print(
            f"  {b.case_ref:<14} plan v{b.plan_version} {word} av {b.decided_by or '-'} "
            f"{b.decided_at:%Y-%m-%d %H:%M}{comment}"
        )
    if args.mark_seen:
        ws.review.mark_seen(badges)
    return 0
