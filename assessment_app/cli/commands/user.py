"""``assessment-app user ACTION``: the whole ``user`` group.

add, list, disable, enable, passwd (your own password) and reset-password (with the recovery
key) work on any database. A password set by an administrator (``add``, ``reset``) is temporary:
its user must change it (``passwd``, or the app's dialog) before anything else works;
remove (deletes the user's key) and reset (an administrator sets a new password) come from
server mode (``assessment_app.server.users_admin``).
"""

from __future__ import annotations

import argparse
from typing import Any

from assessment_app import accounts
from assessment_app.cli.common import (
    connect_url,
    read_new_password,
    read_password,
    report_master_rotation,
    say,
    workspace,
)
from assessment_app.db.engine import Database
from assessment_app.errors import ValidationError


def register(sub: Any) -> None:
    user = sub.add_parser("user", help="manage users").add_subparsers(
        dest="user_cmd", metavar="ACTION"
    )
    user.required = True
    p = user.add_parser("add", help="add a user (password from ASSESSMENT_NEW_PASSWORD or prompt)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=accounts.ROLES)
    p.add_argument("--unit")
    p.add_argument("--display-name")
    p.add_argument(
        "--permanent-password",
        action="store_true",
        help="do not ask the user to change the password at the first sign-in",
    )
    p.set_defaults(handler=cmd_user_add)
    p = user.add_parser(
        "passwd",
        help="change your own password (--user; the current one from ASSESSMENT_PASSWORD or "
        "prompt, the new one from ASSESSMENT_NEW_PASSWORD or prompt)",
    )
    p.set_defaults(handler=cmd_user_passwd)
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
    p.set_defaults(handler=cmd_user_reset_password)
    p = user.add_parser("remove", help="delete a user's key and disable the account")
    p.add_argument("name")
    p.add_argument(
        "--rotate",
        action="store_true",
        help="also replace the master key and every key under it (resumable: run it again "
        "if it was cut off)",
    )
    p.add_argument(
        "--new-recovery-key",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with --rotate: a new recovery key too (the old one stops working); the default "
        "when the removed user is an administrator",
    )
    p.set_defaults(handler=cmd_user_remove)
    p = user.add_parser(
        "reset", help="set a new password for a user (ASSESSMENT_NEW_PASSWORD or prompt)"
    )
    p.add_argument("name")
    p.set_defaults(handler=cmd_user_reset)


def cmd_user_add(args: argparse.Namespace) -> int:
    ws = workspace(args)
    password = read_new_password("ASSESSMENT_NEW_PASSWORD")
    info = ws.admin.add_user(
        args.name,
        password,
        args.role,
        unit=args.unit,
        display_name=args.display_name,
        temporary=not args.permanent_password,
    )
    print(f"Användaren {info.username} ({info.role}) är tillagd.")
    if info.must_change_password:
        print("Lösenordet är tillfälligt: användaren väljer ett eget vid första inloggningen.")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    """``user passwd``: the signed-in user's own password (also a temporary one)."""
    ws = workspace(args, temporary_ok=True)
    old = read_password()  # the password just used to sign in (same source)
    ws.admin.change_password(old, read_new_password("ASSESSMENT_NEW_PASSWORD"))
    print(f"Lösenordet för {ws.ctx.username} är bytt.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    rows = workspace(args).admin.list_users()
    print(f"{'ANVÄNDARE':<20} {'ROLL':<14} {'ENHET':<24} {'STATUS':<10} SENAST INLOGGAD")
    for u in rows:
        status = "aktiv" if u.active else "avstängd"
        last = u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "-"
        print(f"{u.username:<20} {u.role:<14} {(u.unit or '-'):<24} {status:<10} {last}")
    return 0


def cmd_user_active(args: argparse.Namespace) -> int:
    workspace(args).admin.set_user_active(args.name, args.active)
    print(f"Användaren {args.name} är {'aktiverad' if args.active else 'avstängd'}.")
    return 0


def cmd_user_reset_password(args: argparse.Namespace) -> int:
    """``user reset-password``: anyone holding the recovery key."""
    recovery = read_password("Återställningsnyckel / Recovery key: ", "ASSESSMENT_RECOVERY_KEY")
    password = read_new_password("ASSESSMENT_NEW_PASSWORD")
    db = Database.open(connect_url(args))
    accounts.reset_password_with_recovery(db, recovery, args.name, password)
    print(f"Nytt lösenord är satt för {args.name}.")
    return 0


def cmd_user_remove(args: argparse.Namespace) -> int:
    if args.new_recovery_key is not None and not args.rotate:
        raise ValidationError(
            "--new-recovery-key needs --rotate.", "--new-recovery-key kräver --rotate."
        )
    result = workspace(args).admin.remove_user(
        args.name, rotate=args.rotate, new_recovery_key=args.new_recovery_key
    )
    print(
        f"Användaren {args.name} är borttagen: kontot är avstängt och nyckeln raderad. "
        f"Ett nytt lösenord sätts med 'user reset {args.name}'."
    )
    if result is None:
        print(
            say(
                args,
                "Huvudnyckeln är inte bytt: en kopia av användarens nyckel (en gammal "
                "säkerhetskopia) öppnar fortfarande databasen. Byt nycklarna med "
                f"'user remove --rotate {args.name}'.",
                "The master key is not replaced: a copy of the user's key (an old backup) "
                f"still opens the database. Replace the keys with 'user remove --rotate "
                f"{args.name}'.",
            )
        )
        return 0
    return report_master_rotation(args, result)


def cmd_user_reset(args: argparse.Namespace) -> int:
    """``user reset``: an administrator, signed in."""
    ws = workspace(args)
    ws.admin.reset_user(args.name, read_new_password("ASSESSMENT_NEW_PASSWORD"))
    print(
        f"Nytt lösenord är satt för {args.name}; kontot är aktivt. Lösenordet är tillfälligt: "
        "användaren väljer ett eget vid nästa inloggning."
    )
    return 0
