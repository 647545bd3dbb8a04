"""``assessment-app retention``: the cases due for deletion (gallring); ``--apply`` deletes them."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from assessment_app.cli.common import say, workspace
from assessment_app.errors import ConfigurationError


def _as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("use YYYY-MM-DD / ange ÅÅÅÅ-MM-DD") from None


def register(sub: Any) -> None:
    p = sub.add_parser(
        "retention", help="list the cases due for deletion (gallring); delete with --apply"
    )
    p.add_argument("--as-of", required=True, type=_as_of, metavar="DATE")
    p.add_argument("--years", type=int, metavar="N", help="years after the last entry")
    p.add_argument("--apply", action="store_true", help="delete the listed cases")
    p.set_defaults(handler=cmd_retention)


def cmd_retention(args: argparse.Namespace) -> int:
    from assessment_app.lifecycle.retention import DECISION_TEXTS
    from assessment_app.lifecycle.settings import load_retention_settings

    settings = load_retention_settings()
    if args.years is not None:
        settings = settings.with_years(args.years)
    en = args.lang == "en"
    if args.apply and args.as_of > date.today():
        raise ConfigurationError(
            "Deletion cannot be run with an as-of date in the future.",
            "Gallring kan inte göras med ett datum i framtiden.",
        )
    ws = workspace(args)
    plan = ws.admin.plan_retention(args.as_of, settings)
    days = ", ".join(str(d) for d in settings.keep_birth_days) or "-"
    print(
        say(
            args,
            f"Gallring per {plan.as_of} (regel: {settings.years} år efter sista anteckningen; "
            f"bevaras: födda dag {days}). Sista anteckning före {plan.cutoff} ger gallring.",
            f"Retention as of {plan.as_of} (rule: {settings.years} years after the last entry; "
            f"kept: born on day {days}). A last entry before {plan.cutoff} is due.",
        )
    )
    if settings.years < 5:
        print(
            say(
                args,
                "Obs: lagen anger fem år; en kortare tid kräver ett eget beslut.",
                "Note: the law says five years; a shorter period needs a decision of its own.",
            ),
            file=sys.stderr,
        )
    print()
    head = ("ÄRENDE", "STATUS", "AVSLUTAT", "SISTA ANTECKNING", "BESLUT", "SKÄL")
    if en:
        head = ("CASE", "STATUS", "CLOSED", "LAST ENTRY", "DECISION", "REASON")
    print(f"{head[0]:<14} {head[1]:<8} {head[2]:<10} {head[3]:<16} {head[4]:<9} {head[5]}")
    for item in plan.items:
        closed = item.closed_on.isoformat() if item.closed_on else "-"
        decision = DECISION_TEXTS[item.decision][1 if en else 0]
        status = item.status if en else {"open": "öppet", "closed": "avslutat"}.get(item.status, "")
        print(
            f"{item.case_ref:<14} {status:<8} {closed:<10} "
            f"{item.last_entry_on.isoformat():<16} {decision:<9} {item.reason}"
        )
    print()
    print(
        say(
            args,
            f"Summa: {len(plan.due)} gallras, {len(plan.kept)} bevaras, {len(plan.held)} väntar, "
            f"{len(plan.review)} öppna ärenden behöver ett beslut om att avslutas (gallras inte).",
            f"Total: {len(plan.due)} to delete, {len(plan.kept)} kept, {len(plan.held)} on hold, "
            f"{len(plan.review)} open cases need a decision to close (not deleted).",
        )
    )
    if not args.apply:
        print(
            say(
                args,
                "Ingenting är raderat. Kör igen med --apply för att gallra de listade ärendena.",
                "Nothing was deleted. Run again with --apply to delete the listed cases.",
            )
        )
        return 0
    result = ws.admin.apply_retention(plan)
    for ref in result.deleted:
        print(say(args, f"Gallrat: {ref}", f"Deleted: {ref}"))
    for ref, why in result.skipped:
        print(say(args, f"Hoppade över {ref} ({why})", f"Skipped {ref} ({why})"))
    print(
        say(
            args,
            f"{len(result.deleted)} ärenden och {result.individuals_deleted} personer är gallrade.",
            f"{len(result.deleted)} cases and {result.individuals_deleted} people were deleted.",
        )
    )
    return 0
