"""Migrations upgrade an empty database, and the models match them (no autogenerate drift)."""

from __future__ import annotations

from sqlalchemy import text

from db.base import load_models
from db.engine import make_engine
from db.migrate import downgrade, drift, upgrade
from tests.db.databases import table_names


def test_upgrade_creates_every_model_table(empty_db_url: str) -> None:
    assert "users" not in table_names(empty_db_url)
    upgrade(empty_db_url)
    expected = set(load_models().tables)
    assert expected <= table_names(empty_db_url)
    assert {"users", "chat_identities", "cases", "messages", "conversations"} <= expected


def test_models_and_migrations_do_not_drift(empty_db_url: str) -> None:
    upgrade(empty_db_url)
    assert drift(empty_db_url) == []


def test_drift_is_detected_on_an_outdated_schema(empty_db_url: str) -> None:
    upgrade(empty_db_url)
    engine = make_engine(empty_db_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE processed_events"))
    engine.dispose()
    differences = drift(empty_db_url)
    assert any(d[0] == "add_table" and d[1].name == "processed_events" for d in differences)


def test_first_revision_downgrades_to_nothing(empty_db_url: str) -> None:
    upgrade(empty_db_url, "0001_conversation")
    assert {"users", "cases", "messages"} <= table_names(empty_db_url)
    downgrade(empty_db_url, "base")
    assert table_names(empty_db_url) <= {"alembic_version"}


def test_upgrade_is_repeatable(empty_db_url: str) -> None:
    upgrade(empty_db_url)
    upgrade(empty_db_url)
    assert drift(empty_db_url) == []
