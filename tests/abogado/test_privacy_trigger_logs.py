"""The Cognito trigger logs a broken configuration by its type only: the settings' validation
error quotes its input, a database URL with its password."""

from __future__ import annotations

import logging

import pytest

from abogado import lambda_handlers

PASSWORD = "Hunter2-db-password"
EVENT = {
    "triggerSource": "PostConfirmation_ConfirmSignUp",
    "userPoolId": "us-east-1_AbCdEfGhI",
    "userName": "ana",
    "request": {"userAttributes": {"sub": "sub-ana", "email": "ana@example.mx"}},
}


def test_a_broken_configuration_is_logged_without_its_values(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # aws refuses a SQLite URL: the validation error carries the URL, password included.
    monkeypatch.setenv("ABOGADO_PROFILE", "aws")
    monkeypatch.setenv("ABOGADO_DATABASE__URL", f"sqlite:///x.db?password={PASSWORD}")
    monkeypatch.setattr(lambda_handlers, "_cognito", None)  # a cold container
    caplog.set_level(logging.DEBUG)
    assert lambda_handlers.cognito_post_confirmation(EVENT, None) == EVENT
    logged = "\n".join(caplog.handler.format(r) for r in caplog.records)
    assert "InvalidSettings" in logged
    assert PASSWORD not in logged
    assert "ana@example.mx" not in logged
