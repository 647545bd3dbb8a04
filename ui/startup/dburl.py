"""What the start screens need to know about a database URL, without importing SQLAlchemy
(that import alone costs more than showing the sign-in window; it happens in the background
while the person types). The parsing follows SQLAlchemy's URL rules; a test checks that the
two agree."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

_URL = re.compile(r"^(?P<name>[\w+]+)://(?P<rest>[^?]*)(?:\?.*)?$", re.DOTALL)


def sqlite_file_of(url: str) -> Path | None:
    """The local file of a SQLite URL; None for a server database or an in-memory one."""
    match = _URL.match(url)
    if match is None or match["name"].split("+")[0] != "sqlite":
        return None
    rest = match["rest"]
    if "/" not in rest:
        return None
    database = unquote(rest.split("/", 1)[1])
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser().resolve()


def first_run_needed(url: str) -> bool:
    """Only a missing local file means "first run". Anything that exists, and every server
    database, goes to sign-in, so a failed open can never lead to creating a new database."""
    path = sqlite_file_of(url)
    return path is not None and not path.exists()


def display_url(url: str) -> str:
    """The URL to show: a server password is never shown."""
    match = _URL.match(url)
    if match is not None and match["name"].split("+")[0] == "sqlite":
        return url  # a file has no password
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "?"
