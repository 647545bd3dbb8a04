"""Entry point: ``assessment-app [--database URL] [--user NAME] COMMAND ...``.

Without a command it starts the desktop app. Passwords come from ``ASSESSMENT_PASSWORD``,
else from a prompt without echo, else the command stops with a clear message.

The commands live in ``cli/commands/`` (one module per command group, listed in
``cli/commands/__init__.py``) and share ``cli/common.py``. The desktop app is not imported by
name: it is the ``desktop`` entry point of the ``assessment_app.frontends`` group, which the
package metadata declares (``pyproject.toml``), looked up only when the app is to start.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from assessment_app.cli.common import Handler, database_url
from assessment_app.errors import AppError, ServerBusyError, ServerUnavailableError

log = logging.getLogger(__name__)

FRONTENDS_GROUP = "assessment_app.frontends"
DESKTOP_FRONTEND = "desktop"

#: A front end: ``run(database_url, self_test=..., language=...) -> exit code``.
Frontend = Callable[..., int]


def build_parser(
    *, with_commands: bool = True, rest: Sequence[str] | None = None
) -> argparse.ArgumentParser:
    """The command-line parser: the global options alone (``with_commands=False``), or with the
    command groups: all of them, or only the one ``rest`` (the words after the global options)
    names."""
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
        from assessment_app.cli.commands import register_all, register_for

        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        if rest is None:
            register_all(sub)
        else:
            register_for(sub, rest)
    return parser


class _OneLineDriverErrors(logging.Filter):
    """SQLAlchemy's pool logs a connection the server ended (on its rollback when the
    connection goes back to the pool) with the driver's traceback; the app handles the loss
    itself, so the log gets one line instead of a traceback on the user's console."""

    def filter(self, record: logging.LogRecord) -> bool:
        if (
            record.name.startswith("sqlalchemy.pool")
            and record.exc_info
            and record.exc_info[1] is not None
        ):
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {type(error).__name__}"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def configure_logging() -> None:
    """The app's logging: warnings and worse on stderr (``ASSESSMENT_LOG_LEVEL``), no
    driver tracebacks from the connection pool."""
    logging.basicConfig(
        level=os.environ.get("ASSESSMENT_LOG_LEVEL", "WARNING"),
        format="%(levelname)s %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:  # the pool logs on per-pool child loggers
        if not any(isinstance(f, _OneLineDriverErrors) for f in handler.filters):
            handler.addFilter(_OneLineDriverErrors())


def main(argv: Sequence[str] | None = None, *, frontend: Frontend | None = None) -> int:
    """Run one command, or start the front end: ``frontend`` if given (an embedding or a test),
    else the one installed under the ``assessment_app.frontends`` entry points."""
    configure_logging()
    argv = list(sys.argv[1:] if argv is None else argv)
    # Starting the desktop app (no command) must not pay for importing every command module:
    # parse the global options alone first, and build the full parser only for a command.
    quick = build_parser(with_commands=False)
    known, rest = quick.parse_known_args(argv)
    if known.version_requested:
        from assessment_app import __version__

        print(f"assessment-app {__version__}")
        return 0
    if not rest:
        args, parser = known, quick
        args.command = None
    else:
        parser = build_parser(rest=rest)
        args = parser.parse_args(argv)
    gui_language: str | None = args.lang
    args.lang = args.lang or "sv"
    try:
        if args.self_test or args.command is None:
            return _start_gui(args, parser, gui_language, frontend)
        handler: Handler = args.handler
        return handler(args)
    except AppError as error:
        message = error.localized(args.lang)
        if isinstance(error, (ServerUnavailableError, ServerBusyError)):
            # The command line keeps nothing locally (only the desktop app does): say so.
            message += (
                " Kommandot blev inte klart och inget sparades på den här datorn; kör det igen "
                "när servern går att nå."
                if args.lang == "sv"
                else " The command did not finish and nothing was kept on this computer; run "
                "it again when the server can be reached."
            )
        print(f"{'Fel' if args.lang == 'sv' else 'Error'}: {message}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:  # e.g. `demo ... | head`: the reader went away
        sys.stderr.close()
        return 0
    except OSError as error:  # a file the command writes: full disk, file too large, gone
        sv = args.lang == "sv"
        why = error.strerror or type(error).__name__
        print(
            f"Fel: kan inte skriva {error.filename or 'filen'}: {why}. Inget halvfärdigt sparades."
            if sv
            else f"Error: cannot write {error.filename or 'the file'}: {why}. Nothing partial "
            "was kept.",
            file=sys.stderr,
        )
        return 1
    except Exception as error:  # the local database could not be written (disk full)
        # SQLAlchemy is not imported at start-up (see test_cli), so the class is checked here.
        orig = str(getattr(error, "orig", "")).lower()
        if type(error).__name__ != "OperationalError" or ("full" not in orig and "i/o" not in orig):
            raise
        print(
            "Fel: databasen kunde inte skrivas (disken är full eller filen går inte att skriva); "
            "inget av ändringen sparades. Frigör utrymme och försök igen."
            if args.lang == "sv"
            else "Error: the database could not be written (the disk is full or the file cannot "
            "be written); nothing of the change was saved. Free some space and try again.",
            file=sys.stderr,
        )
        return 1
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Avbrutet / Interrupted", file=sys.stderr)
        return 130


def _start_gui(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    language: str | None,
    frontend: Frontend | None,
) -> int:
    run = frontend if frontend is not None else find_frontend()
    if run is None:
        if args.self_test:
            print("The desktop app (ui/) is not available in this build.", file=sys.stderr)
            return 1
        parser.print_help()
        return 0
    result: int = run(database_url(args), self_test=args.self_test, language=language)
    return result


def find_frontend(name: str = DESKTOP_FRONTEND) -> Frontend | None:
    """The front end ``name`` from the installed ``assessment_app.frontends`` entry points,
    imported now; None when none is installed or it cannot be imported (e.g. without Qt)."""
    from importlib.metadata import entry_points  # not at the top: it costs tens of ms

    for entry in entry_points(group=FRONTENDS_GROUP):
        if entry.name != name:
            continue
        try:
            run: Frontend = entry.load()
        except ImportError as error:
            log.info("front end %s (%s) cannot be loaded: %s", name, entry.value, error)
            return None
        return run
    return None
