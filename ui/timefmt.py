"""Showing stored (UTC) times in local time."""

from __future__ import annotations

from datetime import UTC, datetime


def local_time(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime(fmt)
