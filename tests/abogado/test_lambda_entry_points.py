"""The Lambda entry points read the settings once and take what they need from the container."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import select

from abogado import lambda_handlers
from db.engine import make_engine, make_sessionmaker
from db.models import User
from tests.db.test_cognito_trigger import CONFIRM_SIGN_UP, SUB


def test_lambda_handler_reads_the_database_url_from_settings(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ABOGADO_DATABASE__URL", db_url)
    monkeypatch.setattr(lambda_handlers, "_cognito", None)  # a cold container
    event = copy.deepcopy(CONFIRM_SIGN_UP)
    assert lambda_handlers.cognito_post_confirmation(event, None) == CONFIRM_SIGN_UP
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        assert session.scalar(select(User.email).where(User.cognito_sub == SUB)) == (
            "ana.trabajadora@example.mx"
        )
    engine.dispose()
