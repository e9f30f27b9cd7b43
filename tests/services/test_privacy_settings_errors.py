"""A settings error names the field and the rule, never the values: pydantic's own message
quotes its input, which holds the database URL with its password (a Lambda's init error log)."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.stub import Stubber

from services.errors import AbogadoError
from services.secrets import resolve_secrets
from services.settings import DatabaseSettings, SecretsSettings, Settings, load_settings

ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:abogado-{}-AbCdEf"
PASSWORD = "Hunter2-db-password"


def test_secrets_that_do_not_validate_are_reported_without_values() -> None:
    settings = Settings(
        database=DatabaseSettings(url="mysql+pymysql://proxy.example:3306/abogado"),
        secrets=SecretsSettings(telegram_arn=ARN.format("t"), database_arn=ARN.format("d")),
    )
    client = boto3.client(
        "secretsmanager", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    stubber = Stubber(client)
    for name, values in (
        ("t", {"bot_token": "1:a", "webhook_secret": "has spaces!"}),
        ("d", {"username": "app", "password": PASSWORD}),
    ):
        stubber.add_response(
            "get_secret_value",
            {"ARN": ARN.format(name), "Name": name, "SecretString": json.dumps(values)},
            {"SecretId": ARN.format(name)},
        )
    with stubber, pytest.raises(AbogadoError, match="webhook_secret") as caught:
        resolve_secrets(settings, client=client)
    assert isinstance(caught.value, ValueError)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__
    assert PASSWORD not in str(caught.value)
    assert "has spaces" not in str(caught.value)


def test_an_invalid_environment_is_reported_without_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ABOGADO_PROFILE", "aws")
    monkeypatch.setenv("ABOGADO_DATABASE__URL", f"sqlite:///x.db?password={PASSWORD}")
    with pytest.raises(AbogadoError, match="MySQL") as caught:
        load_settings()
    assert PASSWORD not in str(caught.value)
    assert caught.value.__suppress_context__
