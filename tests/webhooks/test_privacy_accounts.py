"""/borrar deletes the Cognito user (``AdminDeleteUser``, botocore's Stubber): one already gone
counts as deleted, and when Cognito fails the turn fails whole and nothing is deleted yet, so
the worker's retry deletes both."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.messages import Inbound
from db.identities import ensure_linked_user
from db.models import User
from db.unit_of_work import SqlTurnWorks
from services.erasure import AccountDeletionFailed
from services.errors import AbogadoError
from services.settings import CognitoSettings, DatabaseSettings, QdrantSettings, Settings
from services.turns import TurnRunner
from tests.db.databases import db_url, empty_db_url, sessions
from tests.services.fakes import FakeAnswerer
from webhooks.auth.accounts import CognitoAccountDeleter, build_account_deleter

__all__ = ["db_url", "empty_db_url", "sessions"]  # fixtures: SQLite and MariaDB
POOL = "us-east-1_Borrar"
NOW = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
_ids = itertools.count(1)


class Clock:
    def now(self) -> datetime:
        return NOW

    def today(self) -> date:
        return NOW.date()


def _cognito() -> tuple[object, Stubber]:
    client = boto3.client(
        "cognito-idp", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    return client, Stubber(client)


def _say(runner: TurnRunner, body: str) -> str:
    inbound = Inbound.from_text(
        channel="telegram", chat_id="777", message_id=f"m{next(_ids)}", text=body, received_at=NOW
    )
    return "\n".join(r.text for r in runner.handle(inbound).replies)


def _users(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(User)) or 0)


def test_a_user_already_gone_counts_as_deleted() -> None:
    client, stub = _cognito()
    stub.add_client_error(
        "admin_delete_user",
        service_error_code="UserNotFoundException",
        expected_params={"UserPoolId": POOL, "Username": "ana"},
    )
    with stub:
        CognitoAccountDeleter(client=client, user_pool_id=POOL).delete("ana")
    stub.assert_no_pending_responses()


def test_when_cognito_fails_nothing_is_deleted_and_the_retry_deletes_both(
    sessions: sessionmaker[Session],
) -> None:
    client, stub = _cognito()
    runner = TurnRunner(
        work=SqlTurnWorks(sessions),
        answerer=FakeAnswerer(),
        clock=Clock(),
        sleep=lambda _: None,
        accounts=CognitoAccountDeleter(client=client, user_pool_id=POOL),
    )
    with sessions.begin() as session:
        ensure_linked_user(
            session, channel="telegram", chat_id="777", sub="sub-ana", username="ana", now=NOW
        )
    _say(runner, "hola")
    assert "Seguro" in _say(runner, "/borrar")
    expected = {"UserPoolId": POOL, "Username": "ana"}
    stub.add_client_error(
        "admin_delete_user", service_error_code="TooManyRequestsException", http_status_code=429,
        expected_params=expected,
    )  # fmt: skip
    stub.add_response("admin_delete_user", {}, expected)
    confirm = Inbound.from_text(
        channel="telegram", chat_id="777", message_id="yes", text="sí", received_at=NOW
    )
    with stub:
        with pytest.raises(AccountDeletionFailed):
            runner.handle(confirm)
        assert _users(sessions) == 1  # the reply would not be true yet: nothing went
        replies = runner.handle(confirm).replies  # the worker's retry of the same message
    stub.assert_no_pending_responses()
    assert "borré tu cuenta" in "\n".join(r.text for r in replies)
    assert _users(sessions) == 0


def test_the_deleter_is_cognitos_in_aws_and_none_locally(tmp_path: Path) -> None:
    assert build_account_deleter(Settings(data_dir=tmp_path)) is None
    aws = Settings(
        profile="aws",
        database=DatabaseSettings(url="mysql+pymysql://abogado@127.0.0.1:9/abogado"),
        qdrant=QdrantSettings(url="http://127.0.0.1:9"),
        embedding={"backend": "titan"},  # type: ignore[arg-type]  # pydantic builds the model
        answer={"backend": "bedrock"},  # type: ignore[arg-type]
    )
    with pytest.raises(AbogadoError, match="USER_POOL_ID"):
        build_account_deleter(aws)
    client, _ = _cognito()
    pooled = aws.model_copy(update={"cognito": CognitoSettings(user_pool_id=POOL)})
    assert isinstance(build_account_deleter(pooled, client=client), CognitoAccountDeleter)
