"""Secrets Manager values fill the settings at cold start (botocore Stubber, no AWS)."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.stub import Stubber

from services.errors import AbogadoError
from services.secrets import resolve_secrets
from services.settings import DatabaseSettings, SecretsSettings, Settings

ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:abogado-{}-AbCdEf"


def _client() -> tuple[object, Stubber]:
    client = boto3.client(
        "secretsmanager",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    return client, Stubber(client)


def _answer(stubber: Stubber, name: str, values: dict[str, str]) -> None:
    stubber.add_response(
        "get_secret_value",
        {"ARN": ARN.format(name), "Name": name, "SecretString": json.dumps(values)},
        {"SecretId": ARN.format(name)},
    )


def test_every_named_secret_lands_in_its_setting() -> None:
    settings = Settings(
        database=DatabaseSettings(url="mysql+pymysql://proxy.example:3306/abogado?charset=utf8mb4"),
        secrets=SecretsSettings(
            telegram_arn=ARN.format("telegram"),
            twilio_arn=ARN.format("twilio"),
            database_arn=ARN.format("database"),
            qdrant_arn=ARN.format("qdrant"),
            sessions_arn=ARN.format("sessions"),
        ),
    )
    client, stubber = _client()
    _answer(stubber, "telegram", {"bot_token": "123:abc", "webhook_secret": "s3cr3t_-X"})
    _answer(stubber, "twilio", {"auth_token": "twilio-token"})
    _answer(stubber, "qdrant", {"api_key": "qdrant-key"})
    _answer(stubber, "database", {"username": "app", "password": "p@ss/word"})
    _answer(stubber, "sessions", {"cookie_key": "cookie-key"})
    with stubber:
        resolved = resolve_secrets(settings, client=client)
    stubber.assert_no_pending_responses()
    assert resolved.telegram.bot_token is not None
    assert resolved.telegram.bot_token.get_secret_value() == "123:abc"
    assert resolved.telegram.webhook_secret is not None
    assert resolved.telegram.webhook_secret.get_secret_value() == "s3cr3t_-X"
    assert resolved.twilio.auth_token is not None
    assert resolved.twilio.auth_token.get_secret_value() == "twilio-token"
    assert resolved.qdrant.api_key is not None
    assert resolved.qdrant.api_key.get_secret_value() == "qdrant-key"
    assert resolved.session_key is not None
    assert resolved.session_key.get_secret_value() == "cookie-key"
    # Credentials are URL-escaped into the proxy URL; the query string survives.
    assert resolved.database.url == (
        "mysql+pymysql://app:p%40ss%2Fword@proxy.example:3306/abogado?charset=utf8mb4"
    )
    # Secrets never show in the settings' repr.
    assert "twilio-token" not in repr(resolved)


def test_a_bad_webhook_secret_from_the_store_is_refused() -> None:
    settings = Settings(secrets=SecretsSettings(telegram_arn=ARN.format("telegram")))
    client, stubber = _client()
    _answer(stubber, "telegram", {"bot_token": "1:a", "webhook_secret": "has spaces!"})
    with stubber, pytest.raises(ValueError, match="webhook_secret"):
        resolve_secrets(settings, client=client)


def test_an_unreadable_secret_is_a_clear_error() -> None:
    settings = Settings(secrets=SecretsSettings(twilio_arn=ARN.format("twilio")))
    client, stubber = _client()
    stubber.add_client_error(
        "get_secret_value", service_error_code="AccessDeniedException", http_status_code=400
    )
    with stubber, pytest.raises(AbogadoError, match="cannot read secret"):
        resolve_secrets(settings, client=client)
