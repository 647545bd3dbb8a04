"""Lifecycle subcommands: retention, backup, restore, rollback, subject access as PDF.

The rollback check runs after every sign-in made here (:func:`signed_in_checked`). To give
every command the check, ``cli/commands.signed_in`` can end with
``return warn_on_rollback(accounts.sign_in(...), args)``; the check runs once per sign-in.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Any

from assessment_app.cli.main import connect_url, dump_json, read_password, write_private_file
from assessment_app.context import Context
from assessment_app.errors import AppError, ConfigurationError

log = logging.getLogger(__name__)

_checked: list[Context] = []


def _say(args: argparse.Namespace, sv: str, en: str) -> str:
    return en if getattr(args, "lang", "sv") == "en" else sv


def warn_on_rollback(ctx: Context, args: argparse.Namespace) -> Context:
    """Compare the database with this installation's anchor; print a warning, never fail."""
    if any(c is ctx for c in _checked):
        return ctx
    _checked.append(ctx)
    from assessment_app.lifecycle.anchor import record_head

    try:
        status = record_head(ctx)
    except (AppError, OSError) as error:  # the check must never stop the work
        log.warning("rollback check skipped: %s", type(error).__name__)
        return ctx
    if status.warning:
        print(status.message(getattr(args, "lang", "sv")), file=sys.stderr)
    return ctx


def signed_in_checked(args: argparse.Namespace) -> Context:
    from assessment_app.cli.commands import signed_in

    return warn_on_rollback(signed_in(args), args)


def _as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("use YYYY-MM-DD / ange ÅÅÅÅ-MM-DD") from None


def register(sub: Any) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser(
        "retention", help="list the cases due for deletion (gallring); delete with --apply"
    )
    p.add_argument("--as-of", required=True, type=_as_of, metavar="DATE")
    p.add_argument("--years", type=int, metavar="N", help="years after the last entry")
    p.add_argument("--apply", action="store_true", help="delete the listed cases")
    p.set_defaults(handler=cmd_retention)

    p = sub.add_parser("backup", help="a checked copy of a local database file")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace an existing backup file")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="restore a backup into a new database file")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--to", required=True, metavar="NEW_DB_PATH")
    p.add_argument("--force", action="store_true", help="replace an existing file at --to")
    p.set_defaults(handler=cmd_restore)

    rb = sub.add_parser("rollback", help="rollback detection").add_subparsers(
        dest="rollback_cmd", metavar="ACTION"
    )
    rb.required = True
    rb.add_parser("status", help="compare the database with this installation").set_defaults(
        handler=cmd_rollback_status
    )
    rb.add_parser("accept", help="accept the database as it is now (administrator)").set_defaults(
        handler=cmd_rollback_accept
    )

    # subject-access is registered by commands.py; give it --format and PDF output.
    p = sub.choices.get("subject-access")
    if p is None:
        p = sub.add_parser("subject-access", help="everything stored about a case's individual")
        p.add_argument("case_ref")
        p.add_argument("--out", required=True, type=Path)
    p.add_argument(
        "--format", choices=("pdf", "json"), help="default: from the file name (.pdf gives PDF)"
    )
    p.set_defaults(handler=cmd_subject_access)


# --- retention -----------------------------------------------------------------------------


def cmd_retention(args: argparse.Namespace) -> int:
    from assessment_app.lifecycle.retention import (
        DECISION_TEXTS,
        apply_retention,
        plan_retention,
    )
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
    ctx = signed_in_checked(args)
    plan = plan_retention(ctx, args.as_of, settings)
    days = ", ".join(str(d) for d in settings.keep_birth_days) or "-"
    print(
        _say(
            args,
            f"Gallring per {plan.as_of} (regel: {settings.years} år efter sista anteckningen; "
            f"bevaras: födda dag {days}). Sista anteckning före {plan.cutoff} ger gallring.",
            f"Retention as of {plan.as_of} (rule: {settings.years} years after the last entry; "
            f"kept: born on day {days}). A last entry before {plan.cutoff} is due.",
        )
    )
    if settings.years < 5:
        print(
            _say(
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
        _say(
            args,
            f"Summa: {len(plan.due)} gallras, {len(plan.kept)} bevaras, {len(plan.held)} väntar.",
            f"Total: {len(plan.due)} to delete, {len(plan.kept)} kept, {len(plan.held)} on hold.",
        )
    )
    if not args.apply:
        print(
            _say(
                args,
                "Ingenting är raderat. Kör igen med --apply för att gallra de listade ärendena.",
                "Nothing was deleted. Run again with --apply to delete the listed cases.",
            )
        )
        return 0
    result = apply_retention(ctx, plan)
    for ref in result.deleted:
        print(_say(args, f"Gallrat: {ref}", f"Deleted: {ref}"))
    for ref, why in result.skipped:
        print(_say(args, f"Hoppade över {ref} ({why})", f"Skipped {ref} ({why})"))
    print(
        _say(
            args,
            f"{len(result.deleted)} ärenden och {result.individuals_deleted} personer är gallrade.",
            f"{len(result.deleted)} cases and {result.individuals_deleted} people were deleted.",
        )
    )
    return 0


# --- backup and restore --------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace) -> int:
    from assessment_app.lifecycle.backup import create_backup, sqlite_path_of

    sqlite_path_of(connect_url(args))  # a server URL is refused before connecting
    ctx = signed_in_checked(args)
    try:
        info = create_backup(ctx, args.out, overwrite=args.force)
    finally:
        ctx.db.dispose()
    print(
        _say(
            args,
            f"Säkerhetskopian är sparad: {info.path}\nManifest: {info.manifest}\n"
            f"SHA-256: {info.sha256}",
            f"The backup is saved: {info.path}\nManifest: {info.manifest}\nSHA-256: {info.sha256}",
        )
    )
    print(
        _say(
            args,
            "Förvara båda filerna tillsammans, på en annan plats än datorn.",
            "Keep both files together, somewhere other than this computer.",
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from assessment_app.lifecycle.backup import restore_backup, restore_target

    if not args.user:
        raise ConfigurationError(
            "Say who you are with --user NAME: the restore signs in to check the audit trail.",
            "Ange vem du är med --user NAMN: återställningen loggar in för att kontrollera loggen.",
        )
    target = restore_target(args.to)
    info = restore_backup(args.file, target, args.user, read_password(), force=args.force)
    print(
        _say(
            args,
            f"Säkerhetskopian är kontrollerad och återställd till {info.path} "
            f"(gjord {info.created_at}, {info.audit_entries} loggposter, kedjan är hel).",
            f"The backup was checked and restored to {info.path} "
            f"(made {info.created_at}, {info.audit_entries} audit entries, the chain is whole).",
        )
    )
    if info.rollback.warning:
        print(info.rollback.message(args.lang), file=sys.stderr)
        print(
            _say(
                args,
                "Om återställningen var avsiktlig och den här kopian ska användas framöver: "
                f"assessment-app --database sqlite:///{info.path} --user ADMIN rollback accept",
                "If the restore was deliberate and this copy is to be used from now on: "
                f"assessment-app --database sqlite:///{info.path} --user ADMIN rollback accept",
            ),
            file=sys.stderr,
        )
    return 0


# --- rollback ------------------------------------------------------------------------------


def cmd_rollback_status(args: argparse.Namespace) -> int:
    from assessment_app.cli.commands import signed_in
    from assessment_app.lifecycle.anchor import check_rollback

    ctx = signed_in(args)
    status = check_rollback(ctx)
    _checked.append(ctx)
    if status.state == "ok":
        print(
            _say(
                args,
                f"OK: databasen har bara gått framåt (logghändelse {status.current_seq}).",
                f"OK: the database only moved forward (audit entry {status.current_seq}).",
            )
        )
        return 0
    if status.state == "unknown" and not status.warning:
        print(
            _say(
                args,
                "Ingen kontrollpunkt för databasen på den här datorn än.",
                "No checkpoint for this database on this computer yet.",
            )
        )
        return 0
    print(status.message(args.lang), file=sys.stderr)
    return 1


def cmd_rollback_accept(args: argparse.Namespace) -> int:
    from assessment_app.cli.commands import signed_in
    from assessment_app.lifecycle.anchor import accept_rollback

    ctx = signed_in(args)
    _checked.append(ctx)
    status = accept_rollback(ctx)
    print(
        _say(
            args,
            f"Databasen är godtagen som den är nu (logghändelse {status.current_seq}).",
            f"The database is accepted as it is now (audit entry {status.current_seq}).",
        )
    )
    return 0


# --- subject access ------------------------------------------------------------------------


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
        _say(args, f"Registerutdraget är sparat i {out}", f"The subject access export is in {out}")
    )
    return 0
