"""The pre-sign-up trigger links a first Facebook sign-in to the verified e-mail account.

Cognito's API is played by botocore's Stubber: every call must be the expected one, with the
expected parameters, and a call nobody stubbed fails the test.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from db.cognito_presignup import (
    TRY_AGAIN,
    USE_FACEBOOK,
    PoolUser,
    SignUpRefused,
    handle_pre_sign_up,
    link_target,
)

POOL = "us-east-1_AbCdEfGhI"
EMAIL = "ana.trabajadora@example.mx"
NATIVE = "7d8ca528-4931-4254-9273-ea5ee853f271"
FB_ID = "10158123456789012"
WHEN = datetime(2026, 11, 1, tzinfo=UTC)

# A federated first sign-in as Cognito sends it (AWS docs, "Pre sign-up Lambda trigger").
EXTERNAL: dict[str, Any] = {
    "version": "1",
    "region": "us-east-1",
    "userPoolId": POOL,
    "userName": f"Facebook_{FB_ID}",
    "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "3n4b5urk1ft4"},
    "triggerSource": "PreSignUp_ExternalProvider",
    "request": {"userAttributes": {"email": EMAIL, "name": "Ana López"}, "validationData": {}},
    "response": {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False},
}
SIGN_UP: dict[str, Any] = {
    **EXTERNAL,
    "userName": NATIVE,
    "triggerSource": "PreSignUp_SignUp",
    "request": {"userAttributes": {"email": EMAIL}, "validationData": {}},
}


def pool_user(
    username: str = NATIVE,
    *,
    status: str = "CONFIRMED",
    verified: str = "true",
    email: str = EMAIL,
    identities: list[dict[str, str]] | None = None,
    enabled: bool = True,
) -> dict[str, Any]:
    attributes = [
        {"Name": "sub", "Value": username if status != "EXTERNAL_PROVIDER" else "f-sub"},
        {"Name": "email", "Value": email},
        {"Name": "email_verified", "Value": verified},
    ]
    if identities is not None:
        attributes.append({"Name": "identities", "Value": json.dumps(identities)})
    return {
        "Username": username,
        "Attributes": attributes,
        "UserCreateDate": WHEN,
        "UserLastModifiedDate": WHEN,
        "Enabled": enabled,
        "UserStatus": status,
    }


LIST_PARAMS = {"UserPoolId": POOL, "Filter": f'email = "{EMAIL}"', "Limit": 10}
LINK_PARAMS = {
    "UserPoolId": POOL,
    "DestinationUser": {"ProviderName": "Cognito", "ProviderAttributeValue": NATIVE},
    "SourceUser": {
        "ProviderName": "Facebook",
        "ProviderAttributeName": "Cognito_Subject",
        "ProviderAttributeValue": FB_ID,
    },
}


@pytest.fixture
def cognito() -> Iterator[tuple[Any, Stubber]]:
    client = boto3.client(
        "cognito-idp",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def test_first_facebook_sign_in_links_to_the_verified_email_account(
    cognito: tuple[Any, Stubber],
) -> None:
    client, stubber = cognito
    stubber.add_response("list_users", {"Users": [pool_user()]}, LIST_PARAMS)
    stubber.add_response("admin_link_provider_for_user", {}, LINK_PARAMS)
    event = copy.deepcopy(EXTERNAL)
    assert handle_pre_sign_up(event, cognito=client) == EXTERNAL  # nothing auto-verified


def test_a_lower_cased_provider_prefix_still_names_the_provider(
    cognito: tuple[Any, Stubber],
) -> None:
    client, stubber = cognito
    stubber.add_response("list_users", {"Users": [pool_user()]}, LIST_PARAMS)
    stubber.add_response("admin_link_provider_for_user", {}, LINK_PARAMS)
    handle_pre_sign_up({**EXTERNAL, "userName": f"facebook_{FB_ID}"}, cognito=client)


@pytest.mark.parametrize(
    "candidate",
    [
        pytest.param(pool_user(verified="false"), id="unverified-email"),
        pytest.param(pool_user(status="UNCONFIRMED"), id="unconfirmed"),
        pytest.param(pool_user(enabled=False), id="disabled"),
        pytest.param(pool_user(email="otra@example.mx"), id="other-email"),
        pytest.param(pool_user("Facebook_1", status="EXTERNAL_PROVIDER"), id="federated-only"),
    ],
)
def test_no_link_without_a_confirmed_verified_native_account(
    cognito: tuple[Any, Stubber], candidate: dict[str, Any]
) -> None:
    client, stubber = cognito
    stubber.add_response("list_users", {"Users": [candidate]}, LIST_PARAMS)
    # No admin_link_provider_for_user stubbed: calling it would fail the test.
    assert handle_pre_sign_up(copy.deepcopy(EXTERNAL), cognito=client) == EXTERNAL


def test_no_account_with_that_email_means_a_new_facebook_user(
    cognito: tuple[Any, Stubber],
) -> None:
    client, stubber = cognito
    stubber.add_response("list_users", {"Users": []}, LIST_PARAMS)
    assert handle_pre_sign_up(copy.deepcopy(EXTERNAL), cognito=client) == EXTERNAL


def test_a_retry_after_the_link_went_through_calls_nothing_more(
    cognito: tuple[Any, Stubber],
) -> None:
    client, stubber = cognito
    linked = pool_user(identities=[{"providerName": "Facebook", "userId": FB_ID}])
    stubber.add_response("list_users", {"Users": [linked]}, LIST_PARAMS)
    handle_pre_sign_up(copy.deepcopy(EXTERNAL), cognito=client)


def test_an_account_linked_to_another_facebook_user_is_not_moved(
    cognito: tuple[Any, Stubber],
) -> None:
    client, stubber = cognito
    other = pool_user(identities=[{"providerName": "Facebook", "userId": "999"}])
    stubber.add_response("list_users", {"Users": [other]}, LIST_PARAMS)
    handle_pre_sign_up(copy.deepcopy(EXTERNAL), cognito=client)


@pytest.mark.parametrize("failing", ["list_users", "admin_link_provider_for_user"])
def test_a_cognito_failure_refuses_the_sign_in_rather_than_split_the_account(
    cognito: tuple[Any, Stubber], failing: str, caplog: pytest.LogCaptureFixture
) -> None:
    client, stubber = cognito
    if failing == "list_users":
        stubber.add_client_error("list_users", "TooManyRequestsException", http_status_code=429)
    else:
        stubber.add_response("list_users", {"Users": [pool_user()]}, LIST_PARAMS)
        stubber.add_client_error("admin_link_provider_for_user", "InternalErrorException")
    caplog.set_level(logging.INFO, logger="db.cognito_presignup")
    with pytest.raises(SignUpRefused, match=TRY_AGAIN):
        handle_pre_sign_up(copy.deepcopy(EXTERNAL), cognito=client)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert EMAIL not in logged
    assert NATIVE not in logged
    assert FB_ID not in logged


@pytest.mark.parametrize(
    "event",
    [
        pytest.param({**EXTERNAL, "userName": "Google_123"}, id="other-provider"),
        pytest.param({**EXTERNAL, "userName": "Facebook_"}, id="no-provider-user-id"),
        pytest.param(
            {**EXTERNAL, "request": {"userAttributes": {"email": 'a" or email ^= "'}}},
            id="filter-injection",
        ),
        pytest.param({**EXTERNAL, "request": {"userAttributes": {}}}, id="no-email"),
        pytest.param({**EXTERNAL, "request": "garbage"}, id="garbage-request"),
        pytest.param({**EXTERNAL, "triggerSource": "PreSignUp_AdminCreateUser"}, id="admin"),
    ],
)
def test_nothing_is_asked_of_cognito_for_events_it_cannot_link(
    cognito: tuple[Any, Stubber], event: dict[str, Any]
) -> None:
    client, _ = cognito
    assert handle_pre_sign_up(event, cognito=client) == event


def test_email_sign_up_with_a_facebook_users_address_is_refused(
    cognito: tuple[Any, Stubber],
) -> None:
    client, stubber = cognito
    facebook_user = pool_user(f"Facebook_{FB_ID}", status="EXTERNAL_PROVIDER", verified="false")
    stubber.add_response("list_users", {"Users": [facebook_user]}, LIST_PARAMS)
    with pytest.raises(SignUpRefused, match="Continuar con Facebook"):
        handle_pre_sign_up(copy.deepcopy(SIGN_UP), cognito=client)
    assert "Facebook" in USE_FACEBOOK


def test_email_sign_up_goes_ahead_when_no_facebook_user_has_the_address(
    cognito: tuple[Any, Stubber],
) -> None:
    client, stubber = cognito
    stubber.add_response("list_users", {"Users": []}, LIST_PARAMS)
    assert handle_pre_sign_up(copy.deepcopy(SIGN_UP), cognito=client) == SIGN_UP


def test_email_sign_up_fails_open_when_cognito_cannot_be_asked(
    cognito: tuple[Any, Stubber],
) -> None:
    client, stubber = cognito
    stubber.add_client_error("list_users", "InternalErrorException")
    assert handle_pre_sign_up(copy.deepcopy(SIGN_UP), cognito=client) == SIGN_UP


def _user(**kw: Any) -> PoolUser:
    base: dict[str, Any] = {
        "username": NATIVE,
        "status": "CONFIRMED",
        "enabled": True,
        "email": EMAIL,
        "email_verified": True,
        "linked": (),
    }
    return PoolUser(**(base | kw))


def test_link_target_matches_the_address_whatever_its_case() -> None:
    assert link_target([_user(email="Ana.Trabajadora@Example.MX")], email=EMAIL) is not None


def test_link_target_refuses_to_guess_between_two_accounts() -> None:
    assert link_target([_user(), _user(username="other")], email=EMAIL) is None
