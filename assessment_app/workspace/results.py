"""Plain results of the use cases that save: the screens and the command line read these,
never driver exceptions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Generic, TypeVar

from assessment_app.errors import ServerBusyError, ServerUnavailableError, StaleEditError

T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """Stored in the database; ``value`` is what the use case returns (e.g. the new plan)."""

    value: T


@dataclass(frozen=True)
class Exported:
    """A file written by an export; ``damaged`` counts the stored values that could not be
    read and are marked as damaged in it (never left out or shown as empty)."""

    path: Path
    damaged: int = 0


@dataclass(frozen=True)
class KeptLocally:
    """The server could not be reached: the work is kept encrypted on this computer and is
    saved when the server is back. ``reason`` says what happened."""

    reason: ServerUnavailableError | ServerBusyError
    saved_at: datetime

    def message(self, language: str) -> str:
        if language == "sv":
            return (
                f"{self.reason.user_message} Det du skrivit är sparat krypterat på den här "
                "datorn och sparas i databasen så snart servern går att nå igen."
            )
        return (
            f"{self.reason.message_en} Your work is kept encrypted on this computer and is "
            "saved to the database as soon as the server can be reached again."
        )


@dataclass(frozen=True)
class NotKept:
    """The server could not be reached and there is nowhere to keep the work locally (a local
    database file, or no local store): nothing was saved; the screen keeps it in memory."""

    reason: ServerUnavailableError | ServerBusyError


@dataclass(frozen=True)
class Conflict:
    """Someone else saved the record after it was loaded here: nothing was overwritten."""

    error: StaleEditError


SaveResult = Saved[T] | KeptLocally | NotKept | Conflict
