"""Turning errors into calm, specific messages for the person at the screen."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from assessment_app.errors import (
    AccountDisabledError,
    AccountLockedError,
    AppError,
    DatabaseMissingError,
    DatabaseTooNewError,
    NotADatabaseError,
    ServerUnavailableError,
    WrongPasswordError,
)

log = logging.getLogger(__name__)


def current_language() -> str:
    app = QCoreApplication.instance()
    value = app.property("assessment_language") if app is not None else None
    return str(value) if value in ("sv", "en") else "sv"


def sign_in_message(error: BaseException) -> str:
    """The message for a failed sign-in, naming what the person can do about it."""
    if isinstance(error, WrongPasswordError):
        return QCoreApplication.translate(
            "messages", "Fel användarnamn eller lösenord. Kontrollera och försök igen."
        )
    if isinstance(error, AccountLockedError):
        return QCoreApplication.translate(
            "messages", "Kontot är tillfälligt låst efter för många misslyckade försök. {detail}"
        ).format(detail=error.localized(current_language()))
    if isinstance(error, AccountDisabledError):
        return QCoreApplication.translate(
            "messages", "Kontot är avstängt. Kontakta en administratör för att få det aktiverat."
        )
    if isinstance(error, ServerUnavailableError):
        return QCoreApplication.translate(
            "messages",
            "Det går inte att nå databasservern. Kontrollera nätverket eller kontakta "
            "IT-supporten. Inget har ändrats.",
        )
    if isinstance(error, NotADatabaseError):
        return QCoreApplication.translate(
            "messages",
            "Filen eller databasen är inte en databas för den här appen. "
            "Den har inte ändrats. Kontakta IT-supporten.",
        )
    if isinstance(error, DatabaseTooNewError):
        return QCoreApplication.translate(
            "messages", "Databasen är skapad av en nyare version av appen. Uppdatera appen."
        )
    if isinstance(error, DatabaseMissingError):
        return QCoreApplication.translate(
            "messages", "Databasen hittades inte. Kontrollera sökvägen eller kontakta IT-supporten."
        )
    return error_message(error)


def unlock_message(error: BaseException) -> str:
    """The message for a failed unlock: the user is known, so only the password can be wrong."""
    if isinstance(error, WrongPasswordError):
        return QCoreApplication.translate("messages", "Fel lösenord. Försök igen.")
    return sign_in_message(error)


def error_message(error: BaseException) -> str:
    """Any error as user text. Domain errors carry their own safe message; anything else is
    logged for developers and shown as a general message (never with personal data)."""
    if isinstance(error, AppError):
        return error.localized(current_language())
    log.error("unexpected error", exc_info=error)
    return QCoreApplication.translate(
        "messages",
        "Något gick fel ({kind}). Inget av det du skrivit har tagits bort. "
        "Försök igen eller kontakta IT-supporten.",
    ).format(kind=type(error).__name__)
