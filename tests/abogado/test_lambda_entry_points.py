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


def test_the_pre_sign_up_entry_links_through_its_cognito_client() -> None:
    import boto3
    from botocore.stub import Stubber

    from tests.db.test_cognito_presignup import EXTERNAL, LINK_PARAMS, LIST_PARAMS, pool_user

    client = boto3.client(
        "cognito-idp", region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t"
    )
    handler = lambda_handlers.build_cognito_pre_sign_up(cognito=client)
    with Stubber(client) as stubber:
        stubber.add_response("list_users", {"Users": [pool_user()]}, LIST_PARAMS)
        stubber.add_response("admin_link_provider_for_user", {}, LINK_PARAMS)
        assert handler(copy.deepcopy(EXTERNAL), None) == EXTERNAL
        stubber.assert_no_pending_responses()
