"""The user's choices on top of the presets municipal IT may set next to the install.

A value the user chose in the app wins; otherwise IT's preset (``settings.json``, see
``assessment_app.settings.load_presets``); otherwise the app's default. Only what the user
actually changes is stored, so a later change of a preset reaches everyone who never chose.

This module is imported by the first window: nothing here may import SQLAlchemy at load time.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from assessment_app.errors import ConfigurationError, ValidationError
from assessment_app.settings import Presets, load_presets
from ui.settings import DEFAULT_IDLE_MINUTES, LANGUAGES, AppSettings

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from assessment_app.credentials import CredentialStore

log = logging.getLogger(__name__)

MODES = ("local", "server")
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 120
SERVER_BACKENDS = {"postgresql": "psycopg", "mysql": "pymysql", "mariadb": "pymysql"}


def read_presets() -> tuple[Presets, ConfigurationError | None]:
    """IT's presets, or none and the reason when a settings file is broken (shown, not hidden)."""
    try:
        return load_presets(), None
    except ConfigurationError as error:
        log.warning("presets not loaded: %s", error.message_en)
        return Presets(), error


class Preferences(AppSettings):
    """``AppSettings`` plus the connection, with IT's presets as the defaults."""

    def __init__(self, store: QSettings | None = None, presets: Presets | None = None) -> None:
        super().__init__(store)
        if presets is None:
            presets, self.presets_error = read_presets()
        else:
            self.presets_error = None
        self.presets = presets

    @classmethod
    def of(cls, settings: AppSettings) -> Preferences:
        """The preferences over the same store as ``settings`` (the app passes Preferences
        already; tests and tools may pass plain AppSettings)."""
        if isinstance(settings, Preferences):
            return settings
        return cls(settings._store)

    # --- language ---------------------------------------------------------------------------
    @property
    def effective_language(self) -> str:
        return self.language or self.presets.language or "sv"

    # --- idle lock --------------------------------------------------------------------------
    @property
    def idle_lock_minutes(self) -> int:
        if self._store.contains("idle_lock_minutes"):
            return AppSettings.idle_lock_minutes.fget(self)  # type: ignore[attr-defined,no-any-return]
        preset = self.presets.idle_lock_minutes
        if preset is not None and MIN_IDLE_MINUTES <= preset <= 240:
            return preset
        return DEFAULT_IDLE_MINUTES

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, minutes: int) -> None:
        if not MIN_IDLE_MINUTES <= int(minutes) <= MAX_IDLE_MINUTES:
            raise ValueError(minutes)
        self._store.setValue("idle_lock_minutes", int(minutes))

    # --- connection -------------------------------------------------------------------------
    @property
    def database_mode(self) -> str:
        value = self._store.value("database_mode")
        if value in MODES:
            return str(value)
        return "server" if self.presets.server_url else "local"

    @database_mode.setter
    def database_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(mode)
        self._store.setValue("database_mode", mode)

    @property
    def server_url(self) -> str:
        value = self._store.value("server_url")
        return str(value) if value else (self.presets.server_url or "")

    @server_url.setter
    def server_url(self, url: str) -> None:
        self._store.setValue("server_url", url)

    def database_url(self, local_url: str) -> str:
        """The database to open: the configured server, or the local file."""
        if self.database_mode == "server" and self.server_url:
            return self.server_url
        return local_url

    def is_user_choice(self, key: str) -> bool:
        return bool(self._store.contains(key))


__all__ = [
    "LANGUAGES",
    "MAX_IDLE_MINUTES",
    "MIN_IDLE_MINUTES",
    "Preferences",
    "check_server_url",
    "connect_url",
    "read_presets",
]


# --- server URLs (SQLAlchemy is imported when these run, never at start-up) -------------------


def check_server_url(text: str) -> str:
    """A valid server URL without a password, with the app's driver; or a clear error."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    text = text.strip()
    if not text:
        raise ValidationError("Write the server's address.", "Skriv serverns adress.")
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        raise ValidationError(
            "The address cannot be read. It looks like postgresql://user@server.example/database.",
            "Adressen går inte att läsa. Den ser ut så här: "
            "postgresql://användare@server.kommun.se/databas.",
        ) from None
    backend = url.get_backend_name()
    if backend not in SERVER_BACKENDS:
        raise ValidationError(
            "Only PostgreSQL and MariaDB servers are supported (postgresql:// or mysql://). "
            "For a file on this computer, choose the local database.",
            "Bara PostgreSQL- och MariaDB-servrar stöds (postgresql:// eller mysql://). "
            "Välj lokal databas för en fil på den här datorn.",
        )
    if url.password:
        raise ValidationError(
            "Do not put the password in the address: the address is stored in a plain settings "
            "file. Type the password in the server password field; it is kept in the "
            "computer's keyring.",
            "Skriv inte lösenordet i adressen: adressen sparas i en vanlig inställningsfil. "
            "Skriv lösenordet i fältet Serverlösenord; det sparas i datorns nyckelring.",
        )
    if not url.host or not url.database:
        raise ValidationError(
            "The address needs both the server's name and the database's name, e.g. "
            "postgresql://user@server.example/database.",
            "Adressen behöver både serverns namn och databasens namn, till exempel "
            "postgresql://användare@server.kommun.se/databas.",
        )
    if "+" not in url.drivername:
        url = url.set(drivername=f"{backend}+{SERVER_BACKENDS[backend]}")
    return url.render_as_string(hide_password=False)


def connect_url(
    url: str, credentials: CredentialStore | None = None, server_password: str = ""
) -> str | URL:
    """The URL to open: a typed server password, else the one in the keyring, else as is."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" or parsed.password:
        return url
    if server_password:
        return parsed.set(password=server_password)
    from assessment_app.credentials import CredentialStore

    store = credentials or CredentialStore()
    if not store.available:
        return url  # the server may not need one (certificate or peer authentication)
    return store.resolve_server_url(parsed)


def server_password_needed(url: str, credentials: CredentialStore | None = None) -> bool:
    """Whether sign-in must ask for the server password: a server URL without one, and no
    password for it in a trusted keyring (none available, or none saved)."""
    from sqlalchemy.engine import make_url

    from assessment_app.credentials import CredentialStore
    from assessment_app.errors import KeyringUnavailableError

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" or parsed.password:
        return False
    store = credentials or CredentialStore()
    if not store.available:
        return True
    try:
        return not store.get_server_password(parsed)
    except KeyringUnavailableError:
        return True
