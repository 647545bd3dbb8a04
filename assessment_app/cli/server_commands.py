"""Server-mode subcommands: users' keys, review, access-log review, case transfer, server login.

Registered after the core commands (see commands.register), so ``user`` already exists here
and gains ``remove`` and ``reset``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from assessment_app.cli.main import database_url, read_new_password
from assessment_app.errors import ConfigurationError, ValidationError

PASSPHRASE_ENV = "ASSESSMENT_TRANSFER_PASSPHRASE"  # noqa: S105 - an environment variable name
SERVER_PASSWORD_ENV = "ASSESSMENT_SERVER_PASSWORD"  # noqa: S105 - an environment variable name


def _subparsers(parser: argparse.ArgumentParser) -> Any:
    """The sub-command action of an existing parser (argparse has no public accessor)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("parser has no subcommands")


def register(sub: Any) -> None:
    """Add this module's subcommands to the parser."""
    user = _subparsers(sub.choices["user"])
    p = user.add_parser("remove", help="delete a user's key and disable the account")
    p.add_argument("name")
    p.set_defaults(handler=cmd_user_remove)
    p = user.add_parser(
        "reset", help="set a new password for a user (ASSESSMENT_NEW_PASSWORD or prompt)"
    )
    p.add_argument("name")
    p.set_defaults(handler=cmd_user_reset)

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

    transfer = sub.add_parser("transfer", help="move a case to another database").add_subparsers(
        dest="transfer_cmd", metavar="ACTION"
    )
    transfer.required = True
    p = transfer.add_parser("export", help=f"write an encrypted transfer file ({PASSPHRASE_ENV})")
    p.add_argument("case_ref")
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(handler=cmd_transfer_export)
    p = transfer.add_parser("import", help="import a transfer file into this database")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_transfer_import)
    p = transfer.add_parser("close", help="close a transferred case ('överförd till server')")
    p.add_argument("case_ref")
    p.set_defaults(handler=cmd_transfer_close)

    server = sub.add_parser("server", help="database server connection").add_subparsers(
        dest="server_cmd", metavar="ACTION"
    )
    server.required = True
    p = server.add_parser(
        "set-password", help=f"keep the server password in the OS keyring ({SERVER_PASSWORD_ENV})"
    )
    p.add_argument("url", help="the server URL without password")
    p.set_defaults(handler=cmd_server_set_password)
    p = server.add_parser("check", help="is the database server reachable?")
    p.set_defaults(handler=cmd_server_check)


# --- users ---------------------------------------------------------------------------------------


def cmd_user_remove(args: argparse.Namespace) -> int:
    from assessment_app.cli.commands import signed_in
    from assessment_app.server.users_admin import remove_user

    ctx = signed_in(args)
    remove_user(ctx, args.name)
    print(
        f"Användaren {args.name} är borttagen: kontot är avstängt och nyckeln raderad. "
        f"Ett nytt lösenord sätts med 'user reset {args.name}'."
    )
    return 0


def cmd_user_reset(args: argparse.Namespace) -> int:
    from assessment_app.cli.commands import signed_in
    from assessment_app.server.users_admin import reset_user

    ctx = signed_in(args)
    reset_user(ctx, args.name, read_new_password("ASSESSMENT_NEW_PASSWORD"))
    print(f"Nytt lösenord är satt för {args.name}; kontot är aktivt.")
    return 0


# --- review --------------------------------------------------------------------------------------


def cmd_review_list(args: argparse.Namespace) -> int:
    from assessment_app.cli.commands import signed_in
    from assessment_app.server import review

    ctx = signed_in(args)
    if ctx.role == "supervisor":
        queue = review.review_queue(ctx, args.today)
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
        print(f"Akuta markeringar ({len(queue.urgent)}):")
        for u in queue.urgent:
            print(
                f"  {u.case_ref:<14} kartläggning {u.conducted_on}  områden: "
                f"{', '.join(u.urgent_areas)}"
            )
        return 0
    badges = review.decision_badges(ctx)
    print(f"Nya beslut om dina planer ({len(badges)}):")
    for b in badges:
        word = "godkänd" if b.decision == "approved" else "återlämnad"
        comment = f": {b.comment}" if b.comment else ""
        print(
            f"  {b.case_ref:<14} plan v{b.plan_version} {word} av {b.decided_by or '-'} "
            f"{b.decided_at:%Y-%m-%d %H:%M}{comment}"
        )
    if args.mark_seen:
        review.mark_badges_seen(ctx, badges)
    return 0


# --- access log ----------------------------------------------------------------------------------


def cmd_log_review(args: argparse.Namespace) -> int:
    from assessment_app.cli.commands import signed_in
    from assessment_app.server import access_log

    ctx = signed_in(args)
    filters = access_log.LogFilter(
        args.log_user, args.case, args.date_from, args.date_to, args.action
    )
    if args.out:
        count = access_log.export_access_log(ctx, filters, args.out)
        print(f"{count} loggposter sparade i {args.out}")
        return 0
    page = access_log.access_log(
        ctx,
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


# --- transfer ------------------------------------------------------------------------------------


def _passphrase(confirm: bool) -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("Lösenfras för överföringen / Transfer passphrase: ")
        if confirm and first != getpass.getpass("Upprepa / Repeat: "):
            raise ConfigurationError("The passphrases do not match.", "Lösenfraserna stämmer inte.")
        return first
    raise ConfigurationError(
        f"No passphrase: set {PASSPHRASE_ENV} or run the command in a terminal.",
        f"Ingen lösenfras: sätt {PASSPHRASE_ENV} eller kör kommandot i en terminal.",
    )


def cmd_transfer_export(args: argparse.Namespace) -> int:
    from assessment_app.cli.commands import signed_in
    from assessment_app.server import transfer

    ctx = signed_in(args)
    result = transfer.export_case_bundle(ctx, args.case_ref, args.out, _passphrase(True))
    print(f"Ärendet {result.case_ref} är sparat krypterat i {args.out}.")
    print("Lämna lösenfrasen skild från filen (t.ex. muntligt). När importen på servern är klar:")
    print(f"  assessment-app transfer close {result.case_ref}")
    return 0


def cmd_transfer_import(args: argparse.Namespace) -> int:
    from assessment_app.cli.commands import signed_in
    from assessment_app.server import transfer

    ctx = signed_in(args)
    result = transfer.import_case_bundle(ctx, args.file, _passphrase(False))
    print(
        f"Importerat som {result.case_ref} (från {result.source_case_ref}): "
        f"{result.assessments} kartläggningar, {result.plans} planer, "
        f"{result.consents} samtycken, {result.follow_ups} uppföljningar."
    )
    if result.unknown_reviewers:
        print(
            f"{result.unknown_reviewers} granskningsbeslut gjordes av användare som inte finns "
            "här; de visas utan namn."
        )
    return 0


def cmd_transfer_close(args: argparse.Namespace) -> int:
    from assessment_app.cli.commands import signed_in
    from assessment_app.server import transfer

    ctx = signed_in(args)
    transfer.close_transferred(ctx, args.case_ref)
    print(f"Ärendet {args.case_ref} är avslutat: {transfer.CLOSE_REASON}.")
    return 0


# --- server --------------------------------------------------------------------------------------


def cmd_server_set_password(args: argparse.Namespace) -> int:
    from assessment_app.credentials import CredentialStore

    url = make_url(args.url)
    if url.get_backend_name() == "sqlite":
        raise ValidationError(
            "A local database file has no server password.",
            "En lokal databasfil har inget serverlösenord.",
        )
    if url.password:
        raise ValidationError(
            "Give the URL without the password; it is asked for separately.",
            "Ange adressen utan lösenord; lösenordet efterfrågas separat.",
        )
    store = CredentialStore()
    store.check()  # a clear message when there is no secure keyring, before asking
    password = os.environ.get(SERVER_PASSWORD_ENV)
    if not password:
        if sys.stdin is None or not sys.stdin.isatty():
            raise ConfigurationError(
                f"No password: set {SERVER_PASSWORD_ENV} or run the command in a terminal.",
                f"Inget lösenord: sätt {SERVER_PASSWORD_ENV} eller kör kommandot i en terminal.",
            )
        password = getpass.getpass("Serverns lösenord / Server password: ")
    store.set_server_password(url, password)
    print(f"Lösenordet för {CredentialStore.server_key(url)[3:]} är sparat i nyckelringen.")
    return 0


def cmd_server_check(args: argparse.Namespace) -> int:
    from assessment_app.cli.main import connect_url
    from assessment_app.db.engine import Database
    from assessment_app.server import health

    db = Database.open(connect_url(args))
    try:
        health.check_reachable(db)
    finally:
        db.dispose()
    print(f"Servern svarar: {make_url(database_url(args)).render_as_string(hide_password=True)}")
    return 0
