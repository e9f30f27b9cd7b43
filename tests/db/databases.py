"""Fresh, migrated databases for tests: a SQLite file, or a new database on the CI MariaDB."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from db.engine import make_engine, make_sessionmaker
from db.migrate import upgrade


def _fresh_mariadb(server_url: str) -> Iterator[str]:
    """A database of its own on the server (dropped afterwards), so tests never share rows."""
    name = f"abogado_h4_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server_url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("mariadb", marks=pytest.mark.mariadb)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (no tables), on SQLite and on MariaDB."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'abogado.db'}"
        return
    yield from _fresh_mariadb(str(request.getfixturevalue("mysql_url")))


@pytest.fixture
def db_url(empty_db_url: str) -> str:
    """A database migrated to the head revision."""
    upgrade(empty_db_url)
    return empty_db_url


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    yield make_sessionmaker(engine)
    engine.dispose()


def table_names(url: str) -> set[str]:
    """The tables the database at ``url`` has now."""
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def row_count(sessions: sessionmaker[Session], model: type[object]) -> int:
    """How many rows ``model``'s table holds."""
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)
