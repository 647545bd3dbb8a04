"""``assessment-app reminders``: what is due this week and overdue (bevakning), and the
calendar export of one's own dates with ``--ics FILE`` (case references only, no names)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from assessment_app.cli.common import say, workspace
from assessment_app.errors import ValidationError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "reminders", help="what is due this week and overdue; --ics FILE exports my dates"
    )
    p.add_argument("--today", type=date.fromisoformat, help="the date to count from (ÅÅÅÅ-MM-DD)")
    p.add_argument(
        "--unit", action="store_true", help="supervisor: every case of the unit, not only mine"
    )
    p.add_argument(
        "--ics",
        type=Path,
        metavar="FILE",
        help="write my open dates as a calendar file (my own cases only; not with --unit)",
    )
    p.set_defaults(handler=cmd_reminders)


def cmd_reminders(args: argparse.Namespace) -> int:
    if args.ics is not None and args.unit:
        raise ValidationError(
            "--ics writes only your own dates; leave out --unit.",
            "--ics skriver bara dina egna datum; ta bort --unit.",
        )
    ws = workspace(args)
    language = "en" if getattr(args, "lang", "sv") == "en" else "sv"
    if args.ics is not None:
        count = ws.reminders.export_ics(args.ics, today=args.today)
        print(
            say(
                args,
                f"{count} datum är sparade i {args.ics} (bara ärendenummer, inga namn).",
                f"{count} dates saved in {args.ics} (case references only, no names).",
            )
        )
        return 0
    listed = ws.reminders.due(today=args.today, scope="unit" if args.unit else "mine")
    print(
        say(
            args,
            f"Bevakning {listed.today} (veckan slutar {listed.week_end}):",
            f"Reminders {listed.today} (the week ends {listed.week_end}):",
        )
    )
    if not listed.items:
        print(say(args, "  Inget är försenat eller ska göras den här veckan.", "  Nothing due."))
        return 0
    for ref, items in listed.by_case().items():
        worker = listed.worker(items[0])
        print(f"  {ref}" + (f"  ({worker})" if worker else ""))
        for item in items:
            if item.overdue(listed.today):
                when = say(args, "försenad", "overdue")
            elif item.due_on > listed.week_end:
                when = say(args, "kommande", "upcoming")
            else:
                when = say(args, "denna vecka", "this week")
            print(f"    {item.due_on}  {item.label(language):<28} {when}")
    return 0
