"""Fixtures for the server-mode tests: a world on each server database."""

from __future__ import annotations

import pytest

from tests.conftest import World, make_world

# Use as a decorator: runs the test once on PostgreSQL and once on MariaDB.
ON_SERVERS = pytest.mark.parametrize("server_database", ["postgresql", "mariadb"], indirect=True)


@pytest.fixture
def server_world(server_database: str) -> World:
    return make_world(server_database)
