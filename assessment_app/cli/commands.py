"""The subcommands. Each opens the database itself and signs in where it needs a user."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assessment_app import accounts
from assessment_app.audit import verify
from assessment_app.cli.main import (
    connect_url,
    dump_json,
    read_new_password,
    read_password,
    write_private_file,
)
from assessment_app.context import Context
from assessment_app.db.engine import Database
from assessment_app.errors import AppError, ConfigurationError


def register(sub: Any) -> None:
    from assessment_app.cli import lifecycle_commands, server_commands

    _register_core(sub)
    lifecycle_commands.register(sub)
    server_commands.register(sub)


def _register_core(sub: Any) -> None:
    p = sub.add_parser("init", help="create the database and the first administrator")
    p.add_argument("--admin", required=True, metavar="NAME")
    p.add_argument("--unit", metavar="UNIT", help="the administrator's unit (created)")
    p.set_defaults(handler=cmd_init)

    user = sub.add_parser("user", help="manage users").add_subparsers(
        dest="user_cmd", metavar="ACTION"
    )
    user.required = True
    p = user.add_parser("add", help="add a user (password from ASSESSMENT_NEW_PASSWORD or prompt)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=accounts.ROLES)
    p.add_argument("--unit")
    p.add_argument("--display-name")
    p.set_defaults(handler=cmd_user_add)
    p = user.add_parser("list", help="list users")
    p.set_defaults(handler=cmd_user_list)
    for name, active in (("disable", False), ("enable", True)):
        p = user.add_parser(name, help=f"{name} a user")
        p.add_argument("name")
        p.set_defaults(handler=cmd_user_active, active=active)
    p = user.add_parser(
        "reset-password", help="set a new password with the recovery key (ASSESSMENT_RECOVERY_KEY)"
    )
    p.add_argument("name")
    p.set_defaults(handler=cmd_user_reset)

    p = sub.add_parser("demo", help="add realistic synthetic cases")
    p.add_argument("--cases", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, metavar="S")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("subject-access", help="export everything stored about a case's individual")
    p.add_argument("case_ref")
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(handler=cmd_subject_access)

    p = sub.add_parser(
        "export-pdf", help="the action plan as PDF, for the individual or a provider"
    )
    p.add_argument("case_ref")
    p.add_argument("--audience", required=True, choices=("individual", "provider"))
    p.add_argument("--provider", metavar="NAME", help="the provider (with --audience provider)")
    p.add_argument("--language", choices=("sv", "en"), default="sv")
    p.add_argument("--out", required=True, type=Path)
    p.set_defaults(handler=cmd_export_pdf)

    audit_p = sub.add_parser("audit", help="audit trail").add_subparsers(
        dest="audit_cmd", metavar="ACTION"
    )
    audit_p.required = True
    audit_p.add_parser("verify", help="check the hash chain").set_defaults(handler=cmd_audit_verify)

    db_p = sub.add_parser("db", help="database schema").add_subparsers(
        dest="db_cmd", metavar="ACTION"
    )
    db_p.required = True
    db_p.add_parser("upgrade", help="migrate to the newest schema").set_defaults(
        handler=cmd_db_upgrade
    )

    keys_p = sub.add_parser("keys", help="key operations").add_subparsers(
        dest="keys_cmd", metavar="ACTION"
    )
    keys_p.required = True
    keys_p.add_parser("rotate", help="new data key, re-encrypt everything").set_defaults(
        handler=cmd_keys_rotate
    )

    tpl = sub.add_parser("template", help="interview templates").add_subparsers(
        dest="tpl_cmd", metavar="ACTION"
    )
    tpl.required = True
    p = tpl.add_parser("check", help="validate template files")
    p.add_argument("files", nargs="+")
    p.set_defaults(handler=cmd_template_check)


def _require_user(args: argparse.Namespace) -> str:
    if not args.user:
        raise ConfigurationError(
            "Say who you are with --user NAME.", "Ange vem du är med --user NAMN."
        )
    return str(args.user)


def signed_in(args: argparse.Namespace) -> Context:
    username = _require_user(args)
    db = Database.open(connect_url(args))
    ctx = accounts.sign_in(db, username, read_password())
    from assessment_app.cli.lifecycle_commands import warn_on_rollback

    return warn_on_rollback(ctx, args)


def cmd_init(args: argparse.Namespace) -> int:
    password = read_new_password("ASSESSMENT_PASSWORD")
    accounts.validate_password(password)
    db = Database.create(connect_url(args))
    try:
        recovery = accounts.initialise(db, args.admin, password, unit_name=args.unit)
    finally:
        db.dispose()
    print(f"Databasen är skapad: {db.display_name}")
    print(f"Administratör: {args.admin}")
    print()
    print("ÅTERSTÄLLNINGSNYCKEL / RECOVERY KEY (visas bara nu / shown only now):")
    print(f"    {recovery}")
    print("Skriv ut den eller förvara den säkert, skild från datorn. Den låser upp alla")
    print("uppgifter om alla lösenord glöms bort. / Print it or store it safely, away from")
    print("this computer. It unlocks all records if every password is lost.")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    ctx = signed_in(args)
    password = read_new_password("ASSESSMENT_NEW_PASSWORD")
    info = accounts.add_user(
        ctx, args.name, password, args.role, unit=args.unit, display_name=args.display_name
    )
    print(f"Användaren {info.username} ({info.role}) är tillagd.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    ctx = signed_in(args)
    rows = accounts.list_users(ctx)
    print(f"{'ANVÄNDARE':<20} {'ROLL':<14} {'ENHET':<24} {'STATUS':<10} SENAST INLOGGAD")
    for u in rows:
        status = "aktiv" if u.active else "avstängd"
        last = u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "-"
        print(f"{u.username:<20} {u.role:<14} {(u.unit or '-'):<24} {status:<10} {last}")
    return 0


def cmd_user_active(args: argparse.Namespace) -> int:
    ctx = signed_in(args)
    accounts.set_user_active(ctx, args.name, args.active)
    print(f"Användaren {args.name} är {'aktiverad' if args.active else 'avstängd'}.")
    return 0


def cmd_user_reset(args: argparse.Namespace) -> int:
    recovery = read_password("Återställningsnyckel / Recovery key: ", "ASSESSMENT_RECOVERY_KEY")
    password = read_new_password("ASSESSMENT_NEW_PASSWORD")
    db = Database.open(connect_url(args))
    accounts.reset_password_with_recovery(db, recovery, args.name, password)
    print(f"Nytt lösenord är satt för {args.name}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from assessment_app import demo

    if args.cases < 1:
        raise ConfigurationError("--cases must be at least 1.", "--cases måste vara minst 1.")
    ctx = signed_in(args)
    for ref in demo.generate(ctx, args.cases, args.seed):
        print(ref, flush=True)
    return 0


def cmd_subject_access(args: argparse.Namespace) -> int:
    from assessment_app.records import subject_access

    ctx = signed_in(args)
    data = subject_access.export(ctx, args.case_ref)
    write_private_file(args.out, dump_json(data))
    print(f"Registerutdraget är sparat i {args.out}")
    return 0


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from assessment_app.plan_export import export_plan_pdf

    if args.audience == "provider" and not args.provider:
        raise ConfigurationError(
            "Name the provider with --provider NAME.", "Ange utföraren med --provider NAMN."
        )
    ctx = signed_in(args)
    built = export_plan_pdf(
        ctx,
        args.case_ref,
        args.audience,
        args.out,
        provider_name=args.provider,
        language=args.language,
    )
    print(f"Handlingsplanen är sparad i {args.out}")
    if built.omitted_actions:
        print(
            f"{built.omitted_actions} av utförarens insatser ligger utanför samtycket och "
            "togs inte med."
        )
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    ctx = signed_in(args)
    with ctx.db.sessions() as session:
        result = verify(session, ctx.keys.audit_key)
    if result.ok:
        extra = f" ({result.unsealed} ännu inte förseglade)" if result.unsealed else ""
        print(f"OK: {result.entries} loggposter, kedjan är hel{extra}.")
        return 0
    print(f"FEL: loggen är manipulerad eller skadad: {result.problem}", file=sys.stderr)
    if result.first_bad_seq is not None:
        print(f"Första felaktiga post: {result.first_bad_seq}", file=sys.stderr)
    return 1


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = Database.open(connect_url(args), allow_old_schema=True)
    try:
        backup = db.upgrade()
    finally:
        db.dispose()
    if backup:
        print(f"Databasen är uppgraderad. Säkerhetskopia före uppgraderingen: {backup}")
    else:
        print("Databasen har redan det senaste schemat.")
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    from assessment_app.keys_admin import rotate_data_key

    ctx = signed_in(args)
    result = rotate_data_key(ctx)
    print(f"Ny datanyckel: {result.new_key_id}. {result.reencrypted} värden omkrypterade.")
    if result.failed:
        print(
            f"{result.failed} värden kunde inte läsas och lämnades orörda (se loggen).",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_template_check(args: argparse.Namespace) -> int:
    try:
        from assessment_app.templates.check import check_main
    except ImportError as exc:  # pragma: no cover - the package ships with the app
        raise AppError(f"Template support is missing: {exc}") from None
    return check_main(list(args.files), sys.stdout, sys.stderr)
