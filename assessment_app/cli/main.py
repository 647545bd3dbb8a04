"""Entry point: ``assessment-app [--database URL] [--user NAME] COMMAND ...``.

Without a command it starts the desktop app. Passwords come from ``ASSESSMENT_PASSWORD``,
else from a prompt without echo, else the command stops with a clear message.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assessment_app.config import default_database_url
from assessment_app.errors import AppError, ConfigurationError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

Handler = Callable[[argparse.Namespace], int]


def read_password(prompt: str = "Lösenord / Password: ", env: str = "ASSESSMENT_PASSWORD") -> str:
    value = os.environ.get(env)
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise ConfigurationError(
        f"No password: set {env} or run the command in a terminal to be asked.",
        f"Inget lösenord: sätt {env} eller kör kommandot i en terminal för att bli tillfrågad.",
    )


def read_new_password(env: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("Nytt lösenord / New password: ")
        if first != getpass.getpass("Upprepa / Repeat: "):
            raise ConfigurationError("The passwords do not match.", "Lösenorden stämmer inte.")
        return first
    raise ConfigurationError(
        f"No new password: set {env} or run the command in a terminal to be asked.",
        f"Inget nytt lösenord: sätt {env} eller kör kommandot i en terminal.",
    )


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        add_help=with_commands,
        prog="assessment-app",
        description="Kartläggning, handlingsplan och uppföljning / "
        "Needs assessment, action plans and follow-up.",
    )
    if with_commands:
        from assessment_app import __version__

        parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    else:
        parser.add_argument("--version", dest="version_requested", action="store_true")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: ASSESSMENT_DATABASE_URL, else a local file)",
    )
    parser.add_argument("--user", metavar="NAME", help="user name to sign in with")
    parser.add_argument(
        "--lang",
        choices=("sv", "en"),
        default=os.environ.get("ASSESSMENT_LANGUAGE") or None,
        help="language of messages (default sv; the app remembers its own choice)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the app on a temporary database, open the main window, exit",
    )
    if with_commands:
        from assessment_app.cli import commands

        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        commands.register(sub)
    return parser


def database_url(args: argparse.Namespace) -> str:
    return str(args.database or os.environ.get("ASSESSMENT_DATABASE_URL") or default_database_url())


def connect_url(args: argparse.Namespace) -> URL:
    """The database URL with a server password from the OS keyring when the URL has none."""
    from sqlalchemy.engine import make_url  # not at the top: starting the app must not pay for it

    from assessment_app.credentials import CredentialStore

    url = make_url(database_url(args))
    if url.get_backend_name() == "sqlite" or url.password:
        return url
    store = CredentialStore()
    if not store.available:
        return url  # the server may not need a password (e.g. peer or certificate auth)
    return store.resolve_server_url(url)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("ASSESSMENT_LOG_LEVEL", "WARNING"),
        format="%(levelname)s %(name)s: %(message)s",
    )
    argv = list(sys.argv[1:] if argv is None else argv)
    # Starting the desktop app (no command) must not pay for importing every command module:
    # parse the global options alone first, and build the full parser only for a command.
    quick = build_parser(with_commands=False)
    known, rest = quick.parse_known_args(argv)
    if not rest and not known.version_requested:
        args, parser = known, quick
        args.command = None
    else:
        parser = build_parser()
        args = parser.parse_args(argv)
    gui_language: str | None = args.lang
    args.lang = args.lang or "sv"
    try:
        if args.self_test or args.command is None:
            return _start_gui(args, parser, gui_language)
        handler: Handler = args.handler
        return handler(args)
    except AppError as error:
        print(
            f"{'Fel' if args.lang == 'sv' else 'Error'}: {error.localized(args.lang)}",
            file=sys.stderr,
        )
        return error.exit_code
    except BrokenPipeError:  # e.g. `demo ... | head`: the reader went away
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Avbrutet / Interrupted", file=sys.stderr)
        return 130


def _start_gui(
    args: argparse.Namespace, parser: argparse.ArgumentParser, language: str | None
) -> int:
    try:
        from ui.app import run_app  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        if args.self_test:
            print("The desktop app (ui/) is not available in this build.", file=sys.stderr)
            return 1
        parser.print_help()
        return 0
    result: int = run_app(database_url(args), self_test=args.self_test, language=language)
    return result


def write_private_file(path: Path, text: str) -> None:
    """Write text only its owner can read, atomically (temp file + rename)."""
    from assessment_app.fileio import write_private_atomic

    write_private_atomic(text.encode("utf-8"), path)


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
