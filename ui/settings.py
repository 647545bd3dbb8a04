"""User preferences kept between runs (QSettings-backed)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

LANGUAGES = ("sv", "en")
DEFAULT_IDLE_MINUTES = 10


class AppSettings:
    """Typed access to the few preferences the app remembers.

    Tests pass a QSettings on a temporary INI file so they never touch the user's settings.
    """

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store or QSettings("assessment-app", "assessment-app")

    @property
    def language(self) -> str | None:
        """The language the user chose in the app, or None when never chosen."""
        value = self._store.value("language")
        return str(value) if value in LANGUAGES else None

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(value)
        self._store.setValue("language", value)

    @property
    def idle_lock_minutes(self) -> int:
        try:
            minutes = int(str(self._store.value("idle_lock_minutes", DEFAULT_IDLE_MINUTES)))
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MINUTES
        return minutes if 1 <= minutes <= 240 else DEFAULT_IDLE_MINUTES

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, minutes: int) -> None:
        self._store.setValue("idle_lock_minutes", int(minutes))

    @property
    def last_database_url(self) -> str | None:
        value = self._store.value("last_database_url")
        return str(value) if value else None

    @last_database_url.setter
    def last_database_url(self, url: str) -> None:
        self._store.setValue("last_database_url", url)

    @property
    def last_username(self) -> str:
        return str(self._store.value("last_username", "") or "")

    @last_username.setter
    def last_username(self, username: str) -> None:
        self._store.setValue("last_username", username)

    @property
    def desktop_notifications(self) -> bool:
        """Reminders as desktop notifications (the system tray) while the app runs; off
        unless chosen."""
        return str(self._store.value("desktop_notifications", "false")).lower() == "true"

    @desktop_notifications.setter
    def desktop_notifications(self, on: bool) -> None:
        self._store.setValue("desktop_notifications", "true" if on else "false")

    def sync(self) -> None:
        self._store.sync()
