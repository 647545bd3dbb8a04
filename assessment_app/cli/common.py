"""What the command modules share: passwords, the database URL, signing in, the rollback check.

Every module in ``cli/commands/`` imports its helpers from here and from no other command
module (``tests/test_architecture.py`` holds that). ``main`` imports this module on the way to
the desktop app too, so its top-level imports stay light: the storage layer is imported inside
the functions that need it.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from assessment_app.config import default_database_url
from assessment_app.errors import AppError, ConfigurationError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from assessment_app.context import Context
    from assessment_app.keys_admin import MasterRotationResult
    from assessment_app.workspace import Workspace

Handler = Callable[[argparse.Namespace], int]

log = logging.getLogger(__name__)


# --- passwords -----------------------------------------------------------------------------------


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


# --- the database --------------------------------------------------------------------------------


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


# --- signing in ----------------------------------------------------------------------------------


def require_user(args: argparse.Namespace) -> str:
    if not args.user:
        raise ConfigurationError(
            "Say who you are with --user NAME.", "Ange vem du är med --user NAMN."
        )
    return str(args.user)


def signed_in(args: argparse.Namespace, *, temporary_ok: bool = False) -> Context:
    """Open the database and sign in as ``--user``; the rollback check runs once after it.

    A user who still has a temporary password may only change it (``temporary_ok``, the
    ``user passwd`` command): every other command says so and stops.
    """
    from assessment_app import accounts
    from assessment_app.db.engine import Database
    from assessment_app.errors import PasswordChangeRequiredError

    username = require_user(args)
    db = Database.open(connect_url(args))
    ctx = accounts.sign_in(db, username, read_password())
    if ctx.must_change_password and not temporary_ok:
        db.dispose()
        raise PasswordChangeRequiredError()
    return warn_on_rollback(ctx, args)


def workspace(args: argparse.Namespace, *, temporary_ok: bool = False) -> Workspace:
    """Sign in and open the use-case layer: the one door every command goes through."""
    from assessment_app.workspace import Workspace

    return Workspace(
        signed_in(args, temporary_ok=temporary_ok), language=getattr(args, "lang", "sv") or "sv"
    )


# --- the rollback check --------------------------------------------------------------------------

_checked: list[Context] = []


def note_rollback_checked(ctx: Context) -> None:
    """Mark the sign-in ``ctx`` as checked: a command that compares with the anchor itself."""
    _checked.append(ctx)


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


# --- messages ------------------------------------------------------------------------------------


def say(args: argparse.Namespace, sv: str, en: str) -> str:
    """The Swedish or the English text, by ``--lang``."""
    return en if getattr(args, "lang", "sv") == "en" else sv


def report_master_rotation(args: argparse.Namespace, result: MasterRotationResult) -> int:
    """What a master-key rotation did, for ``user remove --rotate`` and ``keys rotate``."""
    done, indexes = result.reencrypted, result.reindexed
    print(
        say(
            args,
            f"Huvudnyckeln och alla nycklar under den är utbytta: {done} värden omkrypterade, "
            f"{indexes} sökindex omräknade."
            + (" (Ett avbrutet nyckelbyte slutfördes.)" if result.resumed else ""),
            f"The master key and every key under it are replaced: {done} values re-encrypted, "
            f"{indexes} search indexes recomputed."
            + (" (An interrupted key change was finished.)" if result.resumed else ""),
        )
    )
    print(
        say(
            args,
            "De andra användarna får den nya nyckeln vid nästa inloggning. Tidigare inloggade "
            "sessioner måste logga in igen.",
            "The other users get the new key at their next sign-in. Sessions signed in "
            "before must sign in again.",
        )
    )
    if result.needs_reset:
        names = ", ".join(result.needs_reset)
        print(
            say(
                args,
                "Dessa användare fick ingen ny nyckel (de har inte loggat in sedan nyckelparen "
                "infördes, kontot är avstängt, eller nyckeln var ändrad för hand) och behöver "
                f"ett nytt lösenord ('user reset NAMN'): {names}",
                "These users got no new key (they have not signed in since key pairs were "
                "introduced, the account is disabled, or their key was changed by hand) and need "
                f"a new password ('user reset NAME'): {names}",
            )
        )
    if result.recovery_key:
        print(
            say(
                args,
                "Ny återställningsnyckel (den gamla fungerar inte längre). Skriv ner den och "
                "förvara den säkert, den visas bara nu:",
                "New recovery key (the old one no longer works). Write it down and keep it "
                "safe, it is shown only now:",
            )
            + f"\n\n    {result.recovery_key}\n"
        )
    if result.failed:
        print(
            say(
                args,
                f"{result.failed} värden kunde inte läsas och lämnades orörda (se loggen).",
                f"{result.failed} values could not be read and were left as they are (see the "
                "log).",
            ),
            file=sys.stderr,
        )
        return 1
    return 0
