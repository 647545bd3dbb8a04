"""Where things live on this machine, and installation-wide settings."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from assessment_app import APP_NAME

APP_AUTHOR = "assessment-app"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return data_dir() / "records.sqlite3"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"
