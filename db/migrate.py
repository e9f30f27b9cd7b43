"""Alembic, driven by our code: ``upgrade(url)``, ``current(url)``, ``head()``, ``drift(url)``
and ``revision(url, message)``.

The URL is handed to ``db/migrations/env.py`` through the Alembic config's attributes; nothing
reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.base import load_models
from db.engine import make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["url"] = url
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` up to ``revision`` (creating every table on an empty one)."""
    command.upgrade(config(url), revision)


def head() -> str:
    """The newest revision in ``db/migrations`` (one head: the history is linear)."""
    found = ScriptDirectory.from_config(config("")).get_current_head()
    if found is None:
        raise LookupError("db/migrations has no revisions")
    return found


def current(url: str) -> str | None:
    """The revision the database at ``url`` is at; None before the first upgrade."""
    engine = make_engine(url, hide_parameters=True)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def downgrade(url: str, revision: str) -> None:
    command.downgrade(config(url), revision)


def revision(url: str, message: str) -> None:
    """Autogenerate a new revision against the (upgraded) database at ``url``; for developers."""
    command.revision(config(url), message=message, autogenerate=True)


def drift(url: str) -> list[Any]:
    """Differences between the models and the database at ``url``; empty when in step."""
    metadata = load_models()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": False}
            )
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()
