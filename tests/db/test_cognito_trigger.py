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


# --- Facebook: both orders, with the pre-sign-up trigger's Cognito calls stubbed ------------

FB_ID = "10158123456789012"
FB_SUB = "0c1d2e3f-aaaa-4bbb-8ccc-123456789abc"
POOL = CONFIRM_SIGN_UP["userPoolId"]
EMAIL = "ana.trabajadora@example.mx"


def _federated(source: str, *, sub: str, username: str) -> dict[str, Any]:
    """A trigger event for a sign-in through Facebook (Cognito's federated user shape)."""
    event = copy.deepcopy(CONFIRM_SIGN_UP)
    event["triggerSource"] = source
    event["userName"] = username
    event["request"]["userAttributes"] = {
        "sub": sub,
        "email": EMAIL,
        "name": "Ana López",
        "cognito:user_status": "EXTERNAL_PROVIDER"
        if username.startswith("Facebook_")
        else "CONFIRMED",
        "identities": f'[{{"providerName":"Facebook","userId":"{FB_ID}","primary":"true"}}]',
    }
    return event


def _pre_sign_up(source: str, username: str) -> dict[str, Any]:
    return {
        "version": "1",
        "region": "us-east-1",
        "userPoolId": POOL,
        "userName": username,
        "triggerSource": source,
        "request": {"userAttributes": {"email": EMAIL}},
        "response": {},
    }


def _listed(username: str, status: str, verified: str) -> dict[str, Any]:
    when = datetime(2026, 11, 1, tzinfo=UTC)
    return {
        "Username": username,
        "Attributes": [
            {"Name": "email", "Value": EMAIL},
            {"Name": "email_verified", "Value": verified},
        ],
        "UserCreateDate": when,
        "UserLastModifiedDate": when,
        "Enabled": True,
        "UserStatus": status,
    }


@pytest.fixture
def cognito() -> Iterator[tuple[Any, Any]]:
    import boto3
    from botocore.stub import Stubber

    client = boto3.client(
        "cognito-idp",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def _add_case(sessions: sessionmaker[Session], sub: str) -> None:
    from db.models import CaseRow

    with sessions() as session, session.begin():
        user_id = session.scalars(select(User.id).where(User.cognito_sub == sub)).one()
        session.add(
            CaseRow(
                user_id=user_id,
                number=1,
                topic="despido",
                opened_on=NOW.date(),
                created_at=NOW,
                updated_at=NOW,
            )
        )


def _cases_of(sessions: sessionmaker[Session], sub: str) -> int:
    from db.models import CaseRow

    with sessions() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(CaseRow)
                .join(User, CaseRow.user_id == User.id)
                .where(User.cognito_sub == sub)
            )
            or 0
        )


def test_email_first_then_facebook_keeps_one_user_and_its_cases(
    sessions: sessionmaker[Session], cognito: tuple[Any, Any]
) -> None:
    from db.cognito_presignup import handle_pre_sign_up
    from db.links import upsert_user
    from webhooks.auth.oidc import IdentityClaims

    client, stubber = cognito
    cognito_trigger.handle(CONFIRM_SIGN_UP, sessions=sessions, now=lambda: NOW)
    _add_case(sessions, SUB)
    # Facebook's first sign-in: pre-sign-up finds the verified e-mail account and links.
    stubber.add_response("list_users", {"Users": [_listed(SUB, "CONFIRMED", "true")]}, None)
    stubber.add_response("admin_link_provider_for_user", {}, None)
    handle_pre_sign_up(
        _pre_sign_up("PreSignUp_ExternalProvider", f"Facebook_{FB_ID}"), cognito=client
    )
    # From now on Cognito signs the Facebook identity in as the linked user: its sub, its name.
    linked = _federated("PostAuthentication_Authentication", sub=SUB, username=SUB)
    cognito_trigger.handle(linked, sessions=sessions, now=lambda: NOW)
    claims = IdentityClaims(sub=SUB, username=SUB, email=EMAIL, groups=())
    with sessions() as session, session.begin():
        upsert_user(session, claims, now=NOW)  # the login callback's upsert
    [user] = _users(sessions)
    assert user.cognito_sub == SUB
    assert _cases_of(sessions, SUB) == 1


def test_facebook_first_registers_the_federated_user_and_refuses_a_second_account(
    sessions: sessionmaker[Session], cognito: tuple[Any, Any]
) -> None:
    from db.cognito_presignup import SignUpRefused, handle_pre_sign_up

    client, stubber = cognito
    facebook_name = f"Facebook_{FB_ID}"
    # No e-mail account yet: no link, Cognito creates the Facebook user.
    stubber.add_response("list_users", {"Users": []}, None)
    handle_pre_sign_up(_pre_sign_up("PreSignUp_ExternalProvider", facebook_name), cognito=client)
    # AWS documents post-confirmation for a federated first sign-in; some pools were seen to
    # run only post-authentication. Either registers; both (and retries) make one row.
    for source in (
        "PostConfirmation_ConfirmSignUp",
        "PostConfirmation_ConfirmSignUp",
        "PostAuthentication_Authentication",
    ):
        event = _federated(source, sub=FB_SUB, username=facebook_name)
        cognito_trigger.handle(event, sessions=sessions, now=lambda: NOW)
    [user] = _users(sessions)
    assert (user.cognito_sub, user.username, user.email) == (FB_SUB, facebook_name, EMAIL)
    _add_case(sessions, FB_SUB)
    # Later the same person tries an e-mail sign-up with that address: refused, one account.
    facebook_user = _listed(facebook_name, "EXTERNAL_PROVIDER", "false")
    stubber.add_response("list_users", {"Users": [facebook_user]}, None)
    with pytest.raises(SignUpRefused):
        handle_pre_sign_up(_pre_sign_up("PreSignUp_SignUp", EMAIL), cognito=client)
    assert [u.cognito_sub for u in _users(sessions)] == [FB_SUB]
    assert _cases_of(sessions, FB_SUB) == 1


def test_post_authentication_alone_registers_a_user_the_first_trigger_missed(
    sessions: sessionmaker[Session],
) -> None:
    event = _federated(
        "PostAuthentication_Authentication", sub=FB_SUB, username=f"Facebook_{FB_ID}"
    )
    assert cognito_trigger.handle(event, sessions=sessions, now=lambda: NOW) == event
    assert [u.cognito_sub for u in _users(sessions)] == [FB_SUB]
