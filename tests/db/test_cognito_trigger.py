"""The Cognito post-confirmation trigger with Cognito's payloads, on SQLite and on MariaDB."""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, func, select
from sqlalchemy.orm import Session, sessionmaker

from db import cognito_trigger, migrate
from db.engine import make_engine, make_sessionmaker
from db.models import User

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
SUB = "7d8ca528-4931-4254-9273-ea5ee853f271"

# The shape Cognito sends (AWS docs, "Post confirmation Lambda trigger"; a real sign-up).
CONFIRM_SIGN_UP: dict[str, Any] = {
    "version": "1",
    "region": "us-east-1",
    "userPoolId": "us-east-1_AbCdEfGhI",
    "userName": SUB,
    "callerContext": {
        "awsSdkVersion": "aws-sdk-unknown-unknown",
        "clientId": "3n4b5urk1ft4fl3mg5e62d9ado",
    },
    "triggerSource": "PostConfirmation_ConfirmSignUp",
    "request": {
        "userAttributes": {
            "sub": SUB,
            "email_verified": "true",
            "cognito:user_status": "CONFIRMED",
            "cognito:email_alias": "ana.trabajadora@example.mx",
            "email": "ana.trabajadora@example.mx",
        }
    },
    "response": {},
}


def _wipe(url: str) -> None:
    engine = make_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        metadata.drop_all(engine)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("mariadb", marks=pytest.mark.mariadb)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'trigger.db'}"
    else:
        url = str(request.getfixturevalue("mysql_url"))
        _wipe(url)
    migrate.upgrade(url)
    return url


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    yield make_sessionmaker(engine)
    engine.dispose()


def _users(sessions: sessionmaker[Session]) -> list[User]:
    with sessions() as session:
        return list(session.scalars(select(User)))


def test_confirmed_user_is_inserted_and_event_returned(sessions: sessionmaker[Session]) -> None:
    event = copy.deepcopy(CONFIRM_SIGN_UP)
    returned = cognito_trigger.handle(event, sessions=sessions, now=lambda: NOW)
    assert returned == CONFIRM_SIGN_UP
    [user] = _users(sessions)
    assert user.cognito_sub == SUB
    assert user.username == SUB
    assert user.email == "ana.trabajadora@example.mx"
    assert user.role == "user"
    assert user.created_at == NOW


def test_second_delivery_changes_nothing(sessions: sessionmaker[Session]) -> None:
    cognito_trigger.handle(CONFIRM_SIGN_UP, sessions=sessions, now=lambda: NOW)
    again = copy.deepcopy(CONFIRM_SIGN_UP)
    again["request"]["userAttributes"]["email"] = "otro@example.mx"
    later = datetime(2026, 11, 27, tzinfo=UTC)
    cognito_trigger.handle(again, sessions=sessions, now=lambda: later)
    [user] = _users(sessions)
    assert user.email == "ana.trabajadora@example.mx"
    assert user.created_at == NOW


def test_forgot_password_confirmation_is_idempotent_too(sessions: sessionmaker[Session]) -> None:
    cognito_trigger.handle(CONFIRM_SIGN_UP, sessions=sessions, now=lambda: NOW)
    forgot = copy.deepcopy(CONFIRM_SIGN_UP)
    forgot["triggerSource"] = "PostConfirmation_ConfirmForgotPassword"
    assert cognito_trigger.handle(forgot, sessions=sessions, now=lambda: NOW) == forgot
    assert len(_users(sessions)) == 1


def test_other_trigger_sources_are_ignored(sessions: sessionmaker[Session]) -> None:
    other = copy.deepcopy(CONFIRM_SIGN_UP)
    other["triggerSource"] = "PreSignUp_SignUp"
    assert cognito_trigger.handle(other, sessions=sessions, now=lambda: NOW) == other
    assert _users(sessions) == []


def test_concurrent_deliveries_insert_one_row(sessions: sessionmaker[Session]) -> None:
    errors: list[BaseException] = []

    def deliver() -> None:
        try:
            cognito_trigger.handle(CONFIRM_SIGN_UP, sessions=sessions, now=lambda: NOW)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1


def test_database_error_is_logged_without_pii_and_event_returned(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}", hide_parameters=True)
    caplog.set_level(logging.INFO, logger="db.cognito_trigger")
    returned = cognito_trigger.handle(
        CONFIRM_SIGN_UP, sessions=make_sessionmaker(engine), now=lambda: NOW
    )
    engine.dispose()
    assert returned == CONFIRM_SIGN_UP
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    message = record.getMessage()
    assert "OperationalError" in message
    assert "us-east-1_AbCdEfGhI" in message
    assert "example.mx" not in message
    assert SUB not in message
